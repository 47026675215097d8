"""Writes of young people's records: create, change, archive, anonymise, and the log of personal-data reads."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from relais.core.models import AccessLog
from relais.core.scope import Scope
from relais.core.services import audit, log_access, write_access_log
from relais.jobs.models import RomeTitle
from relais.organizations.models import Organization, Person
from relais.territories.models import Commune
from relais.territories.selectors import residence_communes
from relais.youths.enums import ConsentScope
from relais.youths.hooks import youth_anonymised
from relais.youths.models import Youth, validate_age_for_positioning
from relais.youths.selectors import counsellors_of
from relais.youths.validation import check_text_fields, consent_date_problem
from relais.youths.validation import identity_key as identity_key_of

# Fields a form or an import may set; mission_locale, timestamps and archiving are handled apart.
EDITABLE_FIELDS = (
    "counsellor",
    "imilo_id",
    "first_name",
    "last_name",
    "birth_date",
    "commune",
    "qualification_level",
    "qpv_resident",
    "rqth",
    "cej_beneficiary",
    "school_dropout",
    "no_diploma",
    "driving_licence",
    "has_vehicle",
    "max_distance_km",
    "email",
    "phone",
    "consent_given_at",
    "consent_scope",
)
YOUTH_OBJECT_TYPE = Youth._meta.label_lower


def find_commune(code: str) -> Commune | None:
    """The commune (or municipal arrondissement) with this INSEE code; delegated communes share codes."""
    code = (code or "").strip().upper()
    if not code:
        return None
    return residence_communes().filter(code=code).order_by("kind").first()


def field_differs(youth: Youth, name: str, value) -> bool:
    """Compare foreign keys by id so that checking a change never loads the related row."""
    if name in ("commune", "counsellor"):
        return getattr(youth, f"{name}_id") != (value.pk if value is not None else None)
    return getattr(youth, name) != value


def check_can_write(scope: Scope, mission_locale: Organization) -> None:
    if not scope.is_system and mission_locale.pk not in scope.mission_locale_ids:
        raise PermissionDenied("Vous ne suivez pas les jeunes de cette Mission Locale.")


# The condition of the partial unique index youth_imilo_id_unique_per_ml, repeated in the clash check: SQLite
# uses a partial index only when the query states its condition (it does not infer `<> ''` from `= 'X'`).
IMILO_INDEXED = Q(imilo_id__isnull=False) & ~Q(imilo_id="")
IDENTITY_FIELDS = ("last_name", "first_name", "birth_date")
DUPLICATE_IDENTITY = (
    "Un jeune de même nom, prénom et date de naissance est déjà suivi par la Mission Locale "
    "(fiche active ou archivée) : retrouvez sa fiche plutôt que d'en créer une seconde."
)


def _clean(*, mission_locale: Organization, fields: dict, instance: Youth | None) -> dict:
    fields, errors = check_text_fields(fields)
    fields["imilo_id"] = fields.get("imilo_id") or None
    counsellor: Person | None = fields.get("counsellor")
    if counsellor is not None and not counsellors_of([mission_locale.pk]).filter(pk=counsellor.pk).exists():
        errors.setdefault("counsellor", []).append("Ce conseiller ne fait pas partie de la Mission Locale.")
    birth_date = fields.get("birth_date")
    if birth_date and (instance is None or instance.birth_date != birth_date):
        try:
            validate_age_for_positioning(birth_date)
        except ValidationError as error:
            errors.setdefault("birth_date", []).extend(error.messages)
    consent_date = fields.get("consent_given_at")
    problem = consent_date_problem(
        consent_date, birth_date or getattr(instance, "birth_date", None), timezone.localdate()
    )
    if problem:
        errors.setdefault("consent_given_at", []).append(problem)
    if consent_date and not fields.get("consent_scope"):
        fields["consent_scope"] = ConsentScope.IDENTITY_ONLY
    if not consent_date:
        fields["consent_scope"] = ""
    if fields["imilo_id"]:
        clash = Youth.objects.filter(
            IMILO_INDEXED, mission_locale=mission_locale, imilo_id=fields["imilo_id"]
        )
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors.setdefault("imilo_id", []).append(
                "Un autre jeune de la Mission Locale porte déjà cet identifiant I-Milo."
            )
    key = identity_key_after(fields, instance)
    if key is not None and "last_name" not in errors:
        clash = Youth.objects.filter(mission_locale=mission_locale, identity_key=key)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors.setdefault("last_name", []).append(DUPLICATE_IDENTITY)
    if errors:
        raise ValidationError(errors)
    return fields


def identity_key_after(fields: dict, instance: Youth | None) -> str | None:
    """The identity key the record will have; an unchanged identity keeps the stored one (a duplicate recorded
    before the rule stays unkeyed, and editable, until its identity is changed)."""
    values = {name: fields.get(name, getattr(instance, name, None)) for name in IDENTITY_FIELDS}
    key = identity_key_of(values["last_name"] or "", values["first_name"] or "", values["birth_date"])
    if instance is not None and key == identity_key_of(
        instance.last_name, instance.first_name, instance.birth_date
    ):
        return instance.identity_key
    return key


def _save_keyed(youth: Youth, **save_kwargs) -> None:
    """Save; a concurrent post that recorded the same identity (or I-Milo id) first is a French error."""
    try:
        with transaction.atomic():
            youth.save(**save_kwargs)
    except IntegrityError as error:
        text = str(error)
        if "imilo" in text:
            raise ValidationError(
                {"imilo_id": ["Un autre jeune de la Mission Locale porte déjà cet identifiant I-Milo."]}
            ) from None
        if "identity" in text:
            raise ValidationError({"last_name": [DUPLICATE_IDENTITY]}) from None
        raise


@transaction.atomic
def youth_create(
    *, mission_locale: Organization, scope: Scope, sought_titles: Iterable[RomeTitle] = (), **fields
) -> Youth:
    check_can_write(scope, mission_locale)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    fields = _clean(mission_locale=mission_locale, fields=fields, instance=None)
    youth = Youth(mission_locale=mission_locale, **fields)
    youth.refresh_search_text()
    youth.identity_key = identity_key_after(fields, None)
    _save_keyed(youth)
    youth.sought_titles.set(list(sought_titles))
    # The audit row names the fields, never their values: the flags are sensitive.
    audit(actor=scope.actor, action="youth.create", obj=youth, mission_locale=mission_locale.pk)
    return youth


@transaction.atomic
def youth_update(
    *, youth: Youth, scope: Scope, sought_titles: Iterable[RomeTitle] | None = None, **fields
) -> Youth:
    check_can_write(scope, youth.mission_locale)
    if youth.is_archived:
        raise ValidationError("Ce jeune est archivé : sa fiche ne peut plus être modifiée.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    fields = _clean(mission_locale=youth.mission_locale, fields=fields, instance=youth)
    key = identity_key_after(fields, youth)
    changed = [name for name, value in fields.items() if field_differs(youth, name, value)]
    for name in changed:
        setattr(youth, name, fields[name])
    if changed:
        derived = []
        if {"first_name", "last_name"} & set(changed):
            youth.refresh_search_text()
            derived.append("search_text")
        if key != youth.identity_key:
            youth.identity_key = key
            derived.append("identity_key")
        _save_keyed(youth, update_fields=[*changed, *derived, "updated_at"])
    if sought_titles is not None:
        new_ids = {title.pk for title in sought_titles}
        if new_ids != set(youth.sought_titles.values_list("pk", flat=True)):
            youth.sought_titles.set(new_ids)
            changed.append("sought_titles")
    if changed:
        audit(actor=scope.actor, action="youth.update", obj=youth, fields=sorted(changed))
    return youth


@transaction.atomic
def youth_archive(*, youth: Youth, scope: Scope) -> Youth:
    check_can_write(scope, youth.mission_locale)
    if youth.is_archived:
        raise ValidationError("Ce jeune est déjà archivé.")
    youth.archived_at = timezone.now()
    youth.save(update_fields=["archived_at", "updated_at"])
    audit(actor=scope.actor, action="youth.archive", obj=youth)
    return youth


@transaction.atomic
def youth_anonymise(*, youth: Youth, scope: Scope, reason: str = "") -> None:
    """Erase a young person's identity: the record is deleted, the statistics stay (the retention job's action).

    Their positionings keep the countable facts copied at proposal (relais.positionings.facts), lose their free
    text (youths.hooks.ON_ANONYMISE) and show "Jeune anonymisé"; the audit and access logs hold ids only. Staff
    of the youth's Mission Locale may do it once the record is archived; the platform (the retention job, whose
    `reason` is "inactive" or "age_cap") whatever the archive state.
    """
    if not (scope.is_system or youth.mission_locale_id in scope.mission_locale_ids):
        raise PermissionDenied("Vous ne suivez pas les jeunes de cette Mission Locale.")
    if not scope.is_system and not youth.is_archived:
        raise ValidationError("Archivez la fiche de ce jeune avant de l'anonymiser.")
    youth_anonymised(youth)
    details = {"mission_locale": youth.mission_locale_id, **({"reason": reason} if reason else {})}
    audit(actor=scope.actor, action="youth.anonymise", obj=youth, **details)
    youth.delete()


def log_youth_read(*, scope: Scope, youth: Youth, path: str = "") -> AccessLog:
    return log_access(
        user=scope.actor,
        kind=AccessLog.Kind.READ,
        object_type=YOUTH_OBJECT_TYPE,
        object_id=str(youth.pk),
        # Ids, not the name: the log outlives the record and must not undo its anonymisation.
        description=f"Fiche du jeune n°{youth.pk} (Mission Locale n°{youth.mission_locale_id})",
        path=path,
    )


def log_youth_list(*, scope: Scope, youth_ids: list[int], what: str, path: str = "") -> AccessLog | None:
    """A page listing young people by name: which ones it showed (nothing is written for an empty page)."""
    youth_ids = [pk for pk in youth_ids if pk is not None]  # an anonymised positioning shows nobody
    if not youth_ids:
        return None
    return log_access(
        user=scope.actor,
        kind=AccessLog.Kind.LIST,
        object_type=YOUTH_OBJECT_TYPE,
        description=f"{what} : {len(set(youth_ids))} jeune(s)",
        path=path,
        subject_ids=youth_ids,
    )


def log_youth_export(
    *, scope: Scope, youth_ids: list[int], file_format: str, filters: str = "", path: str = ""
) -> AccessLog:
    youth_ids = [pk for pk in youth_ids if pk is not None]
    return log_access(
        user=scope.actor,
        kind=AccessLog.Kind.EXPORT,
        object_type=YOUTH_OBJECT_TYPE,
        description=f"Export {file_format.upper()} de {len(set(youth_ids))} jeune(s) {filters}".strip(),
        path=path,
        subject_ids=youth_ids,
    )


def log_youth_import(*, scope: Scope, youth_ids: list[int], description: str) -> AccessLog | None:
    """The records an import created or changed, one subject each, written in the import's own transaction
    (which already holds the write lock: no short wait, no queuing as a page's read does)."""
    if not youth_ids:
        return None
    actor = scope.actor
    return write_access_log(
        {
            "user_id": actor.pk if actor is not None and actor.is_authenticated else None,
            "kind": AccessLog.Kind.IMPORT,
            "object_type": YOUTH_OBJECT_TYPE,
            "object_id": "",
            "description": description[:255],
            "path": "",
            "subject_ids": sorted(set(youth_ids)),
        }
    )
