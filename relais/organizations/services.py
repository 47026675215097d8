"""Writes of the network directory: organisations, people, memberships, referents, sites."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from stdnum.fr import siret as siret_checker

from relais.core.services import audit
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Membership, Organization, PartnerReferent, Person, Site
from relais.organizations.selectors import can_manage
from relais.territories.models import Region


def validate_siret(value: str) -> str:
    """Return the normalised SIRET or raise a French validation error (Luhn checksum, La Poste exception)."""
    compact = siret_checker.compact(value or "")
    if not compact:
        return ""
    if not siret_checker.is_valid(compact):
        raise ValidationError({"siret": "Ce numéro SIRET n'est pas valide (14 chiffres avec une clé de contrôle)."})
    return compact


def ensure_organization(*, slug: str, kind: str, name: str, region_code: str | None = None, **fields) -> Organization:
    """Get the well-known organisation with this slug, creating it if needed (used by loaders and seeds)."""
    defaults = {"kind": kind, "name": name, **fields}
    if region_code:
        defaults["region"] = Region.objects.get(code=region_code)
    organization, _ = Organization.objects.get_or_create(slug=slug, defaults=defaults)
    return organization


@transaction.atomic
def person_create(*, first_name: str, last_name: str, email: str = "", phone: str = "", user=None) -> Person:
    return Person.objects.create(first_name=first_name, last_name=last_name, email=email, phone=phone, user=user)


@transaction.atomic
def membership_add(*, person: Person, organization: Organization, role: str, title: str = "", acting_user=None):
    if acting_user is not None and not can_manage(acting_user, organization):
        raise PermissionDenied
    membership, created = Membership.objects.get_or_create(
        person=person, organization=organization, role=role, defaults={"title": title}
    )
    if created and acting_user is not None:
        audit(actor=acting_user, action="membership.add", obj=membership, role=role)
    return membership


@transaction.atomic
def referent_assign(*, mission_locale: Organization, partner: Organization, person: Person, acting_user=None):
    """Name (or replace) the Mission Locale's referent for a partner; the person must work in that ML."""
    if mission_locale.kind != OrganizationKind.MISSION_LOCALE:
        raise ValidationError("Un référent partenaire est désigné par une Mission Locale.")
    if not partner.is_partner:
        raise ValidationError("La structure choisie n'est pas un partenaire.")
    if acting_user is not None and not can_manage_referents(acting_user, mission_locale):
        raise PermissionDenied
    if not Membership.objects.filter(person=person, organization=mission_locale, is_active=True).exists():
        raise ValidationError("Le référent doit faire partie de l'équipe de la Mission Locale.")
    referent, _ = PartnerReferent.objects.update_or_create(
        mission_locale=mission_locale, partner=partner, defaults={"person": person}
    )
    audit(actor=acting_user, action="referent.assign", obj=referent, person=person.pk)
    return referent


@transaction.atomic
def referent_remove(*, referent: PartnerReferent, acting_user) -> None:
    if not can_manage_referents(acting_user, referent.mission_locale):
        raise PermissionDenied
    audit(actor=acting_user, action="referent.remove", obj=referent, person=referent.person_id)
    referent.delete()


def can_manage_referents(user, mission_locale: Organization) -> bool:
    """The ML's directors and its parent ARML's coordinators name referents; so do its CREs."""
    from relais.organizations.enums import Role
    from relais.organizations.selectors import has_role

    return can_manage(user, mission_locale) or has_role(user, Role.CRE, mission_locale.pk)


SITE_FIELDS = ("name", "address", "postal_code", "commune", "phone", "is_main")


def _validate_site(fields: dict) -> None:
    unexpected = set(fields) - set(SITE_FIELDS)
    if unexpected:
        raise TypeError(f"Unexpected site fields: {sorted(unexpected)}")
    commune, postal_code = fields.get("commune"), fields.get("postal_code")
    if commune is not None and postal_code and commune.postal_codes and postal_code not in commune.postal_codes:
        raise ValidationError(
            {"postal_code": f"Le code postal {postal_code} ne correspond pas à la commune {commune.name}."}
        )


def _keep_one_main_site(site: Site) -> None:
    if site.is_main:
        Site.objects.filter(organization_id=site.organization_id, is_main=True).exclude(pk=site.pk).update(
            is_main=False
        )


@transaction.atomic
def site_create(*, organization: Organization, acting_user, **fields) -> Site:
    if not can_manage(acting_user, organization):
        raise PermissionDenied
    _validate_site(fields)
    site = Site.objects.create(organization=organization, **fields)
    _keep_one_main_site(site)
    audit(actor=acting_user, action="site.create", obj=site)
    return site


@transaction.atomic
def site_update(*, site: Site, acting_user, **fields) -> Site:
    if not can_manage(acting_user, site.organization):
        raise PermissionDenied
    _validate_site(fields)
    changed = [name for name, value in fields.items() if getattr(site, name) != value]
    for name in changed:
        setattr(site, name, fields[name])
    if changed:
        site.save(update_fields=changed)
        _keep_one_main_site(site)
        audit(actor=acting_user, action="site.update", obj=site, fields=changed)
    return site


@transaction.atomic
def site_delete(*, site: Site, acting_user) -> None:
    if not can_manage(acting_user, site.organization):
        raise PermissionDenied
    audit(actor=acting_user, action="site.delete", obj=site, name=site.name)
    site.delete()
