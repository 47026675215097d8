"""Login, logout, password change and password reset pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from relais.accounts.forms import ChangePasswordForm, LoginForm, NewPasswordForm, ResetRequestForm
from relais.accounts.proconnect import provider
from relais.accounts.proconnect.views import ID_TOKEN_KEY, end_session_redirect

public = method_decorator(login_not_required, name="dispatch")


@public
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proconnect_enabled": provider.enabled()}


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        """Relais' session ends; one opened with ProConnect ends at the provider too (end-session endpoint)."""
        id_token = request.session.get(ID_TOKEN_KEY, "")
        response = super().post(request, *args, **kwargs)
        if id_token and provider.enabled():
            return end_session_redirect(request, id_token) or response
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Votre mot de passe est modifié. Vos autres sessions ont été fermées.")
        return response


@public
class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/reset_request.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/emails/reset.txt"
    subject_template_name = "accounts/emails/reset_subject.txt"
    success_url = reverse_lazy("accounts:reset_sent")

    def form_valid(self, form):
        # The link is built from the configured address, never from the Host header of the request, which
        # anyone can set (password-reset poisoning).
        self.extra_email_context = {"base_url": settings.RELAIS_BASE_URL}
        form.save(
            domain_override=urlsplit(settings.RELAIS_BASE_URL).netloc,
            use_https=settings.RELAIS_BASE_URL.startswith("https://"),
            token_generator=self.token_generator,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            extra_email_context=self.extra_email_context,
        )
        return super(auth_views.PasswordResetView, self).form_valid(form)


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
