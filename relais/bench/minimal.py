"""Minimal referentials for a database where the real ones are not loaded (the tests' empty database): two
regions with departments and located communes, a few ROME families, contract types, the UNML, an ARML and a
few Missions Locales per region. Real referentials, when loaded, are always preferred."""

import random

from relais.jobs.loaders import load_contract_types
from relais.jobs.models import ContractType, RomeFamily, RomeTitle
from relais.organizations.enums import OrganizationKind as K
from relais.organizations.models import Organization
from relais.territories.loading import fold
from relais.territories.models import Commune, Department, Region

FAMILIES = [
    ("F1703", "Maçonnerie"),
    ("G1602", "Personnel de cuisine"),
    ("N1103", "Magasinage et préparation de commandes"),
    ("K2204", "Nettoyage de locaux"),
    ("D1106", "Vente en alimentation"),
    ("H2909", "Montage-assemblage mécanique"),
]
REGIONS = [
    ("84", "Auvergne-Rhône-Alpes", [("69", "Rhône"), ("38", "Isère"), ("42", "Loire")], (45.2, 4.3)),
    ("44", "Grand Est", [("67", "Bas-Rhin"), ("57", "Moselle")], (48.5, 6.5)),
]


def ensure_minimal_referentials(rng: random.Random) -> bool:
    created = False
    if not Organization.objects.filter(kind=K.MISSION_LOCALE).exists():
        unml, _ = Organization.objects.get_or_create(slug="unml", defaults={"kind": K.UNML, "name": "UNML"})
        for region_code, region_name, departments, (lat, lon) in REGIONS:
            region, _ = Region.objects.get_or_create(code=region_code, defaults={"name": region_name})
            arml = Organization.objects.create(
                slug=f"arml-{region_code}",
                kind=K.ARML,
                name=f"ARML {region_name}",
                parent=unml,
                region=region,
            )
            for index, (code, name) in enumerate(departments):
                department, _ = Department.objects.get_or_create(
                    code=code, defaults={"name": name, "region": region}
                )
                Commune.objects.bulk_create(
                    [
                        Commune(
                            code=f"{code}{900 + n:03d}",
                            name=f"Commune générée {code}-{n + 1}",
                            search_name=fold(f"Commune générée {code}-{n + 1}"),
                            department=department,
                            latitude=round(lat + rng.random() * 0.9, 4),
                            longitude=round(lon + rng.random() * 1.5, 4),
                            population=rng.randint(300, 60000),
                            postal_codes=[f"{code}{n:03d}"],
                        )
                        for n in range(20)
                    ]
                )
                for n in range(2):
                    ml = Organization.objects.create(
                        kind=K.MISSION_LOCALE,
                        name=f"Mission Locale générée {code}-{n + 1}",
                        imilo_code=f"{code}{index}{n}00S00"[:8],
                        parent=arml,
                        region=region,
                    )
                    ml.departments.add(department)
        created = True
    if RomeTitle.objects.count() < len(FAMILIES):
        for code, label in FAMILIES:
            family, _ = RomeFamily.objects.get_or_create(code=code, defaults={"label": label})
            for index in range(1, 6):
                title = f"{label} — appellation {index}"
                RomeTitle.objects.get_or_create(
                    ogr_code=f"9{code[1:]}{index}",
                    defaults={
                        "family": family,
                        "label": title,
                        "short_label": title,
                        "search_text": fold(title),
                    },
                )
        created = True
    if not ContractType.objects.exists():
        load_contract_types()
        created = True
    return created
