"""Writes of the opportunities domain: create, edit, diffusion, reading, settings (lifecycle: lifecycle.py)."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from relais.conventions.models import Convention
from relais.core.notifications import notify
from relais.core.scope import Scope
from relais.core.services import audit
from relais.opportunities.enums import (
    CONTRACT_KINDS,
    DURATION_KINDS,
    NO_DURATION_KINDS,
    OpportunityKind,
    OpportunityStatus,
    PriorityPublic,
)
from relais.opportunities.models import (
    EDITABLE_STATUSES,
    SEARCHED_FIELDS,
    ConventionDiffusionSetting,
    Delivery,
    DeliveryReading,
    Diffusion,
    Opportunity,
    OpportunityError,
    OpportunityTransition,
)
from relais.opportunities.notifications import OpportunityDiffused
from relais.opportunities.perms import (
    can_edit,
    can_publish_for,
    can_set_diffusion_rule,
    diffusable_mission_locales,
)
from relais.opportunities.selectors import conventions_for_publisher
from relais.organizations.models import Organization
from relais.organizations.perimeters import resolve_perimeter
from relais.territories.models import Department, Region

EDITABLE_FIELDS = (
    "kind",
    "title",
    "rome_title",
    "commune",
    "positions",
    "start_date",
    "closing_date",
    "duration_months",
    "weekly_hours",
    "priority_publics",
    "convention",
    "description",
)
MAX_WEEKLY_HOURS = Decimal(48)  # the legal weekly maximum (Code du travail, L3121-20)
MAX_DURATION_MONTHS = 60


def validate_opportunity(
    opportunity: Opportunity, *, publishing: bool, today: datetime.date | None = None
) -> None:
    """Raise a ValidationError keyed by field, in French, when the opportunity does not make sense.

    Dates are compared with today only when the opportunity is (or becomes) published: a draft may be
    prepared long in advance and left to age.
    """
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    kind = opportunity.kind
    if kind not in OpportunityKind.values:
        add("kind", "Choisissez le type d'opportunité.")
    if opportunity.positions is None or opportunity.positions < 1:
        add("positions", "Indiquez au moins un poste ou une place.")
    if kind in DURATION_KINDS and not opportunity.duration_months:
        add("duration_months", "Indiquez la durée du contrat en mois.")
    if kind == OpportunityKind.JOB_CDI and opportunity.duration_months:
        add("duration_months", "Un CDI n'a pas de durée : laissez ce champ vide.")
    if kind in NO_DURATION_KINDS and (opportunity.duration_months or opportunity.weekly_hours):
        add("duration_months", "Une information collective n'a ni durée de contrat ni durée hebdomadaire.")
    if opportunity.duration_months is not None and opportunity.duration_months > MAX_DURATION_MONTHS:
        add("duration_months", f"La durée ne peut dépasser {MAX_DURATION_MONTHS} mois.")
    if kind in CONTRACT_KINDS and not opportunity.weekly_hours:
        add("weekly_hours", "Indiquez la durée hebdomadaire de travail.")
    if opportunity.weekly_hours is not None and not (1 <= opportunity.weekly_hours <= MAX_WEEKLY_HOURS):
        add("weekly_hours", "La durée hebdomadaire doit être comprise entre 1 et 48 heures.")
    unknown = [code for code in opportunity.priority_publics or [] if code not in PriorityPublic.values]
    if unknown:
        add("priority_publics", "Public prioritaire inconnu : " + ", ".join(map(str, unknown)) + ".")
    if (
        opportunity.convention_id
        and not conventions_for_publisher(opportunity.publisher).filter(pk=opportunity.convention_id).exists()
    ):
        add("convention", "Cette convention ne concerne pas la structure qui recrute.")
    if (
        opportunity.start_date
        and opportunity.closing_date
        and opportunity.closing_date > opportunity.start_date
        and kind == OpportunityKind.INFORMATION_SESSION
    ):
        add(
            "closing_date",
            "Les inscriptions doivent se clore au plus tard le jour de l'information collective.",
        )
    if publishing:
        today = today or timezone.localdate()
        if not opportunity.start_date:
            add("start_date", "Indiquez la date de début.")
        elif opportunity.start_date < today:
            add("start_date", "La date de début est déjà passée.")
        if opportunity.closing_date and opportunity.closing_date < today:
            add("closing_date", "La date limite de candidature est déjà passée.")
    if errors:
        raise ValidationError(errors)


def _check_fields(fields: dict) -> dict:
    unexpected = set(fields) - set(EDITABLE_FIELDS)
    if unexpected:
        raise TypeError(f"Unexpected opportunity fields: {sorted(unexpected)}")
    if "priority_publics" in fields:
        fields["priority_publics"] = sorted(set(fields["priority_publics"] or []))
    return fields


@transaction.atomic
def opportunity_create(
    *, publisher: Organization, scope: Scope, external_ref: str = "", **fields
) -> Opportunity:
    """Create a draft; publishing is a separate step (the lifecycle's \"publish\"). `external_ref` is the
    publisher's own reference (imports), unique per publisher."""
    if not can_publish_for(scope, publisher):
        raise PermissionDenied("Vous ne pouvez pas publier pour cette structure.")
    opportunity = Opportunity(
        publisher=publisher,
        author=scope.actor,
        status=OpportunityStatus.DRAFT,
        external_ref=external_ref,
        **_check_fields(fields),
    )
    validate_opportunity(opportunity, publishing=False)
    opportunity.refresh_search_text()
    opportunity.save()
    OpportunityTransition.record(
        opportunity, name="create", to_status=OpportunityStatus.DRAFT, by=scope.actor
    )
    audit(actor=scope.actor, action="opportunity.create", obj=opportunity, publisher=publisher.pk)
    return opportunity


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, scope: Scope, **fields) -> Opportunity:
    if not can_edit(scope, opportunity):
        raise PermissionDenied("Vous ne pouvez pas modifier cette opportunité.")
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status not in EDITABLE_STATUSES:
        raise OpportunityError("Une opportunité pourvue, clôturée ou annulée ne se modifie plus.")
    changed = [name for name, value in _check_fields(fields).items() if getattr(opportunity, name) != value]
    for name in changed:
        setattr(opportunity, name, fields[name])
    validate_opportunity(opportunity, publishing=opportunity.status == OpportunityStatus.PUBLISHED)
    if changed:
        searched = bool(set(changed) & set(SEARCHED_FIELDS))
        if searched:
            opportunity.refresh_search_text()
        opportunity.save(update_fields=[*changed, *(["search_text"] if searched else []), "updated_at"])
        audit(actor=scope.actor, action="opportunity.update", obj=opportunity, fields=changed)
    return opportunity


