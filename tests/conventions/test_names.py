"""The name a text gives a party against the name the organisation goes by today."""

import pytest

from relais.conventions.names import name_words, same_name


@pytest.mark.parametrize(
    "in_text,today,same",
    [
        (
            "Comité régional des GEIQ d'Auvergne-Rhône-Alpes (CR GEIQ AURA)",
            "CR GEIQ Auvergne-Rhône-Alpes",
            True,
        ),
        ("Association régionale des Missions Locales du Grand Est", "ARML Grand Est", True),
        ("FASTT", "Fonds d'action sociale du travail temporaire", True),
        ("Mission Locale de Toulouse", "ML TOULOUSE", True),
        ("Agence nationale pour l'emploi (ANPE) — Direction régionale", "France Travail Occitanie", False),
        ("Association régionale des Missions Locales de Midi-Pyrénées", "ARML Occitanie", False),
        ("L'État (Préfet de région)", "Préfecture de la région Occitanie", False),
    ],
)
def test_names_match_through_words_and_acronyms(in_text, today, same):
    assert same_name(name_words(in_text), name_words(today)) is same
