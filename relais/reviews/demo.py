"""The demo's reviews (people invented): the AURA charter's completed period reviewed at its COPIL and renewed,
and the current period's review open as a draft whose figures are live.

The renewal itself was replayed with the periods (relais/demo/activity.renew_up_to_today), before any activity
existed to compute; the completed period's review is replayed here, once the demo year's activity is in place,
at the dates its COPIL would have held, and its decision is linked to the period that renewal opened.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from weasyprint import HTML

from relais.conventions.enums import ConventionStatus
from relais.conventions.models import Convention
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.events.demo import replayed_at
from relais.reviews.enums import ReviewDecision, ReviewStatus
from relais.reviews.models import Review, ReviewTransition
from relais.reviews.services import review_open, review_present
from relais.reviews.workflow import REVIEW_WORKFLOW

AURA = "seed-000-cr-geiq-aura-amilaura"
ATTENDEES = (
    "Alexia Violet, coordinatrice régionale (AMILAURA)\n"
    "Manuel Colombino, chargé d'animation (CR GEIQ Auvergne-Rhône-Alpes)\n"
    "Chloé Martin, chargée de relations entreprises (Mission Locale de Lyon)"
)
DECISION = "Renouvelée pour un an ; les parties gardent les axes et engagements de la charte."


def _minutes(convention: Convention, copil_day: datetime.date) -> SimpleUploadedFile:
    html = (
        f"<h1>Compte rendu du COPIL du {copil_day:%d/%m/%Y}</h1><p>{convention}</p>"
        "<p>Présentation du bilan annuel (chiffres arrêtés), échanges entre les parties, décision : "
        "renouvellement pour un an.</p>"
    )
    return SimpleUploadedFile("compte-rendu-copil.pdf", HTML(string=html).write_pdf(), "application/pdf")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def create_demo_reviews(users) -> dict[str, int]:
    periods = [Convention.objects.get(slug=AURA)]
    while (following := Convention.objects.filter(previous_period=periods[-1]).first()) is not None:
        periods.append(following)
    completed = [p for p in periods if p.status == ConventionStatus.RENEWED]
    if not completed or Review.objects.filter(convention=completed[-1]).exists():
        return {"reviews": 0}
    coordinator = users["arml_coordinator"]
    scope = Scope.for_user(coordinator)
    period = completed[-1]
    copil_day = period.end_date - datetime.timedelta(days=30)
    with replayed_at(_at(copil_day - datetime.timedelta(days=7), 10)):
        review = review_open(convention=period, scope=scope)
        apply(REVIEW_WORKFLOW, review, "compute", scope=scope)
    with replayed_at(_at(copil_day, 17)):
        review_present(
            review=review,
            scope=scope,
            uploaded_file=_minutes(period, copil_day),
            copil_date=copil_day,
            copil_attendees=ATTENDEES,
        )
    # The renewal was replayed with the periods: the decision is recorded and linked to the period it opened.
    decided_at = _at(copil_day, 18)
    review.status, review.decision, review.decision_note = (
        ReviewStatus.DECIDED,
        ReviewDecision.RENEWED,
        DECISION,
    )
    review.decided_at, review.next_period = decided_at, period.next_period
    review.save(
        update_fields=["status", "decision", "decision_note", "decided_at", "next_period", "updated_at"]
    )
    ReviewTransition.record(
        review,
        name="renew",
        from_status=ReviewStatus.PRESENTED,
        to_status=ReviewStatus.DECIDED,
        by=coordinator,
        note=DECISION,
        at=decided_at,
    )
    review_open(convention=periods[-1], scope=scope)
    return {"reviews": 2}
