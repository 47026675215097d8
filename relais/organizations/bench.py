"""Measurements of the network directory for `python -m relais.bench`."""

from django.urls import reverse

from relais.bench.registry import PageRequest, register


@register("directory_missions_locales", "Annuaire : Missions Locales (CRE)", target_ms=100)
def directory_missions_locales(data):
    return PageRequest(data.cre, reverse("organizations:ml_list"))


@register("directory_partners", "Annuaire : partenaires (CRE)", target_ms=100)
def directory_partners(data):
    return PageRequest(data.cre, reverse("organizations:partner_list"))
