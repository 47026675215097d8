"""Writes of conventions: lifecycle, creation and edition, commitments, calendar items, documents."""

import datetime
import uuid
from difflib import SequenceMatcher

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from relais.conventions.enums import (
    CADENCE_RECURRENCE,
    ConventionStatus,
    DocumentKind,
    IndicatorCode,
    OccurrenceKind,
    OccurrenceStatus,
    PartyRole,
    Recurrence,
    RenewalRule,
)
from relais.conventions.models import (
    TRANSITIONS,
    Commitment,
    Convention,
    ConventionDocument,
    ConventionError,
    ConventionParty,
    ConventionTransition,
    Indicator,
    Occurrence,
    Referent,
)
from relais.conventions.parents import validate_parent
from relais.conventions.perms import EDITOR_ROLES, can_create, can_edit, editor_organization_ids
from relais.conventions.renewal import copy_period
from relais.conventions.scheduling import end_from_duration, schedule_convention
from relais.conventions.selectors import conventions_visible_to
from relais.conventions.uploads import validate_upload
from relais.core.services import audit
from relais.core.tasks import send_email
from relais.organizations.models import Membership, Organization

# How close a new label must be to an old one to count as the same indicator reworded.
EDITED_LABEL_SIMILARITY = 0.6
SCHEDULED_STATUSES = {ConventionStatus.SIGNED, ConventionStatus.ACTIVE, ConventionStatus.REVIEW_DUE}


def convention_url(convention) -> str:
    return settings.RELAIS_BASE_URL.rstrip("/") + reverse("conventions:detail", args=[convention.pk])


def recipients(convention, party: ConventionParty | None = None) -> list:
    """Coordinators and directors of the parties (or of one party) and the referents who have an account."""
    parties = [party] if party is not None else list(convention.parties.all())
    users = set(coordinators(parties))
    for referent in Referent.objects.filter(party__in=parties, person__user__is_active=True).select_related(
        "person__user"
    ):
        users.add(referent.person.user)
    return sorted(users, key=lambda u: u.email)


def coordinators(parties) -> list:
    """The coordinators and directors of these parties: their single points of contact."""
    return list(
        {
            m.person.user
            for m in Membership.objects.filter(
                organization_id__in=[p.organization_id for p in parties],
                role__in=EDITOR_ROLES,
                is_active=True,
                person__user__isnull=False,
                person__user__is_active=True,
            ).select_related("person__user")
        }
    )


def _notify(convention, subject: str, body: str, users) -> None:
    emails = [u.email for u in users if u.email]
    if not emails:
        return
    message = f"{body}\n\n{convention}\n{convention_url(convention)}"
    transaction.on_commit(lambda: send_email(subject, message, emails))


def _log(convention, *, name, from_status, to_status, by, note="") -> ConventionTransition:
    return ConventionTransition.objects.create(
        convention=convention, name=name, from_status=from_status, to_status=to_status, by=by, note=note
    )


@transaction.atomic
def convention_apply_transition(
    *,
    convention: Convention,
    name: str,
    acting_user=None,
    note: str = "",
    signature_date: datetime.date | None = None,
) -> Convention:
    """Move the convention along its lifecycle; `acting_user=None` is the platform itself (jobs, loaders).

    Renewal returns the new period.
    """
    if acting_user is not None and not can_edit(acting_user, convention):
        raise PermissionDenied
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ConventionError("Cette action n'existe pas.")
    convention = Convention.objects.select_for_update().get(pk=convention.pk)
    if convention.status not in transition.sources:
        raise ConventionError(
            f"Action impossible : « {transition.label} » n'est pas possible pour une convention au statut "
            f"« {convention.get_status_display()} »."
        )
    fields = ["status", "updated_at"]
    if name == "sign" and signature_date:
        convention.signature_date = signature_date
        fields.append("signature_date")
    if name == "activate":
        if not convention.start_date:
            raise ConventionError("Renseignez la date de début avant de démarrer la convention.")
        if not convention.end_date and convention.duration_months:
            convention.end_date = end_from_duration(convention.start_date, convention.duration_months)
            fields.append("end_date")
    if name == "renew":
        return _renew(convention=convention, acting_user=acting_user, note=note)
    previous = convention.status
    convention.status = transition.target
    convention.save(update_fields=fields)
    _log(convention, name=name, from_status=previous, to_status=transition.target, by=acting_user, note=note)
    audit(actor=acting_user, action=f"convention.{name}", obj=convention, note=note)
    if transition.target in SCHEDULED_STATUSES:
        schedule_convention(convention)
    _notify(
        convention,
        f"[Relais] {convention.title} : {convention.get_status_display()}",
        f"La convention est passée au statut « {convention.get_status_display()} ».",
        recipients(convention),
    )
    return convention


