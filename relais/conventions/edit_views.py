"""Pages that edit who a convention binds: parties, signatories, referents; helpers shared by edit pages."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from relais.conventions import editing, key_figures, selectors
from relais.conventions.forms import KeyFigureFormSet, PartyForm, ReferentFormSet, SignatoryFormSet
from relais.conventions.models import KeyFigure, Referent
from relais.conventions.perms import can_edit
from relais.conventions.views import _breadcrumb
from relais.organizations.models import Organization, Person


def editable_convention(request, pk: int):
    """The convention if the user may edit it: 404 when they cannot see it, 403 when they only read it."""
    convention = selectors.convention_for(request.scope, pk)
    if not can_edit(request.scope, convention):
        raise PermissionDenied
    return convention


def child_or_404(items, pk: int):
    for item in items:
        if item.pk == pk:
            return item
    raise Http404


def detail_url(convention, anchor: str) -> str:
    return reverse("conventions:detail", args=[convention.pk]) + f"#{anchor}"


def formset_page(request, convention, *, title, sections, form=None, errors=(), intro="", anchor):
    return render(
        request,
        "conventions/edit_rows.html",
        {
            "page_title": title,
            "convention": convention,
            "form": form,
            "sections": sections,
            "errors": errors,
            "intro": intro,
            "cancel_url": detail_url(convention, anchor),
            "breadcrumb": _breadcrumb(convention, title),
        },
    )


def save_rows(request, convention, *, valid: bool, save, done: str, anchor: str):
    """On a valid POST run `save`: (redirect to the convention, []) on success, (None, French errors) if refused."""
    if request.method != "POST" or not valid:
        return None, []
    try:
        save()
    except ValidationError as error:
        return None, error.messages
    messages.success(request, done)
    return redirect(detail_url(convention, anchor)), []


def confirm_removal(request, convention, *, title, what, consequences=(), remove, anchor, done):
    """GET shows what will be removed; only the POST from that page removes it."""
    if request.method == "POST":
        try:
            remove()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(detail_url(convention, anchor))
    return render(
        request,
        "conventions/remove_confirm.html",
        {
            "page_title": title,
            "convention": convention,
            "what": what,
            "consequences": consequences,
            "cancel_url": detail_url(convention, anchor),
            "breadcrumb": _breadcrumb(convention, title),
        },
    )


@dataclass(frozen=True)
class Removal:
    """The remove page of one kind of a convention's sub-objects: its French wording and its service."""

    indefinite: str  # "un engagement": the page is « Supprimer un engagement »
    definite: str  # "l'engagement": « l'engagement « … » » and « L'engagement est supprimé. »
    service: Callable[..., None]  # editing.<kind>_remove(*, <kind>=item, scope)
    anchor: str  # the section of the convention page to go back to
    related: str = ""  # the convention's related manager holding the items...
    through_party: type | None = None  # ...or the model of items that hang from its parties
    feminine: bool = False
    verb: str = "Supprimer"
    name: Callable[[Any], str] = str
    detail: Callable[[Any], Any] | None = None  # shown in parentheses after the name
    consequences: Callable[[Any], list[str]] = lambda item: []
    done: Callable[[Any], str] | None = None

    def find(self, convention, item_id: int):
        if self.through_party is None:
            return child_or_404(getattr(convention, self.related).all(), item_id)
        item = child_or_404(
            self.through_party.objects.filter(party__convention=convention).select_related("party"), item_id
        )
        item.party.convention = convention
        return item

    def what(self, item) -> str:
        detail = f" ({self.detail(item)})" if self.detail else ""
        return f"{self.definite} « {self.name(item)} »{detail}"

    def done_message(self, item) -> str:
        if self.done:
            return self.done(item)
        return f"{self.definite[0].upper()}{self.definite[1:]} est supprimé{'e' if self.feminine else ''}."

    def remove(self, item, scope) -> None:
        keyword = next(iter(inspect.signature(self.service).parameters))
        self.service(**{keyword: item}, scope=scope)


def removal_view(removal: Removal):
    """The page that confirms (GET) then removes (POST) one sub-object; its id is the URL's second argument."""

    @require_http_methods(["GET", "POST"])
    def view(request, pk: int, **item_id):
        convention = editable_convention(request, pk)
        item = removal.find(convention, *item_id.values())
        return confirm_removal(
            request,
            convention,
            title=f"{removal.verb} {removal.indefinite}",
            what=removal.what(item),
            consequences=removal.consequences(item),
            remove=lambda: removal.remove(item, request.scope),
            anchor=removal.anchor,
            done=removal.done_message(item),
        )

    return view


# Parties


@require_http_methods(["GET", "POST"])
def party_add(request, pk: int):
    convention = editable_convention(request, pk)
    organizations = (
        Organization.objects.filter(is_active=True)
        .exclude(pk__in=[p.organization_id for p in convention.parties.all()])
        .order_by("name")
    )
    form = PartyForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            editing.party_add(convention=convention, scope=request.scope, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "La partie est ajoutée à la convention.")
            return redirect(detail_url(convention, "parties"))
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": "Ajouter une partie",
            "form": form,
            "submit_label": "Ajouter la partie",
            "cancel_url": detail_url(convention, "parties"),
            "breadcrumb": _breadcrumb(convention, "Ajouter une partie"),
        },
    )