# ---- diffusion --------------------------------------------------------------------------------------------


@transaction.atomic
def opportunity_diffuse(
    *,
    opportunity: Opportunity,
    scope: Scope,
    perimeter: str,
    region: Region | None = None,
    departments: list[Department] | tuple = (),
    mission_locales: list[Organization] | tuple = (),
    note: str = "",
) -> Diffusion:
    """Send a published opportunity to the Missions Locales of a perimeter, record one delivery per new ML
    and notify their CREs (immediately or in their daily digest, as each prefers)."""
    allowed = diffusable_mission_locales(scope, opportunity)
    if not allowed.exists():
        raise PermissionDenied("Vous ne pouvez pas diffuser cette opportunité.")
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise OpportunityError("Seule une opportunité publiée peut être diffusée.")
    today = timezone.localdate()
    if opportunity.closing_date and opportunity.closing_date < today:
        raise OpportunityError(
            "La date limite de candidature est passée : l'opportunité ne peut plus être diffusée."
        )
    resolved = resolve_perimeter(
        allowed, perimeter=perimeter, region=region, departments=departments, mission_locales=mission_locales
    )
    targets, details = resolved.targets, resolved.details
    target_ids = set(targets.values_list("pk", flat=True))
    if not target_ids:
        raise OpportunityError("Aucune Mission Locale de ce périmètre ne vous est ouverte.")
    already = set(
        opportunity.deliveries.filter(mission_locale_id__in=target_ids).values_list(
            "mission_locale_id", flat=True
        )
    )
    new_ids = sorted(target_ids - already)
    if not new_ids:
        raise OpportunityError("Toutes les Missions Locales de ce périmètre ont déjà reçu cette opportunité.")
    diffusion = Diffusion.objects.create(
        opportunity=opportunity, perimeter=perimeter, perimeter_details=details, by=scope.actor, note=note
    )
    now = timezone.now()
    Delivery.objects.bulk_create(
        [
            Delivery(opportunity=opportunity, mission_locale_id=ml_id, diffusion=diffusion, delivered_at=now)
            for ml_id in new_ids
        ]
    )
    audit(
        actor=scope.actor,
        action="opportunity.diffuse",
        obj=opportunity,
        diffusion=diffusion.pk,
        perimeter=perimeter,
        mission_locales=new_ids,
        already_delivered=sorted(already),
    )
    notify(OpportunityDiffused, obj=diffusion)
    return diffusion


