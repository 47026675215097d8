"""Measurements of the mentoring pages for `python -m relais.bench`."""

from django.urls import reverse

from relais.bench.registry import PageRequest, register


@register("mentorship_list", "Parrainages de la Mission Locale (CRE)", target_ms=100)
def mentorship_list(data):
    return PageRequest(data.cre, reverse("mentoring:mentorship_list"))
