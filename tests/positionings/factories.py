"""Builders of the positioning tests: published opportunities delivered to MLs, positionings at any step."""

import datetime

from django.utils import timezone

from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.jobs.models import ContractType
from relais.opportunities.enums import OpportunityStatus
from relais.positionings import services
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.youths.enums import ConsentScope
from tests.opportunities.factories import OpportunityFactory, delivered
from tests.youths.factories import YouthFactory, birth_date_for_age


def published_opportunity(network, *, publisher=None, mission_locales=None, **fields):
    """A published opportunity of the GEIQ BTP (by default) diffused to ML A and ML B."""
    fields.setdefault("commune", network.lyon)
    opportunity = OpportunityFactory(
        publisher=publisher or network.geiq,
        status=OpportunityStatus.PUBLISHED,
        published_at=timezone.now(),
        **fields,
    )
    delivered(
        opportunity, *(mission_locales if mission_locales is not None else [network.ml_a, network.ml_b])
    )
    return opportunity


def consenting_youth(mission_locale, *, age: int = 20, scope=ConsentScope.IDENTITY_AND_CONTACT, **fields):
    fields.setdefault("consent_given_at", timezone.localdate() - datetime.timedelta(days=30))
    fields.setdefault("consent_scope", scope)
    fields.setdefault("birth_date", birth_date_for_age(age))
    return YouthFactory(mission_locale=mission_locale, **fields)


def contract_type(code="apprenticeship", label="Contrat d'apprentissage"):
    return ContractType.objects.get_or_create(code=code, defaults={"label": label, "order": 3})[0]


# Steps to reach each status from a fresh proposal: (transition, persona attribute, extra fields).
def _hire_fields():
    return {"contract_type": contract_type(), "start_date": timezone.localdate(), "weekly_hours": 35}


PATHS = {
    S.PROPOSED: [],
    S.RETURNED: [("send_back", "cre_a", {"note": "Profil à compléter"})],
    S.TRANSMITTED: [("transmit", "cre_a", {})],
    S.ACKNOWLEDGED: [("transmit", "cre_a", {}), ("acknowledge", "geiq_recruiter", {})],
    S.INTERVIEW_PLANNED: [
        ("transmit", "cre_a", {}),
        ("plan_interview", "geiq_recruiter", {"interview_at": None}),
    ],
    S.HIRED: [("transmit", "cre_a", {}), ("hire", "geiq_recruiter", "hire")],
    S.NOT_RETAINED: [
        ("transmit", "cre_a", {}),
        ("not_retain", "geiq_recruiter", {"not_retained_reason": "no_show"}),
    ],
    S.CANCELLED: [("cancel", "counsellor_a", {"note": "Le jeune a trouvé ailleurs"})],
    S.EXPIRED: [("transmit", "cre_a", {}), ("expire", None, {})],
}


def positioning_at(personas, status, *, youth, opportunity):
    positioning = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a), motivation="Motivé"
    )
    for name, persona, fields in PATHS[status]:
        if fields == "hire":
            fields = _hire_fields()
        elif "interview_at" in fields:
            fields = {"interview_at": timezone.now() + datetime.timedelta(days=3)}
        else:
            fields = dict(fields)
        scope = Scope.for_user(getattr(personas, persona)) if persona else Scope.system()
        note = fields.pop("note", "")
        positioning = apply(POSITIONING_LIFECYCLE, positioning, name, scope=scope, note=note, **fields)
    return positioning
