"""Pages of the positioning pipeline: counsellor, referent and partner lists, detail and actions, proposals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from dsfr.utils import list_pages

from relais.core.exports import export_limit, requested_format
from relais.core.ids import parse_id
from relais.core.pagination import paginate
from relais.core.workflows import apply
from relais.jobs.models import ContractType
from relais.positionings import selectors
from relais.positionings.enums import PositioningStatus
from relais.positionings.exports import (
    PARTNER_EXPORT_HEADER,
    partner_row,
    positioning_list_export,
    received_export,
)
from relais.positionings.forms import (
    RecordEndForm,
    StatusFilterForm,
    form_for,
)
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import COUNSELLOR, PARTNER, REFERENT, PositioningError
from relais.positionings.outcomes import (
    CONTRACT_TYPE_OF_KIND,
    can_record_end,
    positioning_record_end,
)
from relais.positionings.perms import actor_roles, is_partner_user, is_referent_user
from relais.youths.selectors import has_youth_access, partner_view
from relais.youths.services import log_youth_export, log_youth_list, log_youth_read

DENIED = "Vous ne pouvez pas effectuer cette action sur ce positionnement."
INTERNAL_STATUSES = {PositioningStatus.PROPOSED, PositioningStatus.RETURNED}
HOME_CRUMB = {"title": "Positionnements", "url": "/positionnements/"}


def log_shown(request, youth_ids, what: str) -> None:
    log_youth_list(scope=request.scope, youth_ids=youth_ids, what=what, path=request.get_full_path())


def _status(request, default: str = "", *, given=None) -> tuple[StatusFilterForm, str]:
    """The status filter of a list, from the query string (or from `given`, a row redrawn after a move)."""
    query = {"status": given} if given is not None else request.GET
    data = query if "status" in query else {"status": default}
    form = StatusFilterForm(data)
    return form, (form.cleaned_data["status"] if form.is_valid() else default)


def _list_page(request, template: str, queryset, form, title: str, *, filename: str, **extra):
    if fmt := requested_format(request):
        return positioning_list_export(request, fmt=fmt, filename=filename, title=title, queryset=queryset)
    page, querystring = paginate(request, queryset)
    list_pages(page)
    log_shown(request, [p.youth_id for p in page.object_list], title)
    return render(
        request,
        template,
        {
            "page_title": title,
            "page_obj": page,
            "querystring": querystring,
            "form": form,
            "breadcrumb": {"current": title},
            **extra,
        },
    )


def positioning_list(request):
    """The counsellor's page: the positionings they proposed or of the young people they follow."""
    if not has_youth_access(request.scope):
        if is_partner_user(request.scope):
            return redirect("positionings:received")
        raise PermissionDenied(
            "Les positionnements sont réservés aux Missions Locales et à leurs partenaires."
        )
    form, status = _status(request, "open")
    mine_only = request.GET.get("tous") != "1"
    qs = selectors.counsellor_positionings(request.scope, status=status, mine_only=mine_only)
    return _list_page(
        request,
        "positionings/positioning_list.html",
        qs,
        form,
        "Mes positionnements",
        filename="positionnements",
        mine_only=mine_only,
        is_referent=is_referent_user(request.scope),
        keep=[] if mine_only else [("tous", "1")],
    )


def referent_list(request):
    """What waits for the referent: the mutualised positionings of the ML for the partners they follow."""
    if not is_referent_user(request.scope):
        raise PermissionDenied("Cette page est celle des référents partenaires des Missions Locales.")
    form, status = _status(request, PositioningStatus.PROPOSED)
    qs = selectors.referent_positionings(request.scope, status=status)
    return _list_page(
        request,
        "positionings/referent_list.html",
        qs,
        form,
        "Positionnements à transmettre",
        filename="positionnements-a-transmettre",
        list_status=status,
    )


def _json_cells(cells: list) -> list:
    return [cell.strftime("%d/%m/%Y") if hasattr(cell, "strftime") else cell for cell in cells]


