"""The five seed conventions, checked field by field against their texts."""

import datetime

from relais.conventions.enums import (
    ConventionKind,
    ConventionStatus,
    FollowUpCadence,
    OccurrenceKind,
    PartyRole,
    Recurrence,
    RenewalRule,
)
from relais.conventions.models import Convention
from relais.conventions.seeds import load_seed_conventions
from relais.organizations.models import Organization


def commitments_by_party(convention):
    return {p.organization.slug: p.commitments.count() for p in convention.parties.all()}


def test_loading_twice_creates_nothing_more(seeded):
    counts = (Convention.objects.count(), Organization.objects.count())
    load_seed_conventions()
    assert (Convention.objects.count(), Organization.objects.count()) == counts == (6, counts[1])


def test_seed_000_aura_charter(aura, personas):
    assert aura.kind == ConventionKind.REGIONAL_CHARTER
    assert aura.region.code == "84"
    assert aura.status == ConventionStatus.ACTIVE
    assert aura.signature_date == datetime.date(2024, 11, 7)
    assert (aura.start_date, aura.end_date) == (datetime.date(2024, 11, 7), datetime.date(2025, 11, 6))
    assert aura.duration_months == 12 and aura.renewal_rule == RenewalRule.ANNUAL_ON_REVIEW
    assert aura.followup_cadence == FollowUpCadence.HALF_YEARLY_POINT and aura.review_lead_months == 1
    assert [p.organization.slug for p in aura.parties.all()] == ["cr-geiq-84", "arml-84"]
    assert all(p.role == PartyRole.SIGNATORY for p in aura.parties.all())
    # The fixture's organisations are reused, not duplicated.
    assert aura.parties.get(organization__slug="arml-84").organization == personas.network.arml
    assert commitments_by_party(aura) == {"cr-geiq-84": 6, "arml-84": 9}
    assert aura.commitments.filter(party__isnull=True).count() == 1
    assert aura.commitments.get(is_follow_up=True).recurrence == Recurrence.HALF_YEARLY
    assert aura.commitments.get(text__startswith="Organiser un webinaire annuel").recurrence == Recurrence.YEARLY
    assert [(s.full_name, s.party.organization.slug) for s in aura.signatories.all()] == [
        ("Lucio CAMPANILE", "cr-geiq-84"), ("Wendy LAFAYE", "arml-84")]
    referents = {r.full_name: r for p in aura.parties.all() for r in p.referents.all()}
    assert set(referents) == {"Manuel COLOMBINO", "Thierry DESMAISON", "Alexia VIOLET"}
    # The persona Alexia Violet, coordinator at AMILAURA, is recognised as the named referent.
    assert referents["Alexia VIOLET"].person == personas.arml_coordinator.person
    figures = {(f.party.organization.slug, f.label): f.value
               for f in aura.parties.get(organization__slug="arml-84").key_figures.all()}
    figures |= {(f.party.organization.slug, f.label): f.value
                for f in aura.parties.get(organization__slug="cr-geiq-84").key_figures.all()}
    assert figures[("arml-84", "Missions Locales")] == 61
    assert figures[("arml-84", "points d'accueil")] == 652
    assert figures[("cr-geiq-84", "GEIQ dans le réseau")] == 38
    assert aura.statements.filter(kind="purpose").count() == 3
    assert len(aura.statements.get(kind="purpose", order=2).details) == 4
    assert aura.statements.filter(kind="objective").count() == 3
    assert aura.axes.count() == 5 and aura.actions.filter(axis__isnull=True).count() == 11
    assert [i.code for i in aura.indicators.all()] == [
        "info_sessions_counsellors", "info_sessions_youths", "youths_positioned", "youths_hired_by_contract"]
    assert not aura.is_incomplete


def test_seed_000_calendar_is_scheduled_from_the_dates(aura):
    points = aura.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP)
    assert [o.due_date for o in points] == [datetime.date(2025, 5, 6), datetime.date(2025, 11, 6)]
    assert aura.occurrences.get(kind=OccurrenceKind.REVIEW).due_date == datetime.date(2025, 10, 6)
    yearly = aura.occurrences.filter(kind=OccurrenceKind.COMMITMENT)
    assert yearly.count() == 2  # the annual webinar and the annual meeting


