"""Pages of the roll-up (observers) and of the live dashboards (coordinators, Mission Locale directors)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from relais.core.exports import csv_response, xlsx_response
from relais.core.ids import parse_id
from relais.reviews import dashboards
from relais.reviews.rollup import Filters, build_rollup, can_read_rollup

ONE_FILTER = (
    "Choisissez un seul critère à la fois (une région, un réseau partenaire ou un accord-cadre) : croiser "
    "les critères pourrait isoler de trop petits effectifs."
)


class RollupFilterForm(DsfrBaseForm):
    year = forms.TypedChoiceField(label="Année de fin des périodes", coerce=int, required=False)
    indicator = forms.ChoiceField(label="Indicateur détaillé", required=False)
    region = forms.ChoiceField(label="Région de la convention", required=False)
    network = forms.TypedChoiceField(label="Réseau partenaire", coerce=int, required=False, empty_value=None)
    framework = forms.TypedChoiceField(
        label="Accord-cadre national", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, rollup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in rollup.years]
        self.fields["indicator"].choices = [(i.code, i.label) for i in rollup.indicators]
        self.fields["region"].choices = [("", "Toutes")] + list(rollup.groups.get("regions", ()))
        self.fields["network"].choices = [("", "Tous")] + list(rollup.groups.get("networks", ()))
        self.fields["framework"].choices = [("", "Tous")] + list(rollup.groups.get("frameworks", ()))


def _filters(request) -> tuple[Filters, str]:
    """The filters the address asks for; more than one narrowing criterion keeps none of them."""
    data = request.GET
    year = data.get("year", "")
    filters = Filters(
        year=int(year) if year.isascii() and year.isdigit() and len(year) == 4 else None,
        region_code=data.get("region", "")[:10],
        network_id=parse_id(data.get("network")),
        framework_id=parse_id(data.get("framework")),
        code=data.get("indicator", "")[:60],
    )
    if sum(bool(x) for x in (filters.region_code, filters.network_id, filters.framework_id)) > 1:
        return Filters(year=filters.year, code=filters.code), ONE_FILTER
    return filters, ""


def _rollup(request):
    scope = request.scope
    if not can_read_rollup(scope):
        raise PermissionDenied(
            "La consolidation des bilans est réservée aux observateurs (État, Régions, têtes de réseau)."
        )
    filters, error = _filters(request)
    return build_rollup(scope, filters), error


def rollup(request):
    result, error = _rollup(request)
    f = result.filters
    initial = {
        "year": f.year,
        "indicator": result.indicator.code if result.indicator else "",
        "region": f.region_code if not error else "",
        "network": f.network_id if not error else None,
        "framework": f.framework_id if not error else None,
    }
    form = RollupFilterForm(initial=initial, rollup=result)
    return render(
        request,
        "reviews/dashboards/rollup.html",
        {
            "page_title": "Consolidation des bilans",
            "rollup": result,
            "form": form,
            "filter_error": error,
            "narrowed": f.group[0] != "all",
            "query": request.GET.urlencode(),
        },
    )


EXPORT_HEADER = ["Tableau", "Ligne", "Niveau", "Valeur", "Part (%)", "Précision"]


def export_rows(result):
    """The page's tables, line by line, exactly as masked: a number where the page shows one, its mark else."""
    f = result.filters
    yield ["Filtres", f"Année {f.year}", 0, None, None, _filter_label(result)]
    for headline in result.headlines:
        yield [
            "Chiffres clés",
            headline.indicator.label,
            0,
            headline.cell.export_value,
            None,
            headline.indicator.unit,
        ]
    if result.withheld:
        yield [
            result.indicator.label,
            f"Moins de {result.threshold} personnes : détail non publié",
            0,
            None,
            None,
            "",
        ]
    for table in result.tables:
        title = f"{result.indicator.label} — {table.title}"
        for row in table.rows:
            extra = row.extra.export_value if row.extra is not None else None
            yield [title, row.label, row.depth, row.cell.export_value, extra, row.detail]
        if table.total is not None:
            yield [title, table.total.label, 0, table.total.cell.export_value, None, ""]


def _filter_label(result) -> str:
    f = result.filters
    if f.region_code:
        return "Région : " + dict(result.groups["regions"]).get(f.region_code, f.region_code)
    if f.network_id:
        return "Réseau : " + dict(result.groups["networks"]).get(f.network_id, "")
    if f.framework_id:
        return "Accord-cadre : " + dict(result.groups["frameworks"]).get(f.framework_id, "")
    return "Toutes les conventions observées"


def rollup_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    result, _ = _rollup(request)
    name = f"consolidation-{result.filters.year or 'aucune'}"
    rows = list(export_rows(result)) if result.filters.year else []
    if fmt == "xlsx":
        return xlsx_response(name, EXPORT_HEADER, rows, title="Consolidation")
    return csv_response(name, EXPORT_HEADER, rows)


def dashboard(request):
    scope = request.scope
    if scope.aggregates_only or not dashboards.has_dashboard(scope):
        raise PermissionDenied(
            "Le tableau de bord est celui des coordinateur·rices de conventions et des directeur·rices de Mission Locale."
        )
    today = timezone.localdate()
    period = dashboards.year_to_date(today)
    return render(
        request,
        "reviews/dashboards/dashboard.html",
        {
            "page_title": "Tableau de bord",
            "period": period,
            "coordinated": dashboards.coordinator_dashboard(scope, period),
            "directed": dashboards.director_dashboard(scope, period),
        },
    )
