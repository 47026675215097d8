"""Writes of the network directory: organisations, people, memberships, referents, sites."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from stdnum.fr import siret as siret_checker

from relais.core.scope import Scope
from relais.core.services import audit
from relais.organizations.enums import SIRET_REQUIRED_KINDS, OrganizationKind
from relais.organizations.models import (
    SIRET_INVALID,
    Membership,
    Organization,
    PartnerReferent,
    Person,
    Site,
    search_text_of,
    validate_siret_checksum,
)
from relais.organizations.selectors import can_manage, can_manage_referents
from relais.territories.models import Region


def validate_siret(value: str, *, kind: str = "") -> str:
    """Return the normalised SIRET or raise a French validation error (Luhn checksum, La Poste exception).

    Optional, except for the kinds known by their establishment (companies, interim agencies).
    """
    compact = siret_checker.compact(value or "")
    if not compact:
        if kind in SIRET_REQUIRED_KINDS:
            label = OrganizationKind(kind).label
            raise ValidationError({"siret": f"Le SIRET est obligatoire pour le type « {label} »."})
        return ""
    try:
        validate_siret_checksum(compact)
    except ValidationError:
        raise ValidationError({"siret": SIRET_INVALID}) from None
    return compact


def check_siret_free(siret: str, organization_pk: int | None = None) -> None:
    if siret and Organization.objects.filter(siret=siret).exclude(pk=organization_pk).exists():
        raise ValidationError({"siret": "Une autre organisation porte déjà ce numéro SIRET."})


def ensure_organization(
    *, slug: str, kind: str, name: str, region_code: str | None = None, **fields
) -> Organization:
    """Get the well-known organisation with this slug, creating it if needed (used by loaders and seeds)."""
    defaults = {"kind": kind, "name": name, **fields}
    if not Organization.objects.filter(slug=slug).exists():
        defaults["siret"] = validate_siret(defaults.get("siret", ""), kind=kind)
        check_siret_free(defaults["siret"])
    if region_code:
        defaults["region"] = Region.objects.get(code=region_code)
    defaults["search_text"] = search_text_of(
        name, fields.get("short_name", ""), fields.get("sector_label", "")
    )
    organization, _ = Organization.objects.get_or_create(slug=slug, defaults=defaults)
    return organization


@transaction.atomic
def person_create(*, first_name: str, last_name: str, email: str = "", phone: str = "", user=None) -> Person:
    return Person.objects.create(
        first_name=first_name, last_name=last_name, email=email, phone=phone, user=user
    )


@transaction.atomic
def membership_add(*, person: Person, organization: Organization, role: str, scope: Scope, title: str = ""):
    """Add a role to a person; loaders pass ``Scope.system()`` (not audited, as before: no one acted)."""
    if not can_manage(scope, organization):
        raise PermissionDenied
    membership, created = Membership.objects.get_or_create(
        person=person, organization=organization, role=role, defaults={"title": title}
    )
    if created and scope.actor is not None:
        audit(
            actor=scope.actor,
            action="membership.add",
            obj=membership,
            role=role,
            person=person.pk,
            organization=organization.pk,
        )
    return membership


def validate_referent(*, mission_locale: Organization, partner: Organization, person: Person) -> None:
    """The rules of a partner referent, shared by the page and the admin: raise a French ValidationError."""
    if mission_locale.kind != OrganizationKind.MISSION_LOCALE:
        raise ValidationError(
            {"mission_locale": "Un référent partenaire est désigné par une Mission Locale."}
        )
    if not partner.is_partner:
        raise ValidationError({"partner": "La structure choisie n'est pas un partenaire."})
    if not Membership.objects.filter(person=person, organization=mission_locale, is_active=True).exists():
        raise ValidationError({"person": "Le référent doit faire partie de l'équipe de la Mission Locale."})


@transaction.atomic
def referent_assign(*, mission_locale: Organization, partner: Organization, person: Person, scope: Scope):
    """Name (or replace) the Mission Locale's referent for a partner; the person must work in that ML."""
    if not can_manage_referents(scope, mission_locale):
        raise PermissionDenied
    validate_referent(mission_locale=mission_locale, partner=partner, person=person)
    referent, _ = PartnerReferent.objects.update_or_create(
        mission_locale=mission_locale, partner=partner, defaults={"person": person}
    )
    audit(actor=scope.actor, action="referent.assign", obj=referent, person=person.pk)
    return referent


@transaction.atomic
def referents_assign(*, mission_locale: Organization, choices, scope: Scope) -> list[PartnerReferent]:
    """Name several referents of one Mission Locale at once ((partner, person) pairs): all or none."""
    return [
        referent_assign(mission_locale=mission_locale, partner=partner, person=person, scope=scope)
        for partner, person in choices
    ]


@transaction.atomic
def referent_remove(*, referent: PartnerReferent, scope: Scope) -> None:
    if not can_manage_referents(scope, referent.mission_locale):
        raise PermissionDenied
    audit(actor=scope.actor, action="referent.remove", obj=referent, person=referent.person_id)
    referent.delete()


SITE_FIELDS = ("name", "address", "postal_code", "commune", "phone", "is_main")


def _validate_site(fields: dict) -> None:
    unexpected = set(fields) - set(SITE_FIELDS)
    if unexpected:
        raise TypeError(f"Unexpected site fields: {sorted(unexpected)}")
    commune, postal_code = fields.get("commune"), fields.get("postal_code")
    if (
        commune is not None
        and postal_code
        and commune.postal_codes
        and postal_code not in commune.postal_codes
    ):
        raise ValidationError(
            {"postal_code": f"Le code postal {postal_code} ne correspond pas à la commune {commune.name}."}
        )


def _keep_one_main_site(site: Site) -> None:
    if site.is_main:
        Site.objects.filter(organization_id=site.organization_id, is_main=True).exclude(pk=site.pk).update(
            is_main=False
        )


@transaction.atomic
def site_create(*, organization: Organization, scope: Scope, **fields) -> Site:
    if not can_manage(scope, organization):
        raise PermissionDenied
    _validate_site(fields)
    site = Site.objects.create(organization=organization, **fields)
    _keep_one_main_site(site)
    audit(actor=scope.actor, action="site.create", obj=site)
    return site


@transaction.atomic
def site_update(*, site: Site, scope: Scope, **fields) -> Site:
    if not can_manage(scope, site.organization):
        raise PermissionDenied
    _validate_site(fields)
    changed = [name for name, value in fields.items() if getattr(site, name) != value]
    for name in changed:
        setattr(site, name, fields[name])
    if changed:
        site.save(update_fields=changed)
        _keep_one_main_site(site)
        audit(actor=scope.actor, action="site.update", obj=site, fields=changed)
    return site


@transaction.atomic
def site_delete(*, site: Site, scope: Scope) -> None:
    if not can_manage(scope, site.organization):
        raise PermissionDenied
    audit(actor=scope.actor, action="site.delete", obj=site, organization=site.organization_id)
    site.delete()
