"""Measurements of the opportunities pages for `python -m relais.bench`."""

from django.urls import reverse

from relais.bench.registry import PageRequest, register


@register("cre_opportunities", "Page CRE : opportunités reçues", target_ms=100)
def cre_opportunities(data):
    return PageRequest(data.cre, reverse("opportunities:list") + "?vue=recues")


@register("cre_opportunities_last_page", "Page CRE : opportunités reçues, dernière page", target_ms=100)
def cre_opportunities_last_page(data):
    # A page number past the end gives the last page (Paginator.get_page): the deepest OFFSET.
    return PageRequest(data.cre, reverse("opportunities:list") + "?vue=recues&page=999999")


@register("partner_opportunities", "Page partenaire : opportunités publiées", target_ms=100)
def partner_opportunities(data):
    return PageRequest(data.recruiter, reverse("opportunities:list") + "?vue=publiees")


@register("cre_opportunities_filtered", "Page CRE filtrée : domaine F (BTP) à 30 km", target_ms=100)
def cre_opportunities_filtered(data):
    home = data.mission_locale.commune_id
    return PageRequest(
        data.cre, reverse("opportunities:list") + f"?vue=recues&rome_family=F&commune={home}&distance=30"
    )


@register("coordinator_opportunities", "Page coordinateur ARML : opportunités du réseau", target_ms=100)
def coordinator_opportunities(data):
    return PageRequest(data.coordinator, reverse("opportunities:list") + "?vue=reseau")
