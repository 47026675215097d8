"""The five seed conventions, checked field by field against their texts."""

import datetime
from io import StringIO

from django.core.management import call_command

from relais.conventions.enums import (
    ConventionKind,
    ConventionStatus,
    FollowUpCadence,
    OccurrenceKind,
    PartyRole,
    Recurrence,
    RenewalRule,
    SignatoryCapacity,
)
from relais.conventions.models import Convention
from relais.conventions.seeds import load_seed_conventions, missing_regions
from relais.organizations.models import Organization
from tests.territories.factories import RegionFactory


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
    assert (
        aura.commitments.get(text__startswith="Organiser un webinaire annuel").recurrence == Recurrence.YEARLY
    )
    assert [(s.full_name, s.party.organization.slug) for s in aura.signatories.all()] == [
        ("Lucio CAMPANILE", "cr-geiq-84"),
        ("Wendy LAFAYE", "arml-84"),
    ]
    referents = {r.full_name: r for p in aura.parties.all() for r in p.referents.all()}
    assert set(referents) == {"Manuel COLOMBINO", "Thierry DESMAISON", "Alexia VIOLET"}
    # The persona Alexia Violet, coordinator at AMILAURA, is recognised as the named referent.
    assert referents["Alexia VIOLET"].person == personas.arml_coordinator.person
    figures = {
        (f.party.organization.slug, f.label): f.value
        for f in aura.parties.get(organization__slug="arml-84").key_figures.all()
    }
    figures |= {
        (f.party.organization.slug, f.label): f.value
        for f in aura.parties.get(organization__slug="cr-geiq-84").key_figures.all()
    }
    assert figures[("arml-84", "Missions Locales")] == 61
    assert figures[("arml-84", "points d'accueil")] == 652
    assert figures[("cr-geiq-84", "GEIQ dans le réseau")] == 38
    # The text names Manuel COLOMBINO as operational referent, nothing more.
    assert referents["Manuel COLOMBINO"].description == ""
    amilaura = aura.parties.get(organization__slug="arml-84").presentation
    for objective in (
        "lieu d'échanges, de réflexion et d'innovation",
        "structurer et développer le réseau régional",
        "politiques d'insertion des jeunes",
        "engager toute action conforme à l'objet",
        "communiquer avec ses membres",
        "autres associations régionales de même nature",
        "pilotage et au portage de l'animation régionale",
    ):
        assert objective in amilaura
    assert "représentation d'élus" in amilaura
    assert (
        "représentés par leur comité régional" in aura.preamble
        and "représentées par AMILAURA" in aura.preamble
    )
    once = set(aura.commitments.filter(recurrence=Recurrence.ONCE).values_list("text", flat=True))
    assert once == {
        "Désigner l'animateur régional comme interlocuteur unique pour centraliser et diffuser les informations",
        "Désigner un interlocuteur unique pour centraliser et diffuser les informations",
        "Fournir l'annuaire des Missions Locales d'Auvergne-Rhône-Alpes",
        "Réaliser une fiche par partenaire pour faciliter l'accès à l'information",
    }
    assert aura.statements.filter(kind="purpose").count() == 3
    assert len(aura.statements.get(kind="purpose", order=2).details) == 4
    assert aura.statements.filter(kind="objective").count() == 3
    assert aura.axes.count() == 5 and aura.actions.filter(axis__isnull=True).count() == 11
    assert [i.code for i in aura.indicators.all()] == [
        "info_sessions_counsellors",
        "info_sessions_youths",
        "youths_positioned",
        "youths_hired_by_contract",
    ]
    assert not aura.is_incomplete