def received_list(request):
    """The partner's received candidates, as consent allows them to be seen (HTML, CSV or JSON)."""
    if not is_partner_user(request.scope):
        raise PermissionDenied("Cette page est celle des partenaires qui reçoivent des candidatures.")
    form, status = _status(request, "")
    qs = selectors.received_candidates(request.scope, status=status)
    # An id that designates nothing (not a number, out of the database's range) is ignored, never a 500.
    if (opportunity_id := parse_id(request.GET.get("opportunite"))) is not None:
        qs = qs.filter(opportunity_id=opportunity_id)
    # `?format=csv` is the older address of the CSV export; `?format=json` stays as it was.
    file_format = requested_format(request) or request.GET.get("format", "")
    if file_format in ("csv", "xlsx"):
        rows = selectors.partner_rows(qs[: export_limit() + 1])
        return received_export(request, fmt=file_format, rows=rows)
    if file_format == "json":
        rows = selectors.partner_rows(qs)
        log_youth_export(
            scope=request.scope,
            youth_ids=[r.positioning.youth_id for r in rows if r.candidate is not None],
            file_format=file_format,
            filters=request.GET.urlencode(),
            path=request.get_full_path(),
        )
        return JsonResponse(
            {
                "candidatures": [
                    dict(zip(PARTNER_EXPORT_HEADER, _json_cells(partner_row(r)), strict=True)) for r in rows
                ]
            }
        )
    page, querystring = paginate(request, qs)
    list_pages(page)
    rows = selectors.partner_rows(page.object_list)
    log_shown(
        request, [r.positioning.youth_id for r in rows if r.candidate is not None], "Candidatures reçues"
    )
    return render(
        request,
        "positionings/received_list.html",
        {
            "page_title": "Candidatures reçues",
            "page_obj": page,
            "rows": rows,
            "querystring": querystring,
            "form": form,
            "breadcrumb": {"current": "Candidatures reçues"},
        },
    )


def _initial(name: str, positioning) -> dict:
    """What a move's form starts from: the current argument to rewrite, the offer's contract and hours."""
    if name == "repropose":
        return {"motivation": positioning.motivation, "availability": positioning.availability}
    if name == "hire":
        opportunity = positioning.opportunity
        code = CONTRACT_TYPE_OF_KIND.get(opportunity.kind)
        contract = ContractType.objects.filter(code=code).first() if code else None
        return {"contract_type": contract, "weekly_hours": opportunity.weekly_hours}
    return {}


def _actions(scope, positioning) -> list[dict]:
    return [
        {
            "name": t.name,
            "label": t.label,
            "form": form_for(t.name)(prefix=t.name, initial=_initial(t.name, positioning)),
        }
        for t in POSITIONING_LIFECYCLE.available(positioning, scope)
    ]


def _noun(scope, positioning) -> str:
    """One vocabulary per side: the Mission Locale speaks of a "positionnement", the partner of a "candidature"."""
    roles = actor_roles(scope, positioning)
    return "Candidature" if PARTNER in roles and COUNSELLOR not in roles else "Positionnement"


def _detail_context(request, positioning, *, failed: tuple[str, object] | None = None, end_form=None) -> dict:
    roles = actor_roles(request.scope, positioning)
    actions = _actions(request.scope, positioning)
    if failed:
        for action in actions:
            if action["name"] == failed[0]:
                action["form"] = failed[1]
                action["open"] = True
    partner_side = _noun(request.scope, positioning) == "Candidature"
    context = {
        "page_title": f"{'Candidature' if partner_side else 'Positionnement'} n°{positioning.pk}",
        "positioning": positioning,
        "opportunity": positioning.opportunity,
        "transitions": selectors.transitions_of(positioning),
        "actions": actions,
        "partner_side": partner_side,
        "end_form": end_form
        or (RecordEndForm(prefix="record_end") if can_record_end(request.scope, positioning) else None),
        "breadcrumb": {
            "links": [
                {"title": "Candidatures reçues", "url": reverse("positionings:received")}
                if partner_side
                else HOME_CRUMB
            ],
            "current": f"{'Candidature' if partner_side else 'Positionnement'} n°{positioning.pk}",
        },
    }
    if partner_side:
        context["candidate"] = partner_view(positioning.youth) if positioning.youth is not None else None
        # What happened inside the Mission Locale before transmission is none of the partner's business.
        context["transitions"] = [t for t in context["transitions"] if t.to_status not in INTERNAL_STATUSES]
    else:
        context["youth"] = positioning.youth
        context["is_referent"] = REFERENT in roles
    return context


