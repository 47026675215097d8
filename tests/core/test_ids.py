"""Ids from a URL or a query string: out of the database's range, negative or not a number, never a 500."""

import re
from pathlib import Path

import pytest
from django.urls import get_resolver

from relais.core.ids import MAX_ID, IdConverter, parse_id

pytestmark = pytest.mark.django_db

TWENTY_FIVE_DIGITS = "9" * 25
# 19 digits, just past the 64-bit range, and the largest id in range (it designates no row).
PAST_THE_RANGE = str(MAX_ID + 1)
BAD_VALUES = [TWENTY_FIVE_DIGITS, PAST_THE_RANGE, str(MAX_ID), "-1", "0", "abc", "²", "٣", "１２", "1e5", " "]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 42 ", 42),
        (42, 42),
        (str(MAX_ID), MAX_ID),
        (PAST_THE_RANGE, None),
        (TWENTY_FIVE_DIGITS, None),
        ("0", None),
        ("-3", None),
        (-3, None),
        ("²", None),
        ("٣", None),
        ("１２", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_id_takes_ascii_digits_within_the_range(value, expected):
    assert parse_id(value) == expected


def test_the_converter_refuses_what_is_out_of_range():
    converter = IdConverter()
    assert converter.to_python("17") == 17
    assert re.fullmatch(converter.regex, TWENTY_FIVE_DIGITS) is None
    with pytest.raises(ValueError):
        converter.to_python(PAST_THE_RANGE)
    with pytest.raises(ValueError):
        converter.to_python("0")


def test_every_id_of_a_path_uses_the_range_checked_converter():
    sources = Path(__file__).resolve().parents[2] / "relais"
    offenders = [str(path) for path in sources.rglob("urls.py") if "<int:" in path.read_text()]
    assert offenders == []
    # Nor does the code read a number from the request by hand.
    by_hand = re.compile(r"int\(\s*request\.")
    assert [str(p) for p in sources.rglob("*.py") if by_hand.search(p.read_text())] == []


def _routes_with_ids():
    """The project's own routes having an <id:...> parameter, each as a template to fill."""
    found = []

    def visit(resolver, prefix="", namespace=""):
        from django.urls import URLPattern, URLResolver

        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                visit(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and "<id:" in prefix + str(entry.pattern):
                found.append((f"{namespace}{entry.name}", "/" + prefix + str(entry.pattern)))

    visit(get_resolver())
    return sorted(set(found))


ROUTES_WITH_IDS = _routes_with_ids()


def _fill(template: str, value: str) -> str:
    text = re.sub(r"<id:\w+>", value, template)
    return re.sub(r"<(?:\w+:)?\w+>", "x", text)


def test_the_walk_finds_the_detail_pages():
    names = {name for name, _ in ROUTES_WITH_IDS}
    assert {"youths:detail", "opportunities:detail", "conventions:detail", "positionings:detail"} <= names


@pytest.mark.parametrize("value", [TWENTY_FIVE_DIGITS, PAST_THE_RANGE, str(MAX_ID)])
@pytest.mark.parametrize("persona", ["cre_a", "geiq_recruiter", "admin"])
def test_huge_ids_in_paths_answer_404(client, personas, persona, value):
    client.force_login(getattr(personas, persona))
    statuses = {}
    for name, template in ROUTES_WITH_IDS:
        path = _fill(template, value)
        statuses[name] = client.get(path).status_code
    # A path whose id designates nothing answers 404 (405 for the POST-only actions, refused before any read;
    # a page refused to the persona before any read may answer 403; a partner's "candidates of an opportunity"
    # redirects to its filtered list, which ignores a foreign id).
    allowed = {404} if len(value) > len(str(MAX_ID)) else {302, 403, 404, 405}
    assert {name: code for name, code in statuses.items() if code not in allowed} == {}


# The list pages' filters that carry an id, with a persona that has the page.
QUERY_IDS = [
    ("geiq_recruiter", "/positionnements/candidatures-recues/", "opportunite"),
    ("cre_a", "/positionnements/proposer/", "jeune"),
    ("cre_a", "/positionnements/proposer/", "opportunite"),
    ("cre_a", "/jeunes/", "counsellor"),
    ("cre_a", "/opportunites/", "commune"),
    ("arml_coordinator", "/opportunites/", "commune"),
    ("admin", "/conventions/", "network"),
    ("admin", "/conventions/nouvelle/", "parent"),
    ("arml_coordinator", "/conventions/nouvelle/", "parent"),
    ("admin", "/reseau/couverture/", "network"),
    ("admin", "/reseau/couverture/", "region"),
    ("cre_a", "/reseau/missions-locales/", "region"),
    ("cre_a", "/reseau/missions-locales/", "department"),
    ("cre_a", "/reseau/partenaires/", "naf"),
]


@pytest.mark.parametrize(("persona", "path", "param"), QUERY_IDS, ids=[f"{p}{q}" for _, p, q in QUERY_IDS])
def test_bad_ids_in_query_strings_answer_a_page_or_404(client, personas, persona, path, param):
    client.force_login(getattr(personas, persona))
    for value in BAD_VALUES:
        other = "&jeune=1&opportunite=1" if path.endswith("proposer/") else ""
        response = client.get(f"{path}?{param}={value}{other}")
        assert response.status_code in (200, 404), (path, param, value, response.status_code)


def test_a_huge_opportunity_filter_is_ignored_on_the_received_candidates(client, personas):
    client.force_login(personas.geiq_recruiter)
    response = client.get(f"/positionnements/candidatures-recues/?opportunite={TWENTY_FIVE_DIGITS}")
    assert response.status_code == 200
