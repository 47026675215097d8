"""Writes that edit what a convention says: parties, signatories, referents, statements, axes, actions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from relais.conventions.enums import OccurrenceStatus, PartyRole, SignatoryCapacity, StatementKind
from relais.conventions.models import (
    Action,
    Axis,
    Commitment,
    Convention,
    ConventionParty,
    Referent,
    Signatory,
    Statement,
)
from relais.conventions.perms import can_edit
from relais.core.scope import Scope
from relais.core.services import audit
from relais.organizations.models import Organization, Person

MIN_PARTIES = 2


def _check_can_edit(scope: Scope, convention: Convention) -> None:
    if not can_edit(scope, convention):
        raise PermissionDenied


def _sync_rows(*, model, existing: dict[int, models.Model], rows: list[dict], create_kwargs: dict) -> dict:
    """Update the rows that changed and create the new ones; each row's order is its position in `rows`.

    Rows are {"pk": id or None, field: value...}. Removal is a separate service with its own confirmation,
    so existing rows missing from `rows` (added meanwhile by someone else) are kept, after the listed ones.
    """
    listed = [row["pk"] for row in rows if row.get("pk")]
    if set(listed) - set(existing) or len(listed) != len(set(listed)):
        raise ValidationError("La liste a changé entre-temps : rechargez la page et recommencez.")
    unlisted = [obj for pk, obj in existing.items() if pk not in listed]
    created = updated = 0
    for order, row in enumerate(rows):
        values = {name: value for name, value in row.items() if name != "pk"} | {"order": order}
        if not row.get("pk"):
            model.objects.create(**create_kwargs, **values)
            created += 1
            continue
        obj = existing[row["pk"]]
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            updated += 1
    for order, obj in enumerate(unlisted, start=len(rows)):
        if obj.order != order:
            obj.order = order
            obj.save(update_fields=["order"])
    return {"created": created, "updated": updated}


def _clean_text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


# Parties


@transaction.atomic
def party_add(
    *,
    convention: Convention,
    scope: Scope,
    organization: Organization,
    role: str = PartyRole.SIGNATORY,
    name_in_text: str = "",
    legal_form: str = "",
    head_office: str = "",
    presentation: str = "",
) -> ConventionParty:
    _check_can_edit(scope, convention)
    if role not in PartyRole.values:
        raise ValidationError({"role": "Ce rôle n'existe pas."})
    if convention.parties.filter(organization=organization).exists():
        raise ValidationError(
            {
                "organization": f"« {organization} » est déjà partie à la convention : "
                "une organisation n'y figure qu'une fois."
            }
        )
    last = convention.parties.aggregate(last=models.Max("order"))["last"]
    party = ConventionParty.objects.create(
        convention=convention,
        organization=organization,
        role=role,
        name_in_text=name_in_text.strip(),
        legal_form=legal_form.strip(),
        head_office=head_office.strip(),
        presentation=presentation.strip(),
        order=0 if last is None else last + 1,
    )
    audit(
        actor=scope.actor,
        action="convention.party_add",
        obj=convention,
        party=party.pk,
        organization=organization.pk,
        role=role,
    )
    return party


@transaction.atomic
def party_update(
    *,
    party: ConventionParty,
    scope: Scope,
    role: str,
    name_in_text: str = "",
    legal_form: str = "",
    head_office: str = "",
    presentation: str = "",
) -> ConventionParty:
    _check_can_edit(scope, party.convention)
    if role not in PartyRole.values:
        raise ValidationError({"role": "Ce rôle n'existe pas."})
    values = {
        "role": role,
        "name_in_text": name_in_text.strip(),
        "legal_form": legal_form.strip(),
        "head_office": head_office.strip(),
        "presentation": presentation.strip(),
    }
    changed = [name for name, value in values.items() if getattr(party, name) != value]
    for name in changed:
        setattr(party, name, values[name])
    if changed:
        party.save(update_fields=changed)
        audit(
            actor=scope.actor,
            action="convention.party_update",
            obj=party.convention,
            party=party.pk,
            fields=sorted(changed),
        )
    return party


@transaction.atomic
def party_remove(*, party: ConventionParty, scope: Scope) -> None:
    """Remove a party with its signatories and referents; refused while it still carries commitments."""
    convention = party.convention
    _check_can_edit(scope, convention)
    remaining = list(convention.parties.exclude(pk=party.pk).values_list("organization_id", flat=True))
    if len(remaining) < MIN_PARTIES:
        raise ValidationError(
            "Une convention garde au moins deux parties : ajoutez l'autre partie avant de "
            f"retirer « {party} »."
        )
    commitments = party.commitments.count()
    if commitments:
        raise ValidationError(
            f"« {party} » porte encore {commitments} engagement{'s' if commitments > 1 else ''} : une partie "
            "ne peut pas être retirée tant que ses engagements existent."
        )
    if not scope.is_platform and not set(remaining) & scope.editor_ids:
        raise ValidationError(
            "Vous ne pourriez plus modifier la convention après ce retrait : aucune des autres "
            "parties ne compte parmi vos organisations."
        )
    details = {"party": party.pk, "organization": party.organization_id}
    party.delete()
    audit(actor=scope.actor, action="convention.party_remove", obj=convention, **details)


# Signatories


@transaction.atomic
def signatories_save(*, convention: Convention, scope: Scope, rows: list[dict]) -> dict:
    """Rows are {"pk", "full_name", "title", "capacity", "party"} in the order of the text; party may be None.

    The capacity says whether the person signed or, as the text puts it, attended the signature.
    """
    _check_can_edit(scope, convention)
    party_ids = set(convention.parties.values_list("pk", flat=True))
    values = []
    for row in rows:
        party = row.get("party")
        if party is not None and party.pk not in party_ids:
            raise ValidationError("Cette partie n'appartient pas à la convention.")
        capacity = row.get("capacity") or SignatoryCapacity.SIGNED
        if capacity not in SignatoryCapacity.values:
            raise ValidationError("Indiquez si la personne a signé ou était présente à la signature.")
        values.append(
            {
                "pk": row.get("pk"),
                "full_name": _clean_text(row["full_name"], "Indiquez le nom du signataire."),
                "title": (row.get("title") or "").strip(),
                "capacity": capacity,
                "party_id": party.pk if party else None,
            }
        )
    existing = {s.pk: s for s in convention.signatories.all()}
    result = _sync_rows(
        model=Signatory, existing=existing, rows=values, create_kwargs={"convention": convention}
    )
    audit(actor=scope.actor, action="convention.signatories", obj=convention, **result)
    return result


@transaction.atomic
def signatory_remove(*, signatory: Signatory, scope: Scope) -> None:
    _check_can_edit(scope, signatory.convention)
    details = {"signatory": signatory.pk, "party": signatory.party_id}  # ids only: no name in the audit log
    signatory.delete()
    audit(actor=scope.actor, action="convention.signatory_remove", obj=signatory.convention, **details)


# Commitments


@transaction.atomic
def commitment_remove(*, commitment: Commitment, scope: Scope) -> None:
    """Remove a commitment and its planned occurrences; one with a recorded realisation keeps its history."""
    _check_can_edit(scope, commitment.convention)
    done = commitment.occurrences.filter(status=OccurrenceStatus.DONE).count()
    if done:
        raise ValidationError(
            f"Cet engagement a déjà {done} échéance(s) réalisée(s) : il ne peut pas être supprimé, pour garder "
            "la trace de ce qui a été fait."
        )
    details = {"commitment": commitment.pk, "text": commitment.text[:200]}
    commitment.delete()
    audit(actor=scope.actor, action="convention.commitment_remove", obj=commitment.convention, **details)


# Operational referents


@transaction.atomic
def referents_save(*, party: ConventionParty, scope: Scope, rows: list[dict]) -> dict:
    """Rows are {"pk", "full_name", "description", "person"}; a person belongs to the party's organisation."""
    _check_can_edit(scope, party.convention)
    members = set(
        Person.objects.filter(
            memberships__organization_id=party.organization_id, memberships__is_active=True
        ).values_list("pk", flat=True)
    )
    values = []
    for row in rows:
        person = row.get("person")
        full_name = (row.get("full_name") or "").strip()
        if person is not None and person.pk not in members:
            raise ValidationError(
                f"{person} n'est pas membre de « {party.organization} » : choisissez une personne "
                "de cette organisation ou laissez la fiche vide."
            )
        if not full_name and person is None:
            raise ValidationError("Indiquez le nom du référent ou choisissez sa fiche.")
        values.append(
            {
                "pk": row.get("pk"),
                "full_name": full_name or str(person),
                "description": (row.get("description") or "").strip(),
                "person_id": person.pk if person else None,
            }
        )
    existing = {r.pk: r for r in party.referents.all()}
    result = _sync_rows(model=Referent, existing=existing, rows=values, create_kwargs={"party": party})
    audit(actor=scope.actor, action="convention.referents", obj=party.convention, party=party.pk, **result)
    return result


