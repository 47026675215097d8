"""Measurements of the conventions pages for `python -m relais.bench`."""

from django.urls import reverse

from relais.bench.registry import PageRequest, register


@register("convention_charter_page", "Page de la charte régionale (coordinateur ARML)", target_ms=150)
def convention_charter_page(data):
    return PageRequest(data.coordinator, reverse("conventions:detail", args=[data.charter.pk]))


@register("convention_list", "Liste des conventions (coordinateur ARML)", target_ms=100)
def convention_list(data):
    return PageRequest(data.coordinator, reverse("conventions:list"))
