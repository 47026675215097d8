"""Conventions at every level: national frameworks, the regional charter of every region, partnerships with
France Travail, and the local conventions of the activity region's Missions Locales, with their parties."""

import datetime

from relais.bench.bulk import bulk
from relais.conventions.enums import ConventionKind as CK
from relais.conventions.enums import ConventionStatus, FollowUpCadence, PartyRole, RenewalRule
from relais.conventions.models import Convention, ConventionParty
from relais.organizations.enums import OrganizationKind as K
from relais.organizations.models import Organization


def _convention(slug, title, kind, today, *, parent=None, region=None) -> Convention:
    start = today - datetime.timedelta(days=300)
    return Convention(
        slug=slug,
        title=title,
        kind=kind,
        status=ConventionStatus.ACTIVE,
        parent=parent,
        region=region,
        signature_date=start,
        start_date=start,
        end_date=start + datetime.timedelta(days=3 * 365),
        duration_months=36,
        renewal_rule=RenewalRule.ANNUAL_ON_REVIEW,
        followup_cadence=FollowUpCadence.HALF_YEARLY_POINT,
        review_lead_months=2,
        source="Données générées pour les mesures de performance",
    )


def conventions(today, *, regions, armls, partners, activity_mls) -> dict:
    """Create them all; return {"national": …, "charters": {region_id: …}, "locals": {ml_id: …}}."""
    unml = Organization.objects.get(kind=K.UNML)
    national_geiq = Organization.objects.create(
        slug="bench-cnce-geiq", kind=K.NETWORK_HEAD, name="Comité national de coordination des GEIQ"
    )
    national_ft = Organization.objects.create(
        slug="bench-ft-national", kind=K.FRANCE_TRAVAIL, name="France Travail — direction générale"
    )
    national = bulk(
        Convention,
        [
            _convention(
                "bench-national-geiq", "Accord-cadre national UNML — GEIQ", CK.NATIONAL_FRAMEWORK, today
            ),
            _convention(
                "bench-national-ft",
                "Accord-cadre national UNML — France Travail",
                CK.NATIONAL_FRAMEWORK,
                today,
            ),
        ],
    )
    parties = [
        ConventionParty(convention=national[0], organization=unml, order=0),
        ConventionParty(convention=national[0], organization=national_geiq, order=1),
        ConventionParty(convention=national[1], organization=unml, order=0),
        ConventionParty(convention=national[1], organization=national_ft, order=1),
    ]
    heads = {o.region_id: o for o in partners["geiq_heads"]}
    offices = {o.region_id: o for o in partners["france_travail"]}
    regional_rows, regional_parties = [], []
    for region in regions:
        arml = armls.get(region.pk)
        if arml is None:
            continue
        regional_rows.append(
            _convention(
                f"bench-charter-{region.code}",
                f"Charte régionale ARML — CR GEIQ {region.name}",
                CK.REGIONAL_CHARTER,
                today,
                parent=national[0],
                region=region,
            )
        )
        regional_parties.append((arml, heads[region.pk]))
        regional_rows.append(
            _convention(
                f"bench-ft-{region.code}",
                f"Convention régionale ARML — France Travail {region.name}",
                CK.PARTNERSHIP,
                today,
                parent=national[1],
                region=region,
            )
        )
        regional_parties.append((arml, offices[region.pk]))
    regional = bulk(Convention, regional_rows)
    for convention, pair in zip(regional, regional_parties, strict=True):
        parties += [
            ConventionParty(convention=convention, organization=pair[0], order=0, role=PartyRole.SIGNATORY),
            ConventionParty(convention=convention, organization=pair[1], order=1, role=PartyRole.SIGNATORY),
        ]
    charters = {c.region_id: c for c in regional if c.kind == CK.REGIONAL_CHARTER}
    geiqs_by_region: dict[int, list] = {}
    for geiq in partners["geiqs"]:
        geiqs_by_region.setdefault(geiq.region_id, []).append(geiq)
    local_rows, local_pairs = [], []
    for index, ml in enumerate(activity_mls):
        geiq = geiqs_by_region[ml.region_id][index % len(geiqs_by_region[ml.region_id])]
        local_rows.append(
            _convention(
                f"bench-local-{ml.pk}",
                f"Convention locale {ml.name[:120]} — {geiq.name[:100]}",
                CK.LOCAL_APPLICATION,
                today,
                parent=charters[ml.region_id],
            )
        )
        local_pairs.append((ml, geiq))
    local = bulk(Convention, local_rows)
    for convention, (ml, geiq) in zip(local, local_pairs, strict=True):
        parties += [
            ConventionParty(convention=convention, organization=ml, order=0),
            ConventionParty(convention=convention, organization=geiq, order=1),
        ]
    bulk(ConventionParty, parties)
    return {
        "national": national,
        "charters": charters,
        "locals": {ml.pk: c for c, (ml, _) in zip(local, local_pairs, strict=True)},
        "local_geiq": {ml.pk: geiq for ml, geiq in local_pairs},
        "count": len(national) + len(regional) + len(local),
    }
