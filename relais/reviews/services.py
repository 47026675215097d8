"""Every write of the reviews: open a period's review, move it (with the COPIL's minutes), comment, ask a PDF."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from relais.conventions.enums import DocumentKind
from relais.conventions.models import Convention, ConventionDocument
from relais.conventions.perms import can_edit, can_view
from relais.conventions.uploads import stored_document
from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.workflows import apply
from relais.reviews.enums import COMMENTABLE, ExportStatus
from relais.reviews.models import Comment, Review, ReviewError, ReviewExport, ReviewTransition
from relais.reviews.workflow import REVIEW_WORKFLOW

MINUTES_FOLDER = "Comptes rendus"
COMMENT_MAX = 2000


@transaction.atomic
def review_open(*, convention: Convention, scope: Scope) -> Review:
    """The period's review, created as a draft by one of the convention's editors the first time it is needed."""
    existing = Review.objects.filter(convention=convention).first()
    if existing is not None:
        return existing
    if not can_edit(scope, convention):
        raise PermissionDenied
    review, created = Review.objects.get_or_create(convention=convention)
    if created:
        ReviewTransition.record(review, name="open", to_status=review.status, by=scope.actor)
        audit(actor=scope.actor, action="review.open", obj=review, convention=convention.pk)
    return review


@transaction.atomic
def review_present(
    *, review: Review, scope: Scope, uploaded_file, copil_date, copil_attendees, copil_event=None
):
    """Record the COPIL: its minutes go to the convention's shared space ("Comptes rendus"), then the move."""
    if not REVIEW_WORKFLOW.allows(scope, review, REVIEW_WORKFLOW.transition("present")):
        raise PermissionDenied(REVIEW_WORKFLOW.denied)
    if uploaded_file is None:
        raise ValidationError({"minutes": "Joignez le compte rendu du COPIL."})
    convention = review.convention
    folder, _ = convention.folders.get_or_create(name=MINUTES_FOLDER, defaults={"order": 1})
    with stored_document(
        ConventionDocument,
        uploaded_file=uploaded_file,
        scope=scope,
        title=f"Compte rendu du COPIL du {copil_date:%d/%m/%Y}" if copil_date else "Compte rendu du COPIL",
        convention=convention,
        folder=folder,
        kind=DocumentKind.MINUTES,
    ) as (document, content, mime):
        audit(actor=scope.actor, action="document.upload", obj=document, size=len(content), type=mime)
        return apply(
            REVIEW_WORKFLOW,
            review,
            "present",
            scope=scope,
            copil_date=copil_date,
            copil_attendees=copil_attendees,
            minutes=document,
            copil_event=copil_event,
        )


def commenting_organization(scope: Scope, review: Review):
    """The party organisation a comment is signed with: the first party the acting person edits for."""
    for party in review.convention.parties.all():
        if party.organization_id in scope.editor_ids:
            return party.organization
    return None


@transaction.atomic
def comment_add(*, review: Review, scope: Scope, text: str) -> Comment:
    organization = commenting_organization(scope, review)
    if organization is None:
        raise PermissionDenied("Seuls les coordinateurs et directeurs des parties commentent le bilan.")
    if review.status not in COMMENTABLE:
        raise ReviewError("Le bilan a été présenté en COPIL : il ne reçoit plus de commentaires.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Écrivez votre commentaire."})
    if len(text) > COMMENT_MAX:
        raise ValidationError({"text": f"Un commentaire compte au plus {COMMENT_MAX} caractères."})
    comment = Comment.objects.create(review=review, author=scope.actor, organization=organization, text=text)
    audit(actor=scope.actor, action="review.comment", obj=review, comment=comment.pk)
    return comment


@transaction.atomic
def export_request(*, review: Review, scope: Scope) -> ReviewExport:
    """Queue the PDF of the frozen figures (once per freeze: a ready or running file is reused)."""
    if not can_view(scope, review.convention):
        raise PermissionDenied
    if scope.aggregates_only:
        # One file per freeze, shared by the parties, holds the unmasked figures: observers read the masked ones
        # on the page and in the tables.
        raise ReviewError("Le PDF du bilan est réservé aux parties de la convention.")
    if not review.is_frozen:
        raise ReviewError("Arrêtez d'abord les chiffres : le PDF reproduit les chiffres arrêtés du bilan.")
    current = (
        review.exports.filter(computed_at=review.computed_at).exclude(status=ExportStatus.FAILED).first()
    )
    if current is not None:
        return current
    export = ReviewExport.objects.create(
        review=review, computed_at=review.computed_at, requested_by=scope.actor
    )
    audit(actor=scope.actor, action="review.export", obj=review, export=export.pk, format="pdf")
    from relais.reviews.tasks import build_review_pdf

    transaction.on_commit(lambda: build_review_pdf(export.pk))
    return export