def test_seed_000_calendar_is_scheduled_from_the_dates(aura):
    points = aura.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP)
    assert [o.due_date for o in points] == [datetime.date(2025, 5, 6), datetime.date(2025, 11, 6)]
    assert aura.occurrences.get(kind=OccurrenceKind.REVIEW).due_date == datetime.date(2025, 10, 6)
    dated = aura.occurrences.filter(kind=OccurrenceKind.COMMITMENT, due_date__isnull=False)
    assert dated.count() == 2  # the annual webinar and the annual meeting
    # Each one-off commitment has its single occurrence, undated since the text gives no date.
    one_offs = aura.occurrences.filter(kind=OccurrenceKind.COMMITMENT, due_date__isnull=True)
    assert sorted(o.commitment.recurrence for o in one_offs) == [Recurrence.ONCE] * 4
    assert {o.status for o in one_offs} == {"planned"}


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
        "Missions Locales": 43,
        "jeunes accueillis": 76116,
        "jeunes accueillis pour la première fois": 30924,
    }
    assert [r.full_name for r in c.parties.get(organization__slug="cr-geiq-44").referents.all()] == [
        "Stéphanie BATHELIER"
    ]
    assert arml.referents.get().full_name == "" and "référente en Région" in arml.referents.get().description
    assert [s.full_name for s in c.signatories.all()] == ["J.C. CAILLAUD", "J.F. BUELLA"]
    assert c.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP).count() == 4
    for passage in (
        "programmes d'animation régionale",
        "mobilisation des dispositifs d'accueil, d'information et d'orientation",
        "groupes de travail",
        "mieux comprendre les problèmes d'insertion",
        "capitalise et diffuse les expériences locales",
        "politique d'animation et d'évaluation",
    ):
        assert passage in arml.presentation
    assert arml.commitments.get(text__startswith="Fournir l'annuaire").recurrence == Recurrence.ONCE


def test_seed_002_medef_convention_keeps_its_blank_date(seeded):
    c = seeded["seed-002-medef-midi-pyrenees"]
    assert c.kind == ConventionKind.PARTNERSHIP and c.status == ConventionStatus.SIGNED
    assert c.signature_place == "Toulouse"
    assert c.signature_date is None and c.signature_date_unknown
    assert c.start_date is None and c.end_date is None
    assert c.duration_months == 60 and c.renewal_rule == RenewalRule.FIXED_TERM
    assert c.followup_cadence == FollowUpCadence.QUARTERLY_STEERING and c.review_lead_months is None
    assert commitments_by_party(c) == {
        "medef-midi-pyrenees": 3,
        "arml-76": 3,
        "france-travail-76": 1,
        "prefecture-76": 1,
        "drtefp-midi-pyrenees": 0,
        **{f"ddtefp-{code}": 0 for code in ("09", "12", "31", "32", "46", "65", "81", "82")},
    }
    # "les partenaires s'engagent : 1) … 2) …": both axes are commitments of all the parties.
    common = [x.text for x in c.commitments.filter(party__isnull=True)]
    assert len(common) == 4 and common[0].startswith("Favoriser la communication")
    assert common[1].startswith("Faciliter l'accès des jeunes à l'emploi")
    # Concluding local application conventions falls to the correspondents of the MEDEF and of each ML.
    concluding = c.commitments.filter(text__contains="conventions d'application locales")
    assert {x.party.organization.slug for x in concluding} == {"medef-midi-pyrenees", "arml-76"}
    assert [(s.full_name, s.party.organization.slug) for s in c.signatories.all()] == [
        ("Daniel THEBAULT", "medef-midi-pyrenees"),
        ("Jean Raymond LEPINAY", "arml-76"),
        ("Raymond LAGRE", "france-travail-76"),
        ("Jean DAUBIGNY", "prefecture-76"),
    ]
    assert [a.actions.count() for a in c.axes.all()] == [8, 5]
    assert c.indicators.count() == 0 and "plan d'action" in c.followup_note
    # Nothing can be dated: only the one-off designations of correspondents, undated.
    assert [o.due_date for o in c.occurrences.all()] == [None, None]


def test_seed_002_steering_committee_members_are_parties(seeded):
    c = seeded["seed-002-medef-midi-pyrenees"]
    steering = c.parties.filter(role=PartyRole.STEERING).select_related("organization")
    assert [p.organization.slug for p in steering] == ["drtefp-midi-pyrenees"] + [
        f"ddtefp-{code}" for code in ("09", "12", "31", "32", "46", "65", "81", "82")
    ]
    drtefp = steering[0].organization
    assert drtefp.kind == "state" and drtefp.region.code == "76"
    assert (
        drtefp.name == "Direction régionale du travail, de l'emploi et de la formation professionnelle de "
        "Midi-Pyrénées"
    )
    assert Organization.objects.get(slug="ddtefp-31").short_name == "DDTEFP de la Haute-Garonne"
    assert Organization.objects.get(slug="ddtefp-31").parent == drtefp
    # The other members of the committee sign the convention (MEDEF, ARML, Direction régionale de l'ANPE).
    assert {"medef-midi-pyrenees", "arml-76", "france-travail-76"} <= set(
        c.parties.filter(role=PartyRole.SIGNATORY).values_list("organization__slug", flat=True)
    )


