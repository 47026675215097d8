"""Accounts in the admin: addresses normalised to lower case, a French error for one already in use, audited."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

from relais.accounts.models import MembershipSuggestion, ProConnectIdentity, User, normalise_email
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


@admin.register(ProConnectIdentity)
class ProConnectIdentityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Read-only; deleting unlinks the account, whose next ProConnect login links it again by e-mail address
    (the way a staff account's subject is changed, since a login never does it)."""

    audit_actions = (
        A.ACCOUNT_PROCONNECT_LINK,
        A.ACCOUNT_PROCONNECT_SUBJECT_CHANGE,
        A.ACCOUNT_PROCONNECT_UNLINK,
    )
    list_display = ["user", "issuer", "linked_at", "last_login_at"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "issuer", "subject", "linked_at", "last_login_at", "last_amr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MembershipSuggestion)
class MembershipSuggestionAdmin(admin.ModelAdmin):
    """Read-only: managers decide on their page (/comptes/proconnect/rattachements/), through the services."""

    list_display = ["user", "organization", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["user__email", "organization__name", "siret"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
