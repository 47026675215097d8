"""The home page of each persona, for `python -m relais.bench`."""

from django.urls import reverse

from relais.bench.registry import PageRequest, register

PERSONAS = [
    ("cre", "CRE"),
    ("counsellor", "conseiller"),
    ("director", "direction de Mission Locale"),
    ("coordinator", "coordinateur ARML"),
    ("recruiter", "recruteur partenaire"),
]


def _home(attribute):
    return lambda data: PageRequest(getattr(data, attribute), reverse("core:home"))


for _attribute, _label in PERSONAS:
    register(f"home_{_attribute}", f"Accueil : {_label}", target_ms=100)(_home(_attribute))