def test_seed_002_parties_keep_the_names_of_the_text_next_to_today_s(seeded):
    c = seeded["seed-002-medef-midi-pyrenees"]
    anpe = c.parties.get(organization__slug="france-travail-76")
    assert (
        "ANPE" in anpe.name_in_text and anpe.organization.name == "France Travail Occitanie" and anpe.renamed
    )
    assert c.parties.get(organization__slug="arml-76").renamed
    assert not c.parties.get(organization__slug="medef-midi-pyrenees").renamed


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
    # Prism'emploi and the FASTT are among the partners who extend Mission Jeunes.
    assert set(c.parties.filter(role=PartyRole.SIGNATORY).values_list("organization__slug", flat=True)) == {
        "dgefp",
        "unml",
        "akto",
        "branch-wholesale",
        "branch-hcr",
        "branch-wood",
        "prismemploi",
        "fastt",
    }
    assert set(c.parties.filter(role=PartyRole.ASSOCIATED).values_list("organization__slug", flat=True)) == {
        "branch-temporary-work"
    }
    assert commitments_by_party(c)["branch-hcr"] == 1 and c.statements.filter(kind="objective").count() == 4
    assert c.is_incomplete and c.signature_date is None


def test_seed_003_names_people_present_at_the_signature_not_signatories(seeded):
    c = seeded["seed-003-mission-jeunes"]
    people = [
        (s.full_name, s.party.organization.slug if s.party else None, s.capacity) for s in c.signatories.all()
    ]
    assert people == [
        ("Cécile CHARBAUT", "dgefp", SignatoryCapacity.PRESENT),
        ("Laurent BARTHELEMY", "akto", SignatoryCapacity.PRESENT),
        ("Jean HEDOU", "akto", SignatoryCapacity.PRESENT),
        ("Mario GONZALEZ", "unml", SignatoryCapacity.PRESENT),
        ("Roland MONGIN", None, SignatoryCapacity.PRESENT),
    ]
    assert "légende de la photo" in c.signatories.get(full_name="Roland MONGIN").title
    assert "réactions des signataires" not in c.signatories.get(full_name="Jean HEDOU").title
    assert "signataires" in c.missing_information


def test_seed_003_wood_branch_is_named_as_in_the_text(seeded):
    c = seeded["seed-003-mission-jeunes"]
    wood = c.parties.get(organization__slug="branch-wood")
    expected = "travail mécanique du bois / exploitations forestières et scieries agricoles"
    assert expected in wood.name_in_text and expected in wood.organization.name and expected in c.preamble
    assert "négoce" not in wood.organization.name + c.preamble + wood.name_in_text


def test_seed_004_unml_regions_de_france(seeded):
    c = seeded["seed-004-unml-regions-de-france"]
    assert [p.organization.slug for p in c.parties.all()] == ["unml", "regions-de-france"]
    assert [a.actions.count() for a in c.axes.all()] == [3, 4, 11, 5, 4]
    assert c.statements.filter(kind="objective").count() == 3
    assert [s.full_name for s in c.signatories.all()] == ["Stéphane VALLI", "Carole DELGA"]
    assert c.signature_date_unknown
    assert "Considérant la compétence mutuelle" in c.preamble and "considérant la volonté" in c.preamble


