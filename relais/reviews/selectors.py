"""Reads of the reviews, scoped by the acting Scope: a convention's review, the reviews a person follows, the
commitments of each party with their realised occurrences."""

from django.db.models import Prefetch, QuerySet

from relais.conventions.enums import OccurrenceStatus
from relais.conventions.models import Commitment, Convention, ConventionParty, Occurrence
from relais.conventions.selectors import convention_for, conventions_visible_to
from relais.core.scope import Scope
from relais.events.enums import EventKind
from relais.events.models import Event
from relais.reviews.models import Comment, Review, ReviewTransition


def review_of(scope: Scope, convention_pk: int) -> tuple[Convention, Review]:
    """The convention (404 outside the scope) and its review: the stored one, or an unsaved draft for a reader
    when no editor has opened it yet (it then shows the live figures)."""
    convention = convention_for(scope, convention_pk)
    review = (
        Review.objects.select_related("minutes", "copil_event", "next_period")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author", "organization")),
            Prefetch("transitions", queryset=ReviewTransition.objects.select_related("by")),
        )
        .filter(convention=convention)
        .first()
    )
    if review is None:
        review = Review(convention=convention)
    review.convention = convention
    return convention, review


def reviews_visible_to(scope: Scope) -> QuerySet[Review]:
    return (
        Review.objects.filter(convention__in=conventions_visible_to(scope))
        .select_related("convention")
        .order_by("-convention__end_date", "convention__title", "pk")
    )


def commitments_of(convention: Convention) -> list[tuple[str, list[tuple]]]:
    """Each party (then the commitments of all of them together) with its commitments, their occurrences and how
    many of them are realised, and when last."""
    occurrences = Prefetch("occurrences", queryset=Occurrence.objects.order_by("due_date", "pk"))
    commitments = Commitment.objects.prefetch_related(occurrences).order_by("order", "pk")
    parties = (
        ConventionParty.objects.filter(convention=convention)
        .select_related("organization")
        .prefetch_related(Prefetch("commitments", queryset=commitments))
    )
    grouped = []
    for party in parties:
        rows = [_row(c) for c in party.commitments.all()]
        if rows:
            grouped.append((str(party), rows))
    common = [_row(c) for c in commitments.filter(convention=convention, party__isnull=True)]
    if common:
        grouped.append(("Engagements communs", common))
    return grouped


def _row(commitment: Commitment):
    occurrences = list(commitment.occurrences.all())
    done = [o.done_on for o in occurrences if o.status == OccurrenceStatus.DONE]
    return commitment, occurrences, len(done), max((d for d in done if d), default=None)


def steering_events(convention: Convention):
    return Event.objects.filter(convention=convention, kind=EventKind.STEERING).order_by("-starts_at", "pk")
