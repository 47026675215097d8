"""Bounded searches: the first N folded words of at most M characters, and the French notice."""

import pytest

from relais.core.search import capped_query, max_query_length, search_terms

NOTICE = (
    "Votre recherche est trop longue : elle porte sur ses 8 premiers mots, de 50 caractères au plus chacun."
)


def test_a_short_query_is_folded_and_kept_whole():
    terms = search_terms("  Léa   MARTIN-Dupré ")
    assert terms.words == ("lea", "martin", "dupre")
    assert not terms.capped and terms.notice == ""


def test_an_empty_query_searches_nothing():
    assert not search_terms("")
    assert not search_terms(None)
    assert not search_terms(" ,;  ")


def test_the_search_keeps_the_first_words_and_says_so():
    terms = search_terms(" ".join(f"mot{i}" for i in range(2000)))
    assert terms.words == tuple(f"mot{i}" for i in range(8))
    assert terms.capped and terms.notice == NOTICE


def test_a_long_word_is_cut_and_said():
    terms = search_terms("a" * 80 + " court")
    assert terms.words == ("a" * 50, "court")
    assert terms.notice == NOTICE


def test_eight_words_of_fifty_characters_are_within_the_limits():
    query = " ".join(["é" * 50] * 8)
    assert search_terms(query).words == tuple(["e" * 50] * 8)
    assert not search_terms(query).capped


def test_a_huge_query_is_never_folded_whole():
    # Ten megabytes of one word: only the head is read, the result is bounded all the same.
    terms = search_terms("x" * 10_000_000)
    assert terms.words == ("x" * 50,)
    assert terms.capped


@pytest.mark.parametrize("count", [1, 8, 2000])
def test_one_condition_per_kept_word(count):
    condition = search_terms(" ".join(["mot"] * count)).condition("search_text")
    assert len(condition.children) == min(count, 8)
    assert {child[0] for child in condition.children} == {"search_text__contains"}


def test_the_limits_follow_the_settings(settings):
    settings.RELAIS_SEARCH_MAX_WORDS = 2
    settings.RELAIS_SEARCH_MAX_WORD_LENGTH = 3
    assert search_terms("abcdef ghi jkl").words == ("abc", "ghi")
    assert capped_query("abcdef ghi jkl") == "abc ghi"
    assert max_query_length() == 8
    assert "2 premiers mots, de 3 caractères" in search_terms("a b c").notice