@transaction.atomic
def referent_remove(*, referent: Referent, scope: Scope) -> None:
    convention = referent.party.convention
    _check_can_edit(scope, convention)
    details = {"referent": referent.pk, "party": referent.party_id, "person": referent.person_id}
    referent.delete()
    audit(actor=scope.actor, action="convention.referent_remove", obj=convention, **details)


# Purposes and common objectives


@transaction.atomic
def statements_save(*, convention: Convention, scope: Scope, kind: str, rows: list[dict]) -> dict:
    """Rows are {"pk", "text", "details"} where details is a list of sub-items (purposes only)."""
    _check_can_edit(scope, convention)
    if kind not in StatementKind.values:
        raise ValidationError("Ce type d'énoncé n'existe pas.")
    values = [
        {
            "pk": row.get("pk"),
            "text": _clean_text(row["text"], "Un énoncé ne peut pas être vide."),
            "details": [d.strip() for d in row.get("details") or [] if d.strip()],
        }
        for row in rows
    ]
    existing = {s.pk: s for s in convention.statements.filter(kind=kind)}
    result = _sync_rows(
        model=Statement,
        existing=existing,
        rows=values,
        create_kwargs={"convention": convention, "kind": kind},
    )
    audit(actor=scope.actor, action="convention.statements", obj=convention, kind=kind, **result)
    return result


