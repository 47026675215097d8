"""The demo's offers and young people carry ROME appellations of the trade they describe (real referential)."""

import pytest
from django.conf import settings

from relais.demo.activity import NEEDS, SOUGHT_TITLES, _title
from relais.jobs.loaders import load_rome
from relais.jobs.models import RomeTitle
from relais.opportunities.models import Opportunity
from relais.youths.models import Youth

# The word of the offer's title that the appellation's label must share (its trade), per ROME family.
TRADE_WORDS = {
    "F1703": "maçon",
    "F1701": "coffreur",
    "K2204": "propreté",
    "N1103": "magasinier",
    "K1302": "vie",
}


def test_a_missing_appellation_is_named_rather_than_replaced_by_the_first_of_its_family(db, rome):
    assert _title("F1703", "Maçon / Maçonne") == rome.mason
    with pytest.raises(RomeTitle.DoesNotExist, match="« Atrier / Atrière » absente du code ROME F1703"):
        _title("F1703", "Atrier / Atrière")


@pytest.mark.realdata
@pytest.mark.django_db
def test_the_demo_offers_and_young_people_use_appellations_of_their_own_trade():
    load_rome(data_dir=settings.RELAIS_DATA_DIR)
    offer_families = set()
    for _slug, _kind, (family, label), *_rest in NEEDS:
        title = _title(family, label)
        assert title.family.code == family and title.label == label
        assert TRADE_WORDS[family] in title.label.lower(), title.label
        offer_families.add(family)
    assert offer_families == set(TRADE_WORDS)
    for family, label in SOUGHT_TITLES:
        assert _title(family, label).family.code in offer_families


def check_demo_offers_and_youths_titles():
    """After load_demo: every offer's appellation is of a trade of the demo, and so is what young people seek."""
    offers = list(Opportunity.objects.select_related("rome_title__family"))
    assert len(offers) >= len(NEEDS)
    for offer in offers:
        assert offer.rome_title.family.code in TRADE_WORDS, offer.title
        assert TRADE_WORDS[offer.rome_title.family.code] in offer.rome_title.label.lower(), offer.title
    sought = set(Youth.objects.values_list("sought_titles__family__code", flat=True))
    assert sought <= {offer.rome_title.family.code for offer in offers}
