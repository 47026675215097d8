"""Measurements of the young people's pages for `python -m relais.bench`."""

from django.urls import reverse

from relais.bench.registry import PageRequest, register


@register("youth_list", "Liste des jeunes de la Mission Locale (conseiller)", target_ms=100)
def youth_list(data):
    return PageRequest(data.counsellor, reverse("youths:list"))
