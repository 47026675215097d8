"""Login and password forms rendered with the DSFR form templates; new passwords go through the service."""

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)
from dsfr.forms import DsfrBaseForm

from relais.accounts import services


class LoginForm(DsfrBaseForm, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }


class ResetRequestForm(DsfrBaseForm, PasswordResetForm):
    email = forms.EmailField(label="Adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class NewPasswordForm(DsfrBaseForm, SetPasswordForm):
    """The new password chosen from the link received by e-mail."""

    def save(self, commit=True):
        services.password_set(
            user=self.user, password=self.cleaned_data["new_password1"], acting_user=self.user, via="reset"
        )
        return self.user


class ChangePasswordForm(DsfrBaseForm, PasswordChangeForm):
    """A logged-in user replaces their password: the current one, then the new one twice."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Le mot de passe actuel est incorrect.",
        "password_unchanged": "Le nouveau mot de passe doit être différent du mot de passe actuel.",
    }

    old_password = forms.CharField(
        label="Mot de passe actuel",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1="Nouveau mot de passe", label2="Confirmation du nouveau mot de passe"
    )

    def clean_new_password1(self):
        password = self.cleaned_data.get("new_password1")
        if password and self.user.check_password(password):
            raise forms.ValidationError(self.error_messages["password_unchanged"], code="password_unchanged")
        return password

    def save(self, commit=True):
        services.password_set(
            user=self.user, password=self.cleaned_data["new_password1"], acting_user=self.user, via="change"
        )
        return self.user
