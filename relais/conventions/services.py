"""Writes of conventions: creation and edition, commitments, calendar items, documents (lifecycle: lifecycle.py)."""

import datetime
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from relais.conventions.enums import (
    CADENCE_RECURRENCE,
    ConventionStatus,
    DocumentKind,
    IndicatorCode,
    OccurrenceStatus,
    PartyRole,
)
from relais.conventions.models import (
    Commitment,
    Convention,
    ConventionDocument,
    ConventionError,
    ConventionParty,
    ConventionTransition,
    Indicator,
    Occurrence,
)
from relais.conventions.parents import validate_parent
from relais.conventions.perms import can_contribute, can_create, can_edit
from relais.conventions.scheduling import end_from_duration, schedule_convention
from relais.conventions.selectors import conventions_visible_to
from relais.conventions.space import create_default_folders
from relais.conventions.uploads import stored_document
from relais.core.scope import Scope
from relais.core.services import audit
from relais.organizations.models import Organization

# How close a new label must be to an old one to count as the same indicator reworded.
EDITED_LABEL_SIMILARITY = 0.6
SCHEDULED_STATUSES = {ConventionStatus.SIGNED, ConventionStatus.ACTIVE, ConventionStatus.REVIEW_DUE}


def _complete_dates(fields: dict) -> None:
    if fields.get("start_date") and fields.get("duration_months") and not fields.get("end_date"):
        fields["end_date"] = end_from_duration(fields["start_date"], fields["duration_months"])
    if fields.get("start_date") and fields.get("end_date") and fields["end_date"] < fields["start_date"]:
        raise ValidationError({"end_date": "La date de fin doit suivre la date de début."})


@transaction.atomic
def convention_create(
    *, scope: Scope, own_organization: Organization, partner_organizations=(), **fields
) -> Convention:
    """A draft convention; the creator's organisation is a signatory party, the partners too."""
    if not can_create(scope):
        raise PermissionDenied
    if not scope.is_platform and own_organization.pk not in scope.editor_ids:
        raise PermissionDenied
    validate_parent(
        kind=fields.get("kind", ""), parent=fields.get("parent"), visible=conventions_visible_to(scope)
    )
    _complete_dates(fields)
    convention = Convention.objects.create(status=ConventionStatus.DRAFT, created_by=scope.actor, **fields)
    organizations = [own_organization] + [o for o in partner_organizations if o.pk != own_organization.pk]
    for order, organization in enumerate(organizations):
        ConventionParty.objects.create(
            convention=convention, organization=organization, role=PartyRole.SIGNATORY, order=order
        )
    ConventionTransition.record(convention, name="create", to_status=ConventionStatus.DRAFT, by=scope.actor)
    create_default_folders(convention)
    audit(actor=scope.actor, action="convention.create", obj=convention)
    return convention


@transaction.atomic
def convention_update(*, convention: Convention, scope: Scope, **fields) -> Convention:
    """Edit the convention's own fields; the follow-up commitments take the new cadence's recurrence."""
    if not can_edit(scope, convention):
        raise PermissionDenied
    if "parent" in fields or "kind" in fields:
        parent = fields.get("parent", convention.parent)
        validate_parent(
            kind=fields.get("kind", convention.kind),
            parent=parent,
            convention=convention,
            visible=None
            if parent is not None and parent.pk == convention.parent_id
            else conventions_visible_to(scope),
        )
    _complete_dates(fields)
    for name, value in fields.items():
        setattr(convention, name, value)
    convention.save(update_fields=[*fields, "updated_at"])
    if "followup_cadence" in fields:
        convention.commitments.filter(is_follow_up=True).update(
            recurrence=CADENCE_RECURRENCE[convention.followup_cadence]
        )
    audit(actor=scope.actor, action="convention.update", obj=convention, fields=sorted(fields))
    if convention.status in SCHEDULED_STATUSES:
        schedule_convention(convention)
    return convention


@transaction.atomic
def convention_set_indicators(*, convention: Convention, scope: Scope, labels: list[str]) -> None:
    """Replace the list of indicators; an indicator kept (same label, or a label reworded) keeps its code."""
    if not can_edit(scope, convention):
        raise PermissionDenied
    labels = [label.strip() for label in labels if label.strip()]
    old = list(convention.indicators.all())
    by_label = {}
    for indicator in old:
        by_label.setdefault(indicator.label, indicator)
    matched: dict[int, Indicator] = {}
    for i, label in enumerate(labels):
        if label in by_label:
            matched[i] = by_label.pop(label)
    unmatched = list(by_label.values())
    for i, label in enumerate(labels):  # a label edited (even moved) keeps the code of the row it rewrites
        if i in matched or not unmatched:
            continue
        best = max(unmatched, key=lambda o: SequenceMatcher(None, o.label, label).ratio())
        if SequenceMatcher(None, best.label, label).ratio() >= EDITED_LABEL_SIMILARITY:
            matched[i] = best
            unmatched.remove(best)
    kept = {indicator.pk for indicator in matched.values()}
    convention.indicators.exclude(pk__in=kept).delete()
    for i, label in enumerate(labels):
        indicator = matched.get(i)
        if indicator is None:
            Indicator.objects.create(convention=convention, label=label, code=IndicatorCode.OTHER, order=i)
        elif (indicator.label, indicator.order) != (label, i):
            indicator.label, indicator.order = label, i
            indicator.save(update_fields=["label", "order"])
    audit(actor=scope.actor, action="convention.indicators", obj=convention, count=len(labels))