def relays_of(scope: Scope, opportunity: Opportunity) -> set[int]:
    """The Missions Locales whose offers the principal relays for this publisher: as a CRE, or as the named
    referent for the publisher (or its network head)."""
    partners = {opportunity.publisher_id, opportunity.publisher.parent_id}
    named = {ml for ml, partner in scope.referent_pairs if partner in partners}
    return (set(scope.cre_mission_locale_ids) | named) & set(scope.mission_locale_ids)


def delivery_mark_read(*, opportunity: Opportunity, scope: Scope) -> int:
    """Record the principal's own reading of what their Missions Locales received, and the Mission Locale's
    first reading by a CRE (or its referent for the publisher); a counsellor's reading is only their own.
    Returns the number of Missions Locales whose CREs read it for the first time."""
    ml_ids = scope.mission_locale_ids
    if not ml_ids or scope.actor is None or opportunity.status == OpportunityStatus.DRAFT:
        return 0
    now = timezone.now()
    deliveries = list(
        Delivery.objects.filter(opportunity=opportunity, mission_locale_id__in=ml_ids).values_list(
            "pk", "mission_locale_id"
        )
    )
    if not deliveries:
        return 0
    DeliveryReading.objects.bulk_create(
        [DeliveryReading(delivery_id=pk, user=scope.actor, read_at=now) for pk, _ in deliveries],
        ignore_conflicts=True,
    )
    relayed = relays_of(scope, opportunity)
    if not relayed:
        return 0
    # A conditional update: two people opening the page at once cannot both be "first".
    updated = Delivery.objects.filter(
        opportunity=opportunity, mission_locale_id__in=relayed, first_read_at__isnull=True
    ).update(first_read_at=now, first_read_by=scope.actor)
    if updated:
        audit(
            actor=scope.actor,
            action="opportunity.first_read",
            obj=opportunity,
            mission_locales=sorted(relayed),
        )
    return updated


# ---- settings -----------------------------------------------------------------------------------------------


@transaction.atomic
def convention_diffusion_setting_set(
    *, convention: Convention, partners_may_diffuse: bool, scope: Scope
) -> ConventionDiffusionSetting:
    """A coordinator of a party of the convention (or platform staff) decides whether partners diffuse."""
    if not can_set_diffusion_rule(scope, convention):
        raise PermissionDenied("Seul un coordinateur d'une partie de la convention peut régler la diffusion.")
    setting, _ = ConventionDiffusionSetting.objects.update_or_create(
        convention=convention,
        defaults={"partners_may_diffuse": partners_may_diffuse, "updated_by": scope.actor},
    )
    audit(
        actor=scope.actor,
        action="opportunity.diffusion_setting",
        obj=setting,
        partners_may_diffuse=partners_may_diffuse,
    )
    return setting
