"""Fill the folded search text of the existing organisations; refuse to go on over duplicate SIRETs.

The folding is copied here (not imported) so that this migration keeps working whatever the code becomes.
"""

import re
import unicodedata

from django.db import migrations

SAINT = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def _search_key(text: str) -> str:
    text = (text or "").replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(SAINT.get(word, word) for word in re.findall(r"[a-z0-9]+", text))


def fill_search_text(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    changed = []
    for org in Organization.objects.only("pk", "name", "short_name", "sector_label"):
        org.search_text = _search_key(" ".join(p for p in (org.name, org.short_name, org.sector_label) if p))[:600]
        changed.append(org)
    Organization.objects.bulk_update(changed, ["search_text"], batch_size=500)


def check_siret_duplicates(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    seen: dict[str, list[int]] = {}
    for pk, siret in Organization.objects.exclude(siret="").values_list("pk", "siret"):
        seen.setdefault(siret, []).append(pk)
    duplicates = {siret: pks for siret, pks in seen.items() if len(pks) > 1}
    if duplicates:
        listing = "; ".join(f"{siret}: organisations {pks}" for siret, pks in sorted(duplicates.items()))
        raise RuntimeError(
            "Several organisations share a SIRET; correct them in the admin, then migrate again: " + listing
        )


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0002_organization_search_text"),
    ]

    operations = [
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(check_siret_duplicates, migrations.RunPython.noop),
    ]