RENEWAL_REFUSED = {
    RenewalRule.FIXED_TERM: "Cette convention est conclue pour une durée déterminée, sans renouvellement prévu par "
    "son texte : elle ne peut pas être renouvelée. Mettez-y fin à son échéance et, si les "
    "parties le décident, concluez une nouvelle convention.",
    RenewalRule.UNSPECIFIED: "Le texte de cette convention ne prévoit pas de renouvellement : renseignez d'abord sa "
    "règle de renouvellement si les parties en ont décidé un.",
}


def _renew(*, convention: Convention, acting_user, note: str) -> Convention:
    """Close the period and open the next one, linked to the previous period and to its annual review."""
    if not convention.is_renewable:
        raise ConventionError(
            RENEWAL_REFUSED.get(convention.renewal_rule, RENEWAL_REFUSED[RenewalRule.UNSPECIFIED])
        )
    if not convention.end_date or not convention.duration_months:
        raise ConventionError("Le renouvellement demande une date de fin et une durée.")
    review = convention.occurrences.filter(kind=OccurrenceKind.REVIEW).order_by("-due_date").first()
    previous = convention.status
    convention.status = ConventionStatus.RENEWED
    convention.save(update_fields=["status", "updated_at"])
    _log(
        convention,
        name="renew",
        from_status=previous,
        to_status=ConventionStatus.RENEWED,
        by=acting_user,
        note=note,
    )
    nxt = copy_period(convention, review=review, acting_user=acting_user)
    _log(
        nxt,
        name="renew",
        from_status="",
        to_status=ConventionStatus.ACTIVE,
        by=acting_user,
        note=f"Nouvelle période ouverte par le renouvellement de la période {convention.period_number}.",
    )
    audit(actor=acting_user, action="convention.renew", obj=convention, next_period=nxt.pk, note=note)
    schedule_convention(nxt)
    _carry_one_off_realisations(previous=convention, nxt=nxt)
    _notify(
        nxt,
        f"[Relais] {nxt.title} : renouvelée",
        f"La convention est renouvelée du {nxt.start_date:%d/%m/%Y} au {nxt.end_date:%d/%m/%Y}.",
        recipients(nxt),
    )
    return nxt


CARRIED_NOTE = "Réalisé pendant la période"


def _carry_one_off_realisations(*, previous: Convention, nxt: Convention) -> None:
    """A one-off commitment done in the previous period (a contact designated...) stays done in the next one."""
    done = {
        (o.commitment.party.organization_id if o.commitment.party_id else None, o.commitment.text): o
        for o in previous.occurrences.filter(
            status=OccurrenceStatus.DONE, commitment__recurrence=Recurrence.ONCE
        ).select_related("commitment__party")
    }
    for occurrence in nxt.occurrences.filter(commitment__recurrence=Recurrence.ONCE).select_related(
        "commitment__party"
    ):
        key = (
            occurrence.commitment.party.organization_id if occurrence.commitment.party_id else None,
            occurrence.commitment.text,
        )
        earlier = done.get(key)
        if earlier is not None:
            occurrence.status = OccurrenceStatus.DONE
            occurrence.done_on = earlier.done_on
            occurrence.done_by = earlier.done_by
            carried = earlier.note.startswith(CARRIED_NOTE)  # done even earlier: keep the original period
            occurrence.note = (
                earlier.note
                if carried
                else (f"{CARRIED_NOTE} {previous.period_number} (le {earlier.done_on:%d/%m/%Y}).")
            )
            occurrence.save(update_fields=["status", "done_on", "done_by", "note", "updated_at"])


def _complete_dates(fields: dict) -> None:
    if fields.get("start_date") and fields.get("duration_months") and not fields.get("end_date"):
        fields["end_date"] = end_from_duration(fields["start_date"], fields["duration_months"])
    if fields.get("start_date") and fields.get("end_date") and fields["end_date"] < fields["start_date"]:
        raise ValidationError({"end_date": "La date de fin doit suivre la date de début."})


@transaction.atomic
def convention_create(
    *, acting_user, own_organization: Organization, partner_organizations=(), **fields
) -> Convention:
    """A draft convention; the creator's organisation is a signatory party, the partners too."""
    if not can_create(acting_user):
        raise PermissionDenied
    if not acting_user.is_staff and own_organization.pk not in editor_organization_ids(acting_user):
        raise PermissionDenied
    validate_parent(
        kind=fields.get("kind", ""), parent=fields.get("parent"), visible=conventions_visible_to(acting_user)
    )
    _complete_dates(fields)
    convention = Convention.objects.create(status=ConventionStatus.DRAFT, created_by=acting_user, **fields)
    organizations = [own_organization] + [o for o in partner_organizations if o.pk != own_organization.pk]
    for order, organization in enumerate(organizations):
        ConventionParty.objects.create(
            convention=convention, organization=organization, role=PartyRole.SIGNATORY, order=order
        )
    _log(convention, name="create", from_status="", to_status=ConventionStatus.DRAFT, by=acting_user)
    audit(actor=acting_user, action="convention.create", obj=convention)
    return convention


