"""The directory in the admin: the same SIRET and referent rules as the pages and services, and audited."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from relais.core.admin_audit import AuditedAdminMixin
from relais.core.enums import AuditAction as A
from relais.organizations.models import Membership, Organization, PartnerReferent, Person, Site
from relais.organizations.services import check_siret_free, validate_referent, validate_siret

MEMBERSHIP_ACTIONS = (A.MEMBERSHIP_ADD, A.MEMBERSHIP_UPDATE, A.MEMBERSHIP_REMOVE)
SITE_ACTIONS = (A.SITE_CREATE, A.SITE_UPDATE, A.SITE_DELETE)


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    raw_id_fields = ["commune"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


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


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_actions = (A.PERSON_CREATE, A.PERSON_UPDATE, A.PERSON_DELETE)
    inline_audit_actions = {Membership: MEMBERSHIP_ACTIONS}
    list_display = ["last_name", "first_name", "email", "user"]
    search_fields = ["last_name", "first_name", "email"]
    inlines = [MembershipInline]


class PartnerReferentAdminForm(forms.ModelForm):
    class Meta:
        model = PartnerReferent
        fields = ["mission_locale", "partner", "person", "since"]

    def clean(self):
        cleaned = super().clean()
        parts = {name: cleaned.get(name) for name in ("mission_locale", "partner", "person")}
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