def test_seed_004_parties_their_head_offices_and_key_figures(seeded):
    c = seeded["seed-004-unml-regions-de-france"]
    unml = c.parties.get(organization__slug="unml")
    regions = c.parties.get(organization__slug="regions-de-france")
    assert (unml.legal_form, unml.head_office) == (
        "Association régie par la loi du 1er juillet 1901",
        "54 rue de Paradis, 75010 Paris",
    )
    assert (regions.legal_form, regions.head_office) == (
        "Association régie par la loi du 1er juillet 1901",
        "1 quai de Grenelle, 75015 Paris",
    )
    assert [(f.label, f.value) for f in unml.key_figures.all()] == [
        ("salariés de la branche (plus de)", 15000),
        ("Missions Locales", 436),
        ("associations régionales", 15),
        ("jeunes accompagnés par an (plus de)", 1100000),
        ("lieux d'accueil", 6800),
    ]
    assert [(f.label, f.value) for f in regions.key_figures.all()] == [
        ("millions d'euros par an pour la formation professionnelle (près de)", 4500)
    ]
    # UNML's three "pour" clauses and the 2024 regional skills pacts.
    for passage in ("6 800 lieux d'accueil", "« tenir conseil »", "sécuriser les parcours"):
        assert passage in unml.presentation
    assert (
        "pactes régionaux d'investissement dans les compétences, reconduits en 2024" in regions.presentation
    )


def test_seed_004_commitments_per_party(seeded):
    c = seeded["seed-004-unml-regions-de-france"]
    by_party = {p.organization.slug: [x.text for x in p.commitments.all()] for p in c.parties.all()}
    assert len(by_party["unml"]) == 2 and by_party["unml"][0].startswith(
        "Par les ARML : structurer et animer"
    )
    assert "professionnels de la Région" in by_party["unml"][1]
    assert by_party["regions-de-france"] == [
        "Accueillir en immersion, dans les services de la Région, des professionnels des Missions Locales"
    ]
    common = list(c.commitments.filter(party__isnull=True))
    assert [x.recurrence for x in common] == [Recurrence.YEARLY, Recurrence.CONTINUOUS]
    assert common[0].text.startswith("Organiser chaque année un séminaire national")
    assert common[1].text.startswith("Partager en réciprocité les connaissances")


def test_each_seed_records_its_communication_clauses_as_the_text_gives_them(seeded):
    aura, grand_est = seeded["seed-000-cr-geiq-aura-amilaura"], seeded["seed-001-cr-geiq-grand-est-arml"]
    for charter, arml in ((aura, "arml-84"), (grand_est, "arml-44")):
        assert "réseaux sociaux" in charter.communication
        logo = charter.commitments.get(text__contains="logo « partenaire »")
        assert logo.party.organization.slug == arml and logo.recurrence == Recurrence.CONTINUOUS
    assert aura.commitments.filter(text__startswith="Fournir tout support de communication").count() == 1
    assert grand_est.commitments.filter(text__startswith="Fournir tout support de communication").count() == 2
    medef = seeded["seed-002-medef-midi-pyrenees"]
    assert "comité de pilotage détermine les actions de communication" in medef.communication
    assert medef.commitments.filter(
        party__isnull=True, text__startswith="Favoriser la communication"
    ).exists()
    # The announcement and the national convention carry no communication clause.
    assert seeded["seed-003-mission-jeunes"].communication == ""
    assert seeded["seed-004-unml-regions-de-france"].communication == ""


def test_a_seed_loaded_before_its_region_gets_it_on_the_next_load(personas):
    """Personas load regions 84 and 44 only: Occitanie (76) comes later, as with referentials loaded afterwards."""
    load_seed_conventions()
    assert missing_regions() == ["76"]
    out, err = StringIO(), StringIO()
    call_command("load_seed_conventions", stdout=out, stderr=err)
    assert "Régions absentes (76)" in err.getvalue() and "load_referentials" in err.getvalue()
    RegionFactory(code="76", name="Occitanie")
    conventions = load_seed_conventions()
    assert missing_regions() == []
    assert conventions["seed-002-medef-midi-pyrenees"].region.code == "76"
    assert conventions["seed-002-local-medef-31-ml-toulouse"].region.code == "76"
    for slug in ("arml-76", "medef-31", "prefecture-76", "ddtefp-31"):
        assert Organization.objects.get(slug=slug).region.code == "76"
    assert Organization.objects.get(imilo_code="31555S00").region.code == "76"


def test_occitanie_organisations_get_their_region(seeded):
    assert seeded["seed-002-medef-midi-pyrenees"].region.code == "76"
    assert Organization.objects.get(slug="medef-31").region.code == "76"
    assert Organization.objects.get(imilo_code="31555S00").parent.slug == "arml-76"
