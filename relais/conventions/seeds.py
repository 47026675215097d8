"""Load the five seed conventions (and the example local application convention) as data; idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from relais.conventions.enums import ConventionStatus, PartyRole, SignatoryCapacity, StatementKind
from relais.conventions.models import (
    Action,
    Axis,
    Commitment,
    Convention,
    ConventionParty,
    ConventionTransition,
    Indicator,
    KeyFigure,
    Referent,
    Signatory,
    Statement,
)
from relais.conventions.scheduling import end_from_duration, schedule_convention
from relais.conventions.seed_data import SEEDS
from relais.conventions.seed_data.seed_002 import DDTEFP
from relais.conventions.space import create_default_folders
from relais.organizations.enums import OrganizationKind as K
from relais.organizations.models import Organization, Person
from relais.organizations.services import ensure_organization
from relais.territories.models import Region

# slug: (kind, name, region code, parent slug, short name). The demo loader uses the same slugs.
ORGANIZATIONS = {
    "unml": (K.UNML, "Union nationale des Missions Locales", None, None, "UNML"),
    "arml-84": (K.ARML, "AMILAURA", "84", "unml", ""),
    "arml-44": (K.ARML, "ARML Grand Est", "44", "unml", ""),
    "arml-76": (K.ARML, "ARML Occitanie", "76", "unml", ""),
    "cr-geiq-84": (K.NETWORK_HEAD, "CR GEIQ Auvergne-Rhône-Alpes", "84", None, ""),
    "cr-geiq-44": (K.NETWORK_HEAD, "CR GEIQ Grand Est", "44", None, ""),
    "medef-midi-pyrenees": (K.NETWORK_HEAD, "MEDEF Midi-Pyrénées", "76", None, ""),
    "medef-31": (K.EMPLOYER_OFFICE, "MEDEF Haute-Garonne", "76", "medef-midi-pyrenees", ""),
    "france-travail-76": (K.FRANCE_TRAVAIL, "France Travail Occitanie", "76", None, ""),
    "prefecture-76": (K.STATE, "Préfecture de la région Occitanie", "76", None, ""),
    "dgefp": (
        K.STATE,
        "Délégation générale à l'emploi et à la formation professionnelle",
        None,
        None,
        "DGEFP",
    ),
    "akto": (K.OPCO, "AKTO", None, None, ""),
    "prismemploi": (K.NETWORK_HEAD, "Prism'emploi", None, None, ""),
    "fastt": (K.NETWORK_HEAD, "Fonds d'action sociale du travail temporaire", None, None, "FASTT"),
    "branch-temporary-work": (K.BRANCH, "Branche du travail temporaire", None, None, ""),
    "branch-wholesale": (K.BRANCH, "Branche des commerces de gros", None, None, ""),
    "branch-hcr": (K.BRANCH, "Branche des hôtels, cafés, restaurants", None, None, ""),
    "branch-wood": (
        K.BRANCH,
        "Branche du travail mécanique du bois / exploitations forestières et scieries agricoles",
        None,
        None,
        "",
    ),
    "regions-de-france": (K.NETWORK_HEAD, "Régions de France", None, None, ""),
    # State services of the MEDEF Midi-Pyrénées convention's steering committee, under their names of the time.
    "drtefp-midi-pyrenees": (
        K.STATE,
        "Direction régionale du travail, de l'emploi et de la formation professionnelle de Midi-Pyrénées",
        "76",
        None,
        "DRTEFP Midi-Pyrénées",
    ),
    **{
        f"ddtefp-{code}": (
            K.STATE,
            f"Direction départementale du travail, de l'emploi et de la formation professionnelle "
            f"{article}{name}",
            "76",
            "drtefp-midi-pyrenees",
            f"DDTEFP {article}{name}",
        )
        for code, article, name in DDTEFP
    },
}
TOULOUSE_IMILO = "31555S00"
LOADER_NOTE = "Chargement des conventions de référence (shared/seeds)."


def _region_code(code: str | None) -> str | None:
    """Regions exist once the referentials are loaded; without them the organisation is created without one
    and gets it on the next load (see missing_regions)."""
    return code if code and Region.objects.filter(code=code).exists() else None


def _with_region(org: Organization, code: str | None) -> Organization:
    """Fill in the region of an organisation created before the referentials were loaded."""
    if org.region_id is None and _region_code(code):
        org.region = Region.objects.get(code=code)
        org.save(update_fields=["region", "updated_at"])
    return org


def organization(slug: str) -> Organization:
    if slug == "ml-toulouse":
        return mission_locale_de_toulouse()
    kind, name, region, parent, short_name = ORGANIZATIONS[slug]
    extra = {"short_name": short_name} if short_name else {}
    if parent:
        extra["parent"] = organization(parent)
    org = ensure_organization(slug=slug, kind=kind, name=name, region_code=_region_code(region), **extra)
    return _with_region(org, region)


def mission_locale_de_toulouse() -> Organization:
    existing = Organization.objects.filter(imilo_code=TOULOUSE_IMILO).first()
    if existing is not None:
        return _with_region(existing, "76")
    return ensure_organization(
        slug=f"ml-{TOULOUSE_IMILO}",
        kind=K.MISSION_LOCALE,
        imilo_code=TOULOUSE_IMILO,
        name="Mission Locale de Toulouse",
        region_code=_region_code("76"),
        parent=organization("arml-76"),
    )


def missing_regions() -> list[str]:
    """Region codes the seeds need that the referentials have not loaded yet."""
    wanted = {spec["region"] for spec in SEEDS if spec.get("region")}
    wanted |= {region for _, _, region, _, _ in ORGANIZATIONS.values() if region}
    return sorted(wanted - set(Region.objects.filter(code__in=wanted).values_list("code", flat=True)))


def _matching_person(org: Organization, full_name: str) -> Person | None:
    """Link a named referent to the person of that organisation who bears the name, when there is one."""
    if not full_name:
        return None
    wanted = " ".join(full_name.lower().split())
    for person in Person.objects.filter(
        memberships__organization=org, memberships__is_active=True
    ).distinct():
        if f"{person.first_name} {person.last_name}".lower() == wanted:
            return person
    return None


CONVENTION_FIELDS = (
    "title",
    "kind",
    "signature_place",
    "signature_date",
    "signature_date_unknown",
    "start_date",
    "duration_months",
    "duration_note",
    "renewal_rule",
    "followup_cadence",
    "followup_note",
    "review_lead_months",
    "preamble",
    "steering_committee",
    "deployment",
    "communication",
    "is_incomplete",
    "missing_information",
    "source",
)


def _load_one(spec: dict) -> Convention:
    fields = {name: spec[name] for name in CONVENTION_FIELDS if name in spec}
    if fields.get("start_date") and fields.get("duration_months"):
        fields["end_date"] = end_from_duration(fields["start_date"], fields["duration_months"])
    convention = Convention.objects.create(
        slug=spec["slug"],
        status=spec["status"],
        region=Region.objects.filter(code=spec["region"]).first() if spec.get("region") else None,
        parent=Convention.objects.get(slug=spec["parent"]) if spec.get("parent") else None,
        **fields,
    )
    create_default_folders(convention)
    parties = {}
    for order, party_spec in enumerate(spec["parties"]):
        org = organization(party_spec["org"])
        party = ConventionParty.objects.create(
            convention=convention,
            organization=org,
            role=party_spec.get("role", PartyRole.SIGNATORY),
            name_in_text=party_spec.get("name_in_text", ""),
            legal_form=party_spec.get("legal_form", ""),
            head_office=party_spec.get("head_office", ""),
            presentation=party_spec.get("presentation", ""),
            order=order,
        )
        parties[party_spec["org"]] = party
        for i, (label, value, year) in enumerate(party_spec.get("key_figures", [])):
            KeyFigure.objects.create(party=party, label=label, value=value, year=year, order=i)
        for i, (full_name, description) in enumerate(party_spec.get("referents", [])):
            Referent.objects.create(
                party=party,
                full_name=full_name,
                description=description,
                order=i,
                person=_matching_person(org, full_name),
            )
        for i, (text, recurrence, follow_up) in enumerate(party_spec.get("commitments", [])):
            Commitment.objects.create(
                convention=convention,
                party=party,
                text=text,
                recurrence=recurrence,
                is_follow_up=follow_up,
                order=i,
            )
    for i, (text, recurrence, follow_up) in enumerate(spec.get("common_commitments", [])):
        Commitment.objects.create(
            convention=convention,
            party=None,
            text=text,
            recurrence=recurrence,
            is_follow_up=follow_up,
            order=100 + i,
        )
    for i, (org_slug, full_name, title, *capacity) in enumerate(spec.get("signatories", [])):
        Signatory.objects.create(
            convention=convention,
            party=parties.get(org_slug),
            full_name=full_name,
            title=title,
            capacity=capacity[0] if capacity else SignatoryCapacity.SIGNED,
            order=i,
        )
    for i, (text, details) in enumerate(spec.get("purposes", [])):
        Statement.objects.create(
            convention=convention, kind=StatementKind.PURPOSE, text=text, details=details, order=i
        )
    for i, text in enumerate(spec.get("objectives", [])):
        Statement.objects.create(convention=convention, kind=StatementKind.OBJECTIVE, text=text, order=i)
    for i, (title, actions) in enumerate(spec.get("axes", [])):
        axis = Axis.objects.create(convention=convention, title=title, order=i)
        for j, text in enumerate(actions):
            Action.objects.create(convention=convention, axis=axis, text=text, order=j)
    for j, text in enumerate(spec.get("actions", [])):
        Action.objects.create(convention=convention, axis=None, text=text, order=j)
    for i, (label, code) in enumerate(spec.get("indicators", [])):
        Indicator.objects.create(convention=convention, label=label, code=code, order=i)
    _log_history(convention)
    schedule_convention(convention)
    return convention


def _log_history(convention: Convention) -> None:
    """The seed's history as its text dates it (signature date, start date), by the platform (no person).

    A step whose date the text does not give is not logged: no row is ever stamped with the loading time.
    """
    signed = _day(convention.signature_date)
    started = _day(convention.start_date)
    steps = [("create", "", ConventionStatus.DRAFT, signed or started)]
    if convention.status in {ConventionStatus.SIGNED, ConventionStatus.ACTIVE}:
        steps.append(("sign", ConventionStatus.DRAFT, ConventionStatus.SIGNED, signed))
    if convention.status == ConventionStatus.ACTIVE:
        steps.append(("activate", ConventionStatus.SIGNED, ConventionStatus.ACTIVE, started or signed))
    for name, source, target, at in steps:
        if at is None:
            continue
        ConventionTransition.record(
            convention, name=name, from_status=source, to_status=target, note=LOADER_NOTE, at=at
        )


def _day(day):
    """A date of the text as an aware moment (midnight, Europe/Paris), or None."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _complete(convention: Convention, spec: dict) -> Convention:
    """A seed loaded before the regions existed gets its region, and its organisations theirs, on a later load."""
    if spec.get("region") and convention.region_id is None and _region_code(spec["region"]):
        convention.region = Region.objects.get(code=spec["region"])
        convention.save(update_fields=["region", "updated_at"])
    for party_spec in spec["parties"]:
        organization(party_spec["org"])
    return convention


@transaction.atomic
def load_seed_conventions() -> dict[str, Convention]:
    """Create the seed conventions that do not exist yet (matched by slug); return all of them by slug.

    Loading before the referentials leaves regions empty (see missing_regions); the next load fills them in.
    """
    loaded = {}
    for spec in SEEDS:
        existing = Convention.objects.filter(slug=spec["slug"]).first()
        loaded[spec["slug"]] = _complete(existing, spec) if existing else _load_one(spec)
    return loaded
