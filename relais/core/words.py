"""French counts written out, the one way every page and e-mail says "1 positionnement", "3 positionnements"."""


def plural(count: int, singular: str, plural_form: str) -> str:
    """`count` with the word it takes in French: the singular for 0 and 1 is the caller's choice of wording
    ("aucun …" is said by the caller), the plural from 2."""
    if count == 1:
        return f"1 {singular}"
    return f"{count} {plural_form}"
