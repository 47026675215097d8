"""Bounded text search: at most N folded words of at most M characters, one condition on one folded column.

Every list page searches the same way: what is typed is folded (``relais.territories.loading.fold``, the one
folding function), its first ``RELAIS_SEARCH_MAX_WORDS`` words are kept, each cut to
``RELAIS_SEARCH_MAX_WORD_LENGTH`` characters, and each must be contained in the row's stored folded column
(``search_text``). A longer query is not refused: the search runs on what is kept, the form keeps what was
typed and the page says, in French, what was left out. The work per request is thus bounded whatever is sent.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.db.models import Q

from relais.territories.loading import fold

# Only this much of what is typed is ever folded: enough for the words kept, whatever their punctuation.
RAW_LENGTH_FACTOR = 4


def max_words() -> int:
    return settings.RELAIS_SEARCH_MAX_WORDS


def max_word_length() -> int:
    return settings.RELAIS_SEARCH_MAX_WORD_LENGTH


def max_query_length() -> int:
    """The length of the longest query kept whole: N words of M characters and their spaces."""
    return max_words() * (max_word_length() + 1)


@dataclass(frozen=True)
class SearchTerms:
    """The folded words searched, and whether part of what was typed was left out."""

    words: tuple[str, ...]
    capped: bool = False

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def notice(self) -> str:
        if not self.capped:
            return ""
        return (
            f"Votre recherche est trop longue : elle porte sur ses {max_words()} premiers mots, "
            f"de {max_word_length()} caractères au plus chacun."
        )

    def condition(self, column: str = "search_text") -> Q:
        """One condition on one folded column: every kept word is contained in it."""
        condition = Q()
        for word in self.words:
            condition &= Q(**{f"{column}__contains": word})
        return condition


def search_terms(query: str | None) -> SearchTerms:
    query = query or ""
    limit_words, limit_length = max_words(), max_word_length()
    raw_limit = limit_words * (limit_length + 1) * RAW_LENGTH_FACTOR
    words = fold(query[:raw_limit]).split()
    capped = len(query) > raw_limit or len(words) > limit_words
    words = words[:limit_words]
    if any(len(word) > limit_length for word in words):
        capped = True
        words = [word[:limit_length] for word in words]
    return SearchTerms(words=tuple(words), capped=capped)


def capped_query(query: str | None) -> str:
    """The folded words kept, as one string: for searches that match a whole phrase (the directories)."""
    return " ".join(search_terms(query).words)


def warn_if_capped(request, query: str | None) -> SearchTerms:
    """Tell the page, once, that the search ran on part of what was typed."""
    terms = search_terms(query)
    if terms.capped:
        messages.warning(request, terms.notice)
    return terms
