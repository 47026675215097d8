"""Forms mark their optional fields « (facultatif) », not their required ones, as the DSFR recommends."""

import html as html_module
import re
import warnings

from relais.conventions.forms import AxisForm


def label_of(html: str, field_id: str) -> str:
    match = re.search(rf'<label for="{field_id}" class="fr-label">(.*?)</label>', html, re.S)
    return html_module.unescape(" ".join(match.group(1).split()))


def test_an_optional_field_says_it_is_optional_in_french_and_a_required_one_has_no_marker():
    html = AxisForm().as_div()
    assert label_of(html, "id_description") == "Précision (facultatif)"
    assert label_of(html, "id_title") == "Intitulé de l'axe"
    assert "fr-required-marker" not in html


def test_rendering_a_form_raises_no_deprecation_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        AxisForm().as_div()
