"""Accounts in the admin: addresses normalised to lower case, a French error for one already in use, audited."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

from relais.accounts.models import User, normalise_email
from relais.core.admin_audit import AuditedAdminMixin
from relais.core.enums import AuditAction as A

EMAIL_TAKEN = "Un compte existe déjà avec cette adresse e-mail."


class _NormalisedEmailMixin:
    def clean_email(self):
        email = normalise_email(self.cleaned_data.get("email", ""))
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(EMAIL_TAKEN)
        return email


class UserCreationAdminForm(_NormalisedEmailMixin, BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeAdminForm(_NormalisedEmailMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    # Rights (is_staff, is_superuser, groups) are the platform's roles: their changes are audited.
    audit_actions = (A.ACCOUNT_CREATE, A.ACCOUNT_UPDATE, A.ACCOUNT_DELETE)
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