def test_seed_001_grand_est_charter_is_marked_incomplete(grand_est):
    c = grand_est
    assert c.is_incomplete and "début du texte manque" in c.missing_information
    assert (c.signature_place, c.signature_date) == ("Nancy", datetime.date(2024, 11, 12))
    assert c.end_date == datetime.date(2025, 11, 11)
    assert c.region.code == "44" and c.followup_cadence == FollowUpCadence.QUARTERLY_POINT
    assert commitments_by_party(c) == {"cr-geiq-44": 6, "arml-44": 6}
    assert c.commitments.get(is_follow_up=True).recurrence == Recurrence.QUARTERLY
    assert [a.actions.count() for a in c.axes.all()] == [4, 2, 3]
    assert c.indicators.count() == 3
    arml = c.parties.get(organization__slug="arml-44")
    assert {f.label: f.value for f in arml.key_figures.all()} == {
        "Missions Locales": 43, "jeunes accueillis": 76116, "jeunes accueillis pour la première fois": 30924}
    assert [r.full_name for r in c.parties.get(organization__slug="cr-geiq-44").referents.all()] == [
        "Stéphanie BATHELIER"]
    assert arml.referents.get().full_name == "" and "référente en Région" in arml.referents.get().description
    assert [s.full_name for s in c.signatories.all()] == ["J.C. CAILLAUD", "J.F. BUELLA"]
    assert c.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP).count() == 4


def test_seed_002_medef_convention_keeps_its_blank_date(seeded):
    c = seeded["seed-002-medef-midi-pyrenees"]
    assert c.kind == ConventionKind.PARTNERSHIP and c.status == ConventionStatus.SIGNED
    assert c.signature_place == "Toulouse"
    assert c.signature_date is None and c.signature_date_unknown
    assert c.start_date is None and c.end_date is None
    assert c.duration_months == 60 and c.renewal_rule == RenewalRule.FIXED_TERM
    assert c.followup_cadence == FollowUpCadence.QUARTERLY_STEERING and c.review_lead_months is None
    assert commitments_by_party(c) == {"medef-midi-pyrenees": 3, "arml-76": 2, "france-travail-76": 1,
                                       "prefecture-76": 1}
    assert c.commitments.filter(party__isnull=True).count() == 2
    assert [(s.full_name, s.party.organization.slug) for s in c.signatories.all()] == [
        ("Daniel THEBAULT", "medef-midi-pyrenees"), ("Jean Raymond LEPINAY", "arml-76"),
        ("Raymond LAGRE", "france-travail-76"), ("Jean DAUBIGNY", "prefecture-76")]
    assert [a.actions.count() for a in c.axes.all()] == [8, 5]
    assert c.indicators.count() == 0 and "plan d'action" in c.followup_note
    assert not c.occurrences.exists()  # nothing can be dated


def test_seed_002_has_an_example_local_application_convention(seeded):
    parent = seeded["seed-002-medef-midi-pyrenees"]
    local = seeded["seed-002-local-medef-31-ml-toulouse"]
    assert local.parent == parent and local.kind == ConventionKind.LOCAL_APPLICATION
    orgs = {p.organization.slug or p.organization.imilo_code for p in local.parties.all()}
    assert orgs == {"medef-31", "ml-31555S00"}
    ml = local.parties.get(organization__kind="mission_locale").organization
    assert ml.imilo_code == "31555S00"
    assert Organization.objects.get(slug="medef-31").parent.slug == "medef-midi-pyrenees"


def test_seed_003_mission_jeunes_is_a_national_parent(seeded):
    c = seeded["seed-003-mission-jeunes"]
    assert c.kind == ConventionKind.NATIONAL_FRAMEWORK and c.region is None
    assert c.parties.filter(role=PartyRole.SIGNATORY).count() == 6
    assert set(c.parties.filter(role=PartyRole.ASSOCIATED).values_list("organization__slug", flat=True)) == {
        "branch-temporary-work", "prismemploi", "fastt"}
    assert commitments_by_party(c)["branch-hcr"] == 1 and c.statements.filter(kind="objective").count() == 4
    assert c.is_incomplete and c.signature_date is None


def test_seed_004_unml_regions_de_france(seeded):
    c = seeded["seed-004-unml-regions-de-france"]
    assert [p.organization.slug for p in c.parties.all()] == ["unml", "regions-de-france"]
    assert [a.actions.count() for a in c.axes.all()] == [3, 4, 11, 5, 4]
    assert c.statements.filter(kind="objective").count() == 3
    assert [s.full_name for s in c.signatories.all()] == ["Stéphane VALLI", "Carole DELGA"]
    unml = {f.label: f.value for f in c.parties.get(organization__slug="unml").key_figures.all()}
    assert unml["Missions Locales"] == 436 and unml["associations régionales"] == 15
    assert c.commitments.get(party__isnull=True).recurrence == Recurrence.YEARLY
    assert c.signature_date_unknown


def test_the_loader_works_before_the_regions_are_loaded(personas):
    conventions = load_seed_conventions()
    assert conventions["seed-002-medef-midi-pyrenees"].region is None
    assert Organization.objects.get(slug="arml-76").region is None


def test_occitanie_organisations_get_their_region(seeded):
    assert seeded["seed-002-medef-midi-pyrenees"].region.code == "76"
    assert Organization.objects.get(slug="medef-31").region.code == "76"
    assert Organization.objects.get(imilo_code="31555S00").parent.slug == "arml-76"
