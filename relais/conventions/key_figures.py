"""Writes of the key figures a text gives about a party (61 Missions Locales, 652 points d'accueil...)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from relais.conventions.editing import _check_can_edit, _clean_text, _sync_rows
from relais.conventions.models import ConventionParty, KeyFigure
from relais.core.scope import Scope
from relais.core.services import audit


@transaction.atomic
def key_figures_save(*, party: ConventionParty, scope: Scope, rows: list[dict]) -> dict:
    """Rows are {"pk", "label", "value", "year"} in the order of the text; the year is optional."""
    _check_can_edit(scope, party.convention)
    values = []
    for row in rows:
        value = row.get("value")
        if value is None or value < 0:
            raise ValidationError("Un chiffre clé est un nombre positif ou nul.")
        values.append(
            {
                "pk": row.get("pk"),
                "label": _clean_text(row.get("label"), "Indiquez le libellé du chiffre clé."),
                "value": value,
                "year": row.get("year"),
            }
        )
    existing = {f.pk: f for f in party.key_figures.all()}
    result = _sync_rows(model=KeyFigure, existing=existing, rows=values, create_kwargs={"party": party})
    audit(actor=scope.actor, action="convention.key_figures", obj=party.convention, party=party.pk, **result)
    return result


@transaction.atomic
def key_figure_remove(*, figure: KeyFigure, scope: Scope) -> None:
    convention = figure.party.convention
    _check_can_edit(scope, convention)
    details = {"figure": figure.pk, "party": figure.party_id, "label": figure.label}
    figure.delete()
    audit(actor=scope.actor, action="convention.key_figure_remove", obj=convention, **details)
