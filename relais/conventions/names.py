"""Comparing the name a text gives an organisation with the name it goes by in Relais."""

from relais.territories.loading import fold

NAME_STOP_WORDS = {"d", "l", "de", "des", "du", "la", "le", "les", "et", "pour", "en", "a"}


def name_words(name: str) -> list[str]:
    """Significant words of an organisation name, lower case, without accents or elisions."""
    return [w for w in fold(name).split() if w not in NAME_STOP_WORDS]


def _within(words: list[str], other: list[str]) -> bool:
    initials = "".join(w[0] for w in other)
    return all(w in other or (len(w) > 1 and w in initials) for w in words)


def same_name(words: list[str], other: list[str]) -> bool:
    """Two names are the same when the significant words of one are all in the other (words or acronym)."""
    return _within(words, other) or _within(other, words)
