"""Pages that edit who a convention binds: parties, signatories, referents; helpers shared by edit pages."""

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


@require_http_methods(["GET", "POST"])
def party_remove(request, pk: int, party_id: int):
    convention = editable_convention(request, pk)
    party = child_or_404(convention.parties.all(), party_id)
    return confirm_removal(
        request,
        convention,
        title="Retirer une partie",
        what=f"la partie « {party} »",
        consequences=[
            f"{len(party.signatories.all())} signataire(s) et {len(party.referents.all())} référent(s) "
            "de cette partie seront supprimés avec elle."
        ],
        remove=lambda: editing.party_remove(party=party, scope=request.scope),
        anchor="parties",
        done=f"« {party} » n'est plus partie à la convention.",
    )


@require_http_methods(["GET", "POST"])
def commitment_remove(request, pk: int, commitment_id: int):
    convention = editable_convention(request, pk)
    commitment = child_or_404(convention.commitments.all(), commitment_id)
    return confirm_removal(
        request,
        convention,
        title="Supprimer un engagement",
        what=f"l'engagement « {commitment.text} »",
        consequences=["Ses échéances prévues disparaîtront du calendrier de suivi."],
        remove=lambda: editing.commitment_remove(commitment=commitment, scope=request.scope),
        anchor="engagements",
        done="L'engagement est supprimé.",
    )


# Signatories and referents


@require_http_methods(["GET", "POST"])
def signatories_edit(request, pk: int):
    convention = editable_convention(request, pk)
    initial = [
        {"pk": s.pk, "full_name": s.full_name, "title": s.title, "capacity": s.capacity, "party": s.party_id}
        for s in convention.signatories.all()
    ]
    formset = SignatoryFormSet(
        request.POST or None,
        initial=initial,
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
            rows=formset.rows(["full_name", "title", "capacity", "party"]),
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


@require_http_methods(["GET", "POST"])
def signatory_remove(request, pk: int, signatory_id: int):
    convention = editable_convention(request, pk)
    signatory = child_or_404(convention.signatories.all(), signatory_id)
    return confirm_removal(
        request,
        convention,
        title="Supprimer un signataire",
        what=f"le signataire « {signatory} »",
        remove=lambda: editing.signatory_remove(signatory=signatory, scope=request.scope),
        anchor="parties",
        done="Le signataire est supprimé.",
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
    initial = [
        {"pk": r.pk, "full_name": r.full_name, "description": r.description, "person": r.person_id}
        for r in party.referents.all()
    ]
    formset = ReferentFormSet(
        request.POST or None, initial=initial, prefix="referents", form_kwargs={"people": people}
    )
    saved, errors = save_rows(
        request,
        convention,
        valid=formset.is_valid(),
        done="Les référents opérationnels sont enregistrés.",
        anchor="parties",
        save=lambda: editing.referents_save(
            party=party, scope=request.scope, rows=formset.rows(["full_name", "description", "person"])
        ),
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


@require_http_methods(["GET", "POST"])
def referent_remove(request, pk: int, referent_id: int):
    convention = editable_convention(request, pk)
    referent = child_or_404(
        Referent.objects.filter(party__convention=convention).select_related("party"), referent_id
    )
    referent.party.convention = convention
    return confirm_removal(
        request,
        convention,
        title="Supprimer un référent",
        what=f"le référent « {referent} » ({referent.party})",
        remove=lambda: editing.referent_remove(referent=referent, scope=request.scope),
        anchor="parties",
        done="Le référent est supprimé.",
    )


# Key figures


@require_http_methods(["GET", "POST"])
def key_figures_edit(request, pk: int, party_id: int):
    convention = editable_convention(request, pk)
    party = child_or_404(convention.parties.all(), party_id)
    initial = [
        {"pk": f.pk, "label": f.label, "value": f.value, "year": f.year} for f in party.key_figures.all()
    ]
    formset = KeyFigureFormSet(request.POST or None, initial=initial, prefix="chiffres")
    saved, errors = save_rows(
        request,
        convention,
        valid=formset.is_valid(),
        done="Les chiffres clés sont enregistrés.",
        anchor="parties",
        save=lambda: key_figures.key_figures_save(
            party=party, scope=request.scope, rows=formset.rows(["label", "value", "year"])
        ),
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


@require_http_methods(["GET", "POST"])
def key_figure_remove(request, pk: int, figure_id: int):
    convention = editable_convention(request, pk)
    figure = child_or_404(
        KeyFigure.objects.filter(party__convention=convention).select_related("party"), figure_id
    )
    figure.party.convention = convention
    return confirm_removal(
        request,
        convention,
        title="Supprimer un chiffre clé",
        what=f"le chiffre clé « {figure} » ({figure.party})",
        remove=lambda: key_figures.key_figure_remove(figure=figure, scope=request.scope),
        anchor="parties",
        done="Le chiffre clé est supprimé.",
    )
