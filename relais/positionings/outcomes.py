"""A young person's current outcome (a hire or an entry into training not yet ended), which new proposals face."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from relais.core.scope import Scope
from relais.core.services import audit
from relais.opportunities.enums import OpportunityKind
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import COUNSELLOR, PARTNER, Positioning, PositioningError
from relais.positionings.perms import actor_roles

CURRENT_OUTCOME_STATUSES = frozenset({S.HIRED, S.ENTERED_TRAINING})
# The contract type a hire on each kind of opportunity most often has (the hire form's first choice).
CONTRACT_TYPE_OF_KIND = {
    OpportunityKind.JOB_CDI: "cdi",
    OpportunityKind.JOB_CDD: "cdd",
    OpportunityKind.APPRENTICESHIP: "apprenticeship",
    OpportunityKind.PROFESSIONALISATION: "professionalisation",
    OpportunityKind.GEIQ_PATHWAY: "professionalisation",
    OpportunityKind.INTERIM_MISSION: "interim",
}


class CurrentOutcome(PositioningError):
    """The young person is already hired or in training: a proposal needs the counsellor's confirmation."""

    def __init__(self, positioning: Positioning):
        self.positioning = positioning
        super().__init__(
            f"{describe(positioning)} Confirmez que vous proposez ce jeune malgré ce parcours en cours."
        )


def current_outcomes(today: datetime.date | None = None) -> QuerySet[Positioning]:
    """Hires and entries into training of young people still on record whose end is not passed (or unknown)."""
    today = today or timezone.localdate()
    return Positioning.objects.filter(
        Q(outcome_end_date__isnull=True) | Q(outcome_end_date__gte=today),
        status__in=CURRENT_OUTCOME_STATUSES,
        youth__isnull=False,
    )


def current_outcome_of(youth, *, today: datetime.date | None = None, exclude=None) -> Positioning | None:
    qs = current_outcomes(today).filter(youth=youth).select_related("opportunity__publisher", "contract_type")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("-closed_at").first()


def entry_date_of(positioning: Positioning) -> datetime.date | None:
    return positioning.start_date if positioning.status == S.HIRED else positioning.training_entry_date


def _lower_first(label: str) -> str:
    """ "Contrat d'apprentissage" reads "contrat d'apprentissage" in a sentence; "CDI" stays "CDI"."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def describe(positioning: Positioning) -> str:
    """ "Recruté en contrat d'apprentissage par GEIQ BTP Rhône à partir du 01/02/2027." and the like."""
    publisher = positioning.opportunity.publisher
    entry = entry_date_of(positioning)
    since = f" à partir du {entry:%d/%m/%Y}" if entry else ""
    until = f", jusqu'au {positioning.outcome_end_date:%d/%m/%Y}" if positioning.outcome_end_date else ""
    if positioning.status == S.HIRED:
        contract = f" en {_lower_first(positioning.contract_type.label)}" if positioning.contract_type else ""
        return f"Ce jeune est déjà recruté{contract} par {publisher}{since}{until}."
    return f"Ce jeune est déjà entré en formation ou en POE avec {publisher}{since}{until}."


def no_concurrent_hire(positioning, step):
    """A workflow guard: a second hire overlapping a current one is refused until the first one's end is known."""
    if positioning.youth_id is None:
        return None
    start = step.values.get("start_date")
    other = current_outcome_of(positioning.youth_id, today=start, exclude=positioning)
    if other is None or other.status != S.HIRED:
        return None
    return (
        f"{describe(other)} Un second recrutement en même temps est impossible : enregistrez d'abord la date "
        f"de fin de ce contrat (positionnement n°{other.pk})."
    )


def can_record_end(scope: Scope, positioning: Positioning) -> bool:
    return positioning.status in CURRENT_OUTCOME_STATUSES and bool(
        actor_roles(scope, positioning) & {COUNSELLOR, PARTNER}
    )


@transaction.atomic
def positioning_record_end(*, positioning: Positioning, end_date: datetime.date, scope: Scope) -> Positioning:
    """The counsellor or the partner records the last day of the contract or training."""
    positioning = Positioning.objects.select_for_update().get(pk=positioning.pk)
    if not can_record_end(scope, positioning):
        raise PermissionDenied("Vous ne pouvez pas enregistrer la fin de ce parcours.")
    entry = entry_date_of(positioning)
    if entry is not None and end_date < entry:
        raise ValidationError(
            {"end_date": f"La date de fin ne peut pas précéder la date d'entrée ({entry:%d/%m/%Y})."}
        )
    if end_date > timezone.localdate() + datetime.timedelta(days=366 * 4):
        raise ValidationError({"end_date": "La date de fin est à plus de quatre ans : vérifiez-la."})
    positioning.outcome_end_date = end_date
    positioning.save(update_fields=["outcome_end_date", "updated_at"])
    audit(actor=scope.actor, action="positioning.record_end", obj=positioning, end_date=end_date.isoformat())
    return positioning
