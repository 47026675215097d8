"""Which convention a convention may decline: kind rules of the national → regional → local hierarchy, no cycle."""

from django.core.exceptions import ValidationError

from relais.conventions.enums import PARENT_KINDS, PARENT_REQUIRED, ConventionKind
from relais.conventions.models import Convention
from relais.core.providers import shared


def descendant_ids(convention: Convention) -> set[int]:
    """Every convention below this one (children, their children...), one query per level."""
    return descendants_of({convention.pk} if convention.pk else set())


def descendants_of(root_ids: set[int]) -> set[int]:
    """Every convention below these ones, the roots left out; one query per level."""
    found: set[int] = set()
    frontier = set(root_ids)
    while frontier:
        frontier = set(Convention.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def with_declinations(convention: Convention) -> set[int]:
    """This convention and every one declining it: whose recorded activity counts for it.

    Read once per evaluation of the indicators (core.providers.shared), however many figures need it.
    """
    return shared(
        ("conventions.with_declinations", convention.pk), lambda: {convention.pk} | descendant_ids(convention)
    )


def _kind_label(kind: str) -> str:
    return ConventionKind(kind).label.lower()


def validate_parent(
    *, kind: str, parent: Convention | None, convention: Convention | None = None, visible=None
) -> None:
    """Raise a French ValidationError (on `parent` or `kind`) when the hierarchy rules are broken.

    A national framework declines nothing; a regional charter or a partnership convention may decline a national
    framework; a local application convention declines a regional charter or a partnership convention (the texts
    call them "conventions d'application"). A convention never declines itself or one of its descendants, and it
    keeps fitting above the conventions that already decline it.
    """
    allowed = PARENT_KINDS[ConventionKind(kind)]
    if parent is None and kind in PARENT_REQUIRED:
        raise ValidationError(
            {
                "parent": "Une convention d'application locale décline une charte de coopération "
                "régionale ou une convention de partenariat : choisissez-la."
            }
        )
    if parent is not None:
        if (
            convention is not None
            and convention.pk
            and (parent.pk == convention.pk or parent.pk in descendant_ids(convention))
        ):
            raise ValidationError(
                {
                    "parent": f"« {parent} » décline cette convention : elle ne peut pas en être "
                    "la convention cadre."
                }
            )
        if visible is not None and not visible.filter(pk=parent.pk).exists():
            raise ValidationError({"parent": "Cette convention cadre ne vous est pas accessible."})
        if not allowed:
            raise ValidationError(
                {
                    "parent": "Un accord-cadre national ne décline aucune autre convention : "
                    "laissez la convention cadre vide."
                }
            )
        if parent.kind not in allowed:
            if kind == ConventionKind.LOCAL_APPLICATION:
                message = (
                    "Une convention d'application locale décline une charte de coopération régionale ou une "
                    f"convention de partenariat, pas « {parent} » ({_kind_label(parent.kind)})."
                )
            else:
                message = (
                    "Une charte régionale ou une convention de partenariat ne décline qu'un accord-cadre "
                    f"national, pas « {parent} » ({_kind_label(parent.kind)})."
                )
            raise ValidationError({"parent": message})
    if convention is not None and convention.pk:
        for child in convention.children.all():
            if kind not in PARENT_KINDS[ConventionKind(child.kind)]:
                raise ValidationError(
                    {
                        "kind": f"« {child} » ({_kind_label(child.kind)}) décline cette convention, "
                        f"qui ne peut donc pas devenir : {_kind_label(kind)}. Changez "
                        "d'abord la convention cadre de celle qui la décline."
                    }
                )