def _render_detail(request, positioning, *, failed=None, end_form=None, status=200):
    context = _detail_context(request, positioning, failed=failed, end_form=end_form)
    if positioning.youth is not None:  # an anonymised positioning shows nobody
        log_youth_read(scope=request.scope, youth=positioning.youth, path=request.path)
    if context["partner_side"]:
        return render(request, "positionings/detail_partner.html", context, status=status)
    return render(request, "positionings/detail.html", context, status=status)


def positioning_detail(request, pk):
    positioning = selectors.positioning_for_user(request.scope, pk)
    return _render_detail(request, positioning)


def _render_row(request, positioning, **extra):
    """The referent list's row, redrawn by htmx with the list's count and a message (out of band): it shows
    the young person's name, so it is logged."""
    log_shown(request, [positioning.youth_id], "Liste des positionnements à transmettre (ligne)")
    _, status = _status(request, PositioningStatus.PROPOSED, given=request.POST.get("list_status"))
    remaining = selectors.referent_positionings(request.scope, status=status).count()
    context = {"positioning": positioning, "swapped": True, "remaining": remaining, "list_status": status}
    return render(request, "positionings/_referent_row.html", {**context, **extra})


@require_POST
def positioning_action(request, pk, name):
    positioning = selectors.positioning_for_user(request.scope, pk)
    POSITIONING_LIFECYCLE.transition(name)  # an unknown action answers 404, as everywhere
    form = form_for(name)(request.POST, prefix=name)
    if not form.is_valid():
        messages.error(request, "Le formulaire contient des erreurs : corrigez-les ci-dessous.")
        return _render_detail(request, positioning, failed=(name, form), status=400)
    data = dict(form.cleaned_data)
    note = data.pop("note", "") or ""
    try:
        apply(POSITIONING_LIFECYCLE, positioning, name, scope=request.scope, note=note, **data)
    except (PermissionDenied, PositioningError) as error:
        text = str(error) if isinstance(error, PositioningError) else DENIED
        if request.htmx and request.POST.get("row"):
            # The row is redrawn in place with the reason, instead of a whole page swapped into a table cell.
            positioning.refresh_from_db(fields=["status"])
            return _render_row(request, positioning, error=text)
        messages.error(request, text)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _render_detail(request, positioning, failed=(name, form), status=400)
    else:
        if request.htmx and request.POST.get("row"):
            return _render_row(request, positioning)
        messages.success(
            request,
            f"{_noun(request.scope, positioning)} n°{positioning.pk} : {positioning.get_status_display().lower()}.",
        )
    return redirect("positionings:detail", pk=positioning.pk)


@require_POST
def record_end(request, pk):
    """The counsellor or the partner records the last day of a hire or a training."""
    positioning = selectors.positioning_for_user(request.scope, pk)
    form = RecordEndForm(request.POST, prefix="record_end")
    if form.is_valid():
        try:
            positioning_record_end(
                positioning=positioning, end_date=form.cleaned_data["end_date"], scope=request.scope
            )
        except PermissionDenied:
            messages.error(request, DENIED)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                f"Fin enregistrée au {form.cleaned_data['end_date']:%d/%m/%Y} pour le n°{positioning.pk}.",
            )
            return redirect("positionings:detail", pk=positioning.pk)
    messages.error(request, "La date de fin n'a pas été enregistrée : corrigez-la ci-dessous.")
    return _render_detail(request, positioning, end_form=form, status=400)
