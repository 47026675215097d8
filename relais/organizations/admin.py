"""The directory in the admin: the same SIRET and referent rules as the pages and services, and audited."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from relais.core.admin_audit import AuditedAdminMixin
from relais.core.enums import AuditAction as A
from relais.core.scope import NON_STAFF_ROLES
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Membership, Organization, PartnerReferent, Person, Site
from relais.organizations.services import check_siret_free, validate_referent, validate_siret

MEMBERSHIP_ACTIONS = (A.MEMBERSHIP_ADD, A.MEMBERSHIP_UPDATE, A.MEMBERSHIP_REMOVE)
SITE_ACTIONS = (A.SITE_CREATE, A.SITE_UPDATE, A.SITE_DELETE)


# The platform's administrators read the directory, never young people's data (see Scope.is_platform_staff).
# A role that reaches that data (staff of a Mission Locale, a partner referent) is therefore never granted by
# an administrator to their own account: another administrator grants it, and the grant is audited.
SELF_GRANT_REFUSED = (
    "Vous ne pouvez pas vous attribuer vous-même un rôle qui donne accès aux données des jeunes "
    "d'une Mission Locale : un autre administrateur doit le faire."
)


def reaches_young_people(*, organization, role, is_active=True) -> bool:
    """Whether this role makes one staff of a Mission Locale (the definition of Scope.mission_locale_ids)."""
    return bool(
        is_active
        and organization is not None
        and organization.kind == OrganizationKind.MISSION_LOCALE
        and role
        and role not in NON_STAFF_ROLES
    )


def is_own_person(person, user) -> bool:
    return (
        person is not None and user is not None and person.user_id is not None and person.user_id == user.pk
    )


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    raw_id_fields = ["commune"]


class MembershipFormSet(BaseInlineFormSet):
    """Refuses a row that would give the administrator submitting it access to young people's data."""

    request_user = None  # set per request by MembershipInline.get_formset

    def clean(self):
        super().clean()
        for form in self.forms:
            if form.errors or not form.has_changed() or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            granted = reaches_young_people(
                organization=data.get("organization"), role=data.get("role"), is_active=data.get("is_active")
            )
            if granted and is_own_person(data.get("person"), self.request_user):
                form.add_error(None, SELF_GRANT_REFUSED)


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["person"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user  # a class built for this request
        return formset


class OrganizationAdminForm(forms.ModelForm):
    # Wider than the stored 14 digits so that "732 829 320 00074" can be pasted and normalised.
    siret = forms.CharField(label="SIRET", max_length=20, required=False)

    class Meta:
        model = Organization
        fields = [
            "kind",
            "name",
            "short_name",
            "slug",
            "parent",
            "region",
            "departments",
            "siret",
            "imilo_code",
            "naf_sectors",
            "sector_label",
            "description",
            "address",
            "postal_code",
            "commune",
            "phone",
            "email",
            "website",
            "is_active",
        ]

    def clean(self):
        cleaned = super().clean()
        if "siret" in cleaned:
            try:
                cleaned["siret"] = validate_siret(cleaned["siret"], kind=cleaned.get("kind", ""))
                check_siret_free(cleaned["siret"], self.instance.pk)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(Organization)
class OrganizationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_actions = (A.ORGANIZATION_CREATE, A.ORGANIZATION_UPDATE, A.ORGANIZATION_DELETE)
    inline_audit_actions = {Membership: MEMBERSHIP_ACTIONS, Site: SITE_ACTIONS}
    form = OrganizationAdminForm
    list_display = ["name", "kind", "region", "imilo_code", "parent", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["name", "short_name", "imilo_code", "siret", "slug"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["commune"]
    filter_horizontal = ["departments", "naf_sectors"]
    exclude = ["covered_communes"]
    inlines = [SiteInline, MembershipInline]

    def save_model(self, request, obj, form, change):
        obj.refresh_search_text()
        super().save_model(request, obj, form, change)


class PersonAdminForm(forms.ModelForm):
    request_user = None  # set per request by PersonAdmin.get_form

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone", "user"]

    def clean_user(self):
        # Linking one's own account to a person who already works in a Mission Locale is the same grant.
        user = self.cleaned_data.get("user")
        person = self.instance
        if user is None or self.request_user is None or user.pk != self.request_user.pk or person.pk is None:
            return user
        if person.user_id == user.pk:
            return user
        memberships = person.memberships.filter(is_active=True).select_related("organization")
        reaches = (
            any(reaches_young_people(organization=m.organization, role=m.role) for m in memberships)
            or person.referent_of.exists()
        )
        if reaches:
            raise forms.ValidationError(SELF_GRANT_REFUSED)
        return user


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_actions = (A.PERSON_CREATE, A.PERSON_UPDATE, A.PERSON_DELETE)
    form = PersonAdminForm
    inline_audit_actions = {Membership: MEMBERSHIP_ACTIONS}
    list_display = ["last_name", "first_name", "email", "user"]
    search_fields = ["last_name", "first_name", "email"]
    inlines = [MembershipInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user  # a class built for this request
        return form


class PartnerReferentAdminForm(forms.ModelForm):
    request_user = None  # set per request by PartnerReferentAdmin.get_form

    class Meta:
        model = PartnerReferent
        fields = ["mission_locale", "partner", "person", "since"]

    def clean(self):
        cleaned = super().clean()
        parts = {name: cleaned.get(name) for name in ("mission_locale", "partner", "person")}
        # A named referent reads the positionings of the pair: never granted to oneself.
        if "person" in self.changed_data and is_own_person(parts["person"], self.request_user):
            self.add_error("person", SELF_GRANT_REFUSED)
            return cleaned
        if all(parts.values()):
            try:
                validate_referent(**parts)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(PartnerReferent)
class PartnerReferentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_actions = (A.REFERENT_ASSIGN, A.REFERENT_UPDATE, A.REFERENT_REMOVE)
    form = PartnerReferentAdminForm
    list_display = ["mission_locale", "partner", "person"]
    autocomplete_fields = ["mission_locale", "partner", "person"]
    search_fields = ["mission_locale__name", "partner__name", "person__last_name"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user  # a class built for this request
        return form