@transaction.atomic
def commitment_add(
    *,
    convention: Convention,
    scope: Scope,
    party: ConventionParty | None,
    text: str,
    recurrence: str,
    due_date: datetime.date | None = None,
    is_follow_up: bool = False,
) -> Commitment:
    """Add a commitment; a follow-up point takes its rhythm from the convention's follow-up cadence."""
    if not can_edit(scope, convention):
        raise PermissionDenied
    if party is not None and party.convention_id != convention.pk:
        raise ValidationError("Cette partie n'appartient pas à la convention.")
    if is_follow_up:
        recurrence, due_date = CADENCE_RECURRENCE[convention.followup_cadence], None
    order = convention.commitments.count()
    commitment = Commitment.objects.create(
        convention=convention,
        party=party,
        text=text,
        recurrence=recurrence,
        due_date=due_date,
        is_follow_up=is_follow_up,
        order=order,
    )
    audit(actor=scope.actor, action="commitment.add", obj=commitment)
    if convention.status in SCHEDULED_STATUSES:
        schedule_convention(convention)
    return commitment


@transaction.atomic
def occurrence_mark_done(
    *,
    occurrence: Occurrence,
    scope: Scope,
    done_on: datetime.date,
    note: str = "",
    document: ConventionDocument | None = None,
    uploaded_file=None,
) -> Occurrence:
    """Record that a calendar item took place, with its evidence (a note, a document, a new upload, or several).

    Everything is checked before a new file is written; should anything fail after, the file is removed with the
    rolled-back rows (call this service outside any larger transaction when it receives a file).
    """
    if not can_edit(scope, occurrence.convention):
        raise PermissionDenied
    occurrence = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
    if occurrence.status == OccurrenceStatus.DONE:
        raise ConventionError("Cette échéance est déjà marquée comme réalisée.")
    if not note.strip() and document is None and uploaded_file is None:
        raise ConventionError("Indiquez une note ou joignez un justificatif.")
    if document is not None and document.convention_id != occurrence.convention_id:
        raise ValidationError("Ce document n'appartient pas à la convention.")
    if done_on > timezone.localdate():
        raise ConventionError("La date de réalisation ne peut pas être dans le futur.")
    stored = None
    if uploaded_file is not None:
        stored = document = _store_document(
            convention=occurrence.convention,
            scope=scope,
            uploaded_file=uploaded_file,
            title=f"Justificatif — {occurrence.title} ({occurrence.due_label})",
            kind=DocumentKind.EVIDENCE,
        )
    try:
        occurrence.status = OccurrenceStatus.DONE
        occurrence.done_on = done_on
        occurrence.note = note.strip()
        occurrence.document = document
        occurrence.done_by = scope.actor
        occurrence.save(update_fields=["status", "done_on", "note", "document", "done_by", "updated_at"])
        audit(actor=scope.actor, action="occurrence.done", obj=occurrence, done_on=done_on.isoformat())
    except BaseException:
        if stored is not None:
            stored.file.delete(save=False)
        raise
    return occurrence


def _store_document(
    *, convention: Convention, scope: Scope, uploaded_file, title: str, kind: str, folder=None
):
    """Check the upload, write it to private storage, then save its row; no file is left if the row fails."""
    if folder is not None and folder.convention_id != convention.pk:
        raise ValidationError("Ce dossier n'appartient pas à la convention.")
    with stored_document(
        ConventionDocument,
        uploaded_file=uploaded_file,
        scope=scope,
        title=title,
        convention=convention,
        folder=folder,
        kind=kind,
    ) as (document, content, mime):
        audit(
            actor=scope.actor,
            action="document.upload",
            obj=document,
            size=len(content),
            type=mime,
            folder=folder.pk if folder is not None else None,
        )
    return document


@transaction.atomic
def document_upload(
    *, convention: Convention, scope: Scope, uploaded_file, title: str, kind: str, folder=None
):
    """File a document in the convention's shared space (every party's members may, see perms.can_contribute)."""
    if not can_contribute(scope, convention):
        raise PermissionDenied
    return _store_document(
        convention=convention, scope=scope, uploaded_file=uploaded_file, title=title, kind=kind, folder=folder
    )
