from django.contrib import admin

from relais.organizations.models import Membership, Organization, PartnerReferent, Person, Site


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    raw_id_fields = ["commune"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
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