@require_http_methods(["GET", "POST"])
def party_edit(request, pk: int, party_id: int):
    convention = editable_convention(request, pk)
    party = child_or_404(convention.parties.all(), party_id)
    form = PartyForm(
        request.POST or None,
        initial={
            name: getattr(party, name)
            for name in ("role", "name_in_text", "legal_form", "head_office", "presentation")
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            editing.party_update(party=party, scope=request.scope, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "La partie est enregistrée.")
            return redirect(detail_url(convention, "parties"))
    title = f"Modifier la partie : {party.organization}"
    return render(
        request,
        "conventions/form.html",
        {
            "page_title": title,
            "form": form,
            "submit_label": "Enregistrer",
            "cancel_url": detail_url(convention, "parties"),
            "breadcrumb": _breadcrumb(convention, "Modifier une partie"),
        },
    )


party_remove = removal_view(
    Removal(
        "une partie",
        "la partie",
        editing.party_remove,
        "parties",
        related="parties",
        verb="Retirer",
        consequences=lambda party: [
            f"{len(party.signatories.all())} signataire(s) et {len(party.referents.all())} référent(s) "
            "de cette partie seront supprimés avec elle."
        ],
        done=lambda party: f"« {party} » n'est plus partie à la convention.",
    )
)
commitment_remove = removal_view(
    Removal(
        "un engagement",
        "l'engagement",
        editing.commitment_remove,
        "engagements",
        related="commitments",
        consequences=lambda commitment: ["Ses échéances prévues disparaîtront du calendrier de suivi."],
    )
)


# Signatories and referents


@require_http_methods(["GET", "POST"])
def signatories_edit(request, pk: int):
    convention = editable_convention(request, pk)
    formset = SignatoryFormSet(
        request.POST or None,
        initial=SignatoryFormSet.initial_from(convention.signatories.all()),
        prefix="signataires",
        form_kwargs={"parties": convention.parties.all()},
    )
    saved, errors = save_rows(
        request,
        convention,
        valid=formset.is_valid(),
        done="Les signataires sont enregistrés.",
        anchor="parties",
        save=lambda: editing.signatories_save(
            convention=convention,
            scope=request.scope,
            rows=formset.rows(),
        ),
    )
    if saved:
        return saved
    return formset_page(
        request,
        convention,
        title="Signataires",
        errors=errors,
        anchor="parties",
        sections=[
            {
                "title": "",
                "formset": formset,
                "item": "Signataire",
                "remove_url": "conventions:signatory_remove",
            }
        ],
        intro="Indiquez pour chaque personne si elle a signé ou si le texte la dit seulement présente à la "
        "signature. Les lignes laissées vides sont ignorées.",
    )


signatory_remove = removal_view(
    Removal("un signataire", "le signataire", editing.signatory_remove, "parties", related="signatories")
)


@require_http_methods(["GET", "POST"])
def referents_edit(request, pk: int, party_id: int):
    convention = editable_convention(request, pk)
    party = child_or_404(convention.parties.all(), party_id)
    people = (
        Person.objects.filter(memberships__organization_id=party.organization_id, memberships__is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
    formset = ReferentFormSet(
        request.POST or None,
        initial=ReferentFormSet.initial_from(party.referents.all()),
        prefix="referents",
        form_kwargs={"people": people},
    )
    saved, errors = save_rows(
        request,
        convention,
        valid=formset.is_valid(),
        done="Les référents opérationnels sont enregistrés.",
        anchor="parties",
        save=lambda: editing.referents_save(party=party, scope=request.scope, rows=formset.rows()),
    )
    if saved:
        return saved
    return formset_page(
        request,
        convention,
        title=f"Référents opérationnels : {party}",
        errors=errors,
        anchor="parties",
        sections=[
            {"title": "", "formset": formset, "item": "Référent", "remove_url": "conventions:referent_remove"}
        ],
        intro=f"Nommez les référents de « {party.organization} » ; "
        "liez-les à leur fiche pour qu'ils reçoivent "
        "les relances. Les lignes laissées vides sont ignorées.",
    )


referent_remove = removal_view(
    Removal(
        "un référent",
        "le référent",
        editing.referent_remove,
        "parties",
        through_party=Referent,
        detail=attrgetter("party"),
    )
)


# Key figures


@require_http_methods(["GET", "POST"])
def key_figures_edit(request, pk: int, party_id: int):
    convention = editable_convention(request, pk)
    party = child_or_404(convention.parties.all(), party_id)
    formset = KeyFigureFormSet(
        request.POST or None,
        initial=KeyFigureFormSet.initial_from(party.key_figures.all()),
        prefix="chiffres",
    )
    saved, errors = save_rows(
        request,
        convention,
        valid=formset.is_valid(),
        done="Les chiffres clés sont enregistrés.",
        anchor="parties",
        save=lambda: key_figures.key_figures_save(party=party, scope=request.scope, rows=formset.rows()),
    )
    if saved:
        return saved
    return formset_page(
        request,
        convention,
        title=f"Chiffres clés : {party}",
        errors=errors,
        anchor="parties",
        sections=[
            {
                "title": "",
                "formset": formset,
                "item": "Chiffre clé",
                "remove_url": "conventions:key_figure_remove",
            }
        ],
        intro="Les chiffres que le texte donne sur cette partie, tels qu'il les donne. "
        "Les lignes laissées vides sont ignorées.",
    )


key_figure_remove = removal_view(
    Removal(
        "un chiffre clé",
        "le chiffre clé",
        key_figures.key_figure_remove,
        "parties",
        through_party=KeyFigure,
        detail=attrgetter("party"),
    )
)
