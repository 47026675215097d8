"""Reads of partner sheets, within what the acting Scope may see."""

from django.db.models import Prefetch
from django.http import Http404

from relais.core.scope import Scope
from relais.organizations.enums import PARTNER_KINDS, Role
from relais.organizations.models import Membership, Organization
from relais.organizations.selectors import referents_for_partner
from relais.sheets.models import PartnerSheet
from relais.sheets.perms import can_view

# Members shown as the structure's own contacts when its sheet names none.
CONTACT_ROLES = {Role.COORDINATOR, Role.DIRECTOR, Role.PARTNER_RECRUITER}


def organization_with_sheet(scope: Scope, pk: int) -> Organization:
    """The partner (or network head) and its sheet, if any, with what the sheet shows; 404 outside the scope."""
    queryset = (
        Organization.objects.filter(kind__in=PARTNER_KINDS)
        .select_related("parent", "region")
        .prefetch_related(
            "naf_sectors",
            "departments",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(is_active=True, role__in=CONTACT_ROLES)
                .select_related("person")
                .order_by("role", "person__last_name"),
                to_attr="contact_memberships",
            ),
        )
    )
    organization = queryset.filter(pk=pk).first()
    if organization is None or not can_view(scope, organization):
        raise Http404("Fiche introuvable.")
    organization.sheet_or_none = (
        PartnerSheet.objects.filter(organization=organization)
        .prefetch_related("naf_sectors", "rome_families", "departments", "contacts", "documents")
        .first()
    )
    return organization


def sheet_context(organization: Organization) -> dict:
    """What the page and the PDF show, in the same fixed order: sheet values, else the directory's."""
    sheet = organization.sheet_or_none
    return {
        "organization": organization,
        "sheet": sheet,
        "presentation": (sheet.presentation if sheet else "") or organization.description,
        "offer": sheet.offer if sheet else "",
        "sectors": list(sheet.naf_sectors.all())
        if sheet and sheet.naf_sectors.all()
        else list(organization.naf_sectors.all()),
        "families": list(sheet.rome_families.all()) if sheet else [],
        "departments": list(sheet.departments.all())
        if sheet and sheet.departments.all()
        else list(organization.departments.all()),
        "territory_note": sheet.territory_note if sheet else "",
        "contacts": list(sheet.contacts.all()) if sheet else [],
        "members": organization.contact_memberships,
        "referents": list(referents_for_partner(organization)),
        "documents": list(sheet.documents.all()) if sheet else [],
        "has_logo": bool(sheet and sheet.logo),
    }