@transaction.atomic
def convention_update(*, convention: Convention, acting_user, **fields) -> Convention:
    """Edit the convention's own fields; the follow-up commitments take the new cadence's recurrence."""
    if not can_edit(acting_user, convention):
        raise PermissionDenied
    if "parent" in fields or "kind" in fields:
        parent = fields.get("parent", convention.parent)
        validate_parent(
            kind=fields.get("kind", convention.kind),
            parent=parent,
            convention=convention,
            visible=None
            if parent is not None and parent.pk == convention.parent_id
            else conventions_visible_to(acting_user),
        )
    _complete_dates(fields)
    for name, value in fields.items():
        setattr(convention, name, value)
    convention.save(update_fields=[*fields, "updated_at"])
    if "followup_cadence" in fields:
        convention.commitments.filter(is_follow_up=True).update(
            recurrence=CADENCE_RECURRENCE[convention.followup_cadence]
        )
    audit(actor=acting_user, action="convention.update", obj=convention, fields=sorted(fields))
    if convention.status in SCHEDULED_STATUSES:
        schedule_convention(convention)
    return convention


@transaction.atomic
def convention_set_indicators(*, convention: Convention, acting_user, labels: list[str]) -> None:
    """Replace the list of indicators; an indicator kept (same label, or a label reworded) keeps its code."""
    if not can_edit(acting_user, convention):
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
    audit(actor=acting_user, action="convention.indicators", obj=convention, count=len(labels))


@transaction.atomic
def commitment_add(
    *,
    convention: Convention,
    acting_user,
    party: ConventionParty | None,
    text: str,
    recurrence: str,
    due_date: datetime.date | None = None,
    is_follow_up: bool = False,
) -> Commitment:
    """Add a commitment; a follow-up point takes its rhythm from the convention's follow-up cadence."""
    if not can_edit(acting_user, convention):
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
    audit(actor=acting_user, action="commitment.add", obj=commitment)
    if convention.status in SCHEDULED_STATUSES:
        schedule_convention(convention)
    return commitment


@transaction.atomic
def occurrence_mark_done(
    *,
    occurrence: Occurrence,
    acting_user,
    done_on: datetime.date,
    note: str = "",
    document: ConventionDocument | None = None,
    uploaded_file=None,
) -> Occurrence:
    """Record that a calendar item took place, with its evidence (a note, a document, a new upload, or several).

    Everything is checked before a new file is written; should anything fail after, the file is removed with the
    rolled-back rows (call this service outside any larger transaction when it receives a file).
    """
    if not can_edit(acting_user, occurrence.convention):
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
            acting_user=acting_user,
            uploaded_file=uploaded_file,
            title=f"Justificatif — {occurrence.title} ({occurrence.due_label})",
            kind=DocumentKind.EVIDENCE,
        )
    try:
        occurrence.status = OccurrenceStatus.DONE
        occurrence.done_on = done_on
        occurrence.note = note.strip()
        occurrence.document = document
        occurrence.done_by = acting_user
        occurrence.save(update_fields=["status", "done_on", "note", "document", "done_by", "updated_at"])
        audit(actor=acting_user, action="occurrence.done", obj=occurrence, done_on=done_on.isoformat())
    except BaseException:
        if stored is not None:
            stored.file.delete(save=False)
        raise
    return occurrence


def _store_document(*, convention: Convention, acting_user, uploaded_file, title: str, kind: str):
    """Check the upload, write it to private storage, then save its row; no file is left if the row fails."""
    content, extension, mime = validate_upload(uploaded_file)
    document = ConventionDocument(
        convention=convention,
        kind=kind,
        title=title.strip() or uploaded_file.name,
        stored_name=f"{uuid.uuid4().hex}.{extension}",
        original_name=uploaded_file.name[:255],
        content_type=mime,
        size=len(content),
        uploaded_by=acting_user,
    )
    document.file.save(document.stored_name, ContentFile(content), save=False)
    try:
        document.save()
        audit(actor=acting_user, action="document.upload", obj=document, size=len(content), type=mime)
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def document_upload(*, convention: Convention, acting_user, uploaded_file, title: str, kind: str):
    if not can_edit(acting_user, convention):
        raise PermissionDenied
    return _store_document(
        convention=convention, acting_user=acting_user, uploaded_file=uploaded_file, title=title, kind=kind
    )
