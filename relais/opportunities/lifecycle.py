"""The opportunity lifecycle: publish, then filled, closed or cancelled; what each move checks and stamps.

Pages and commands run a move with ``apply(OPPORTUNITY_LIFECYCLE, opportunity, name, scope=...)``.
"""

from relais.core.workflows import Transition, Workflow
from relais.opportunities import hooks
from relais.opportunities.enums import OpportunityStatus as S
from relais.opportunities.models import Opportunity, OpportunityError, OpportunityTransition
from relais.opportunities.perms import can_edit
from relais.opportunities.services import validate_opportunity

# The publishing structure's recruiters and coordinators, its network head's coordinators, platform staff.
PUBLISHER = "publisher"


def actors_of(scope, opportunity: Opportunity) -> set[str]:
    if not scope.is_system and can_edit(scope, opportunity):
        return {PUBLISHER}
    return set()


def publishable(opportunity, step):
    """The dates are checked against today when publishing (a ValidationError keyed by field)."""
    validate_opportunity(opportunity, publishing=True)


def published_now(opportunity, step) -> dict:
    return {"published_at": step.now}


def ended_now(opportunity, step) -> dict:
    return {"ended_at": step.now}


def settle_what_depends_on_it(opportunity, step) -> None:
    """What later apps attached to the opportunity (positionings) is settled with it."""
    hooks.opportunity_ended(opportunity)


ENDING = {"actors": {PUBLISHER}, "updates": (ended_now,), "effects": (settle_what_depends_on_it,)}

OPPORTUNITY_LIFECYCLE = Workflow(
    model=Opportunity,
    log_model=OpportunityTransition,
    actors_of=actors_of,
    error=OpportunityError,
    wrong_state="Impossible de « {label_lower} » une opportunité au statut « {status_lower} ».",
    denied="Seule la structure qui recrute (ou sa tête de réseau) peut faire cela.",
    transitions=(
        Transition(
            "publish",
            {S.DRAFT},
            S.PUBLISHED,
            "Publier",
            actors={PUBLISHER},
            guards=(publishable,),
            updates=(published_now,),
        ),
        Transition(
            "fill", {S.PUBLISHED}, S.FILLED, "Marquer comme pourvue", needs_confirmation=True, **ENDING
        ),
        Transition("close", {S.PUBLISHED}, S.CLOSED, "Clôturer", needs_confirmation=True, **ENDING),
        Transition(
            "cancel", {S.DRAFT, S.PUBLISHED}, S.CANCELLED, "Annuler", needs_confirmation=True, **ENDING
        ),
    ),
)
