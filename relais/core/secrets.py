"""How weak a secret key is: production refuses a short, repetitive or development key."""

import math
from collections import Counter

MIN_LENGTH = 50
MIN_DISTINCT = 5
# Bits per character of the key's own character distribution: Django's get_random_secret_key() gives about 5,
# `openssl rand -hex 32` about 3.9, a word repeated or a keyboard run much less.
MIN_ENTROPY_BITS = 3.5


def shannon_entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


def secret_key_weakness(key: str, *, development_key: str) -> str:
    """Why the key must not be used in production, or "" when it may."""
    if not key or key == development_key or key.startswith("django-insecure-"):
        return "the development key is not a secret"
    if len(key) < MIN_LENGTH:
        return f"at least {MIN_LENGTH} characters"
    if len(set(key)) < MIN_DISTINCT:
        return f"at least {MIN_DISTINCT} distinct characters"
    if shannon_entropy(key) < MIN_ENTROPY_BITS:
        return f"too repetitive: under {MIN_ENTROPY_BITS} bits of entropy per character"
    return ""
