from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from relais.organizations.models import Membership, Organization, PartnerReferent, Person, Site
from relais.organizations.services import validate_siret


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    raw_id_fields = ["commune"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


class OrganizationAdminForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "kind", "name", "short_name", "slug", "parent", "region", "departments", "siret", "imilo_code",
            "naf_sectors", "sector_label", "description", "address", "postal_code", "commune", "phone", "email",
            "website", "is_active",
        ]

    def clean_siret(self):
        try:
            return validate_siret(self.cleaned_data.get("siret", ""))
        except ValidationError as error:
            raise ValidationError(error.message_dict["siret"]) from error


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = ["name", "kind", "region", "imilo_code", "parent", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["name", "short_name", "imilo_code", "siret", "slug"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["commune"]
    filter_horizontal = ["departments", "naf_sectors"]
    exclude = ["covered_communes"]
    inlines = [SiteInline, MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "user"]
    search_fields = ["last_name", "first_name", "email"]
    inlines = [MembershipInline]


@admin.register(PartnerReferent)
class PartnerReferentAdmin(admin.ModelAdmin):
    list_display = ["mission_locale", "partner", "person"]
    autocomplete_fields = ["mission_locale", "partner", "person"]
    search_fields = ["mission_locale__name", "partner__name", "person__last_name"]
