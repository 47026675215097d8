"""Login, logout and password reset pages."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from relais.accounts.forms import LoginForm, NewPasswordForm, ResetRequestForm

public = method_decorator(login_not_required, name="dispatch")


@public
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@public
class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/reset_request.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/emails/reset.txt"
    subject_template_name = "accounts/emails/reset_subject.txt"
    success_url = reverse_lazy("accounts:reset_sent")


@public
class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/reset_sent.html"


@public
class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:reset_complete")


@public
class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/reset_complete.html"