@transaction.atomic
def statement_remove(*, statement: Statement, scope: Scope) -> None:
    _check_can_edit(scope, statement.convention)
    details = {"statement": statement.pk, "kind": statement.kind}
    statement.delete()
    audit(actor=scope.actor, action="convention.statement_remove", obj=statement.convention, **details)


# Axes and their actions


@transaction.atomic
def axis_save(
    *,
    convention: Convention,
    scope: Scope,
    title: str,
    description: str = "",
    actions: list[dict],
    axis: Axis | None = None,
) -> Axis:
    """Create (axis=None) or update an axis with the ordered actions listed under it ({"pk", "text"} rows)."""
    _check_can_edit(scope, convention)
    if axis is not None and axis.convention_id != convention.pk:
        raise ValidationError("Cet axe n'appartient pas à la convention.")
    title = _clean_text(title, "Indiquez l'intitulé de l'axe.")
    description = (description or "").strip()
    if axis is None:
        last = convention.axes.aggregate(last=models.Max("order"))["last"]
        axis = Axis.objects.create(
            convention=convention, title=title, description=description, order=0 if last is None else last + 1
        )
        action_name = "convention.axis_add"
    else:
        changed = [
            name
            for name, value in (("title", title), ("description", description))
            if getattr(axis, name) != value
        ]
        for name in changed:
            setattr(axis, name, title if name == "title" else description)
        if changed:
            axis.save(update_fields=changed)
        action_name = "convention.axis_update"
    values = [
        {"pk": row.get("pk"), "text": _clean_text(row["text"], "Une action ne peut pas être vide.")}
        for row in actions
    ]
    existing = {a.pk: a for a in axis.actions.all()}
    result = _sync_rows(
        model=Action, existing=existing, rows=values, create_kwargs={"convention": convention, "axis": axis}
    )
    audit(
        actor=scope.actor,
        action=action_name,
        obj=convention,
        axis=axis.pk,
        actions_created=result["created"],
        actions_updated=result["updated"],
    )
    return axis


@transaction.atomic
def axis_remove(*, axis: Axis, scope: Scope) -> None:
    """Remove an axis and the actions listed under it."""
    _check_can_edit(scope, axis.convention)
    details = {"axis": axis.pk, "title": axis.title, "actions": axis.actions.count()}
    axis.delete()
    audit(actor=scope.actor, action="convention.axis_remove", obj=axis.convention, **details)


@transaction.atomic
def action_remove(*, action: Action, scope: Scope) -> None:
    _check_can_edit(scope, action.convention)
    details = {"action_id": action.pk, "axis": action.axis_id}
    action.delete()
    audit(actor=scope.actor, action="convention.action_remove", obj=action.convention, **details)
