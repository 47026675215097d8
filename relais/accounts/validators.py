"""Password rules following the CNIL recommendation (délibération n° 2022-100)."""

import string

from django.core.exceptions import ValidationError

CLASSES = (
    ("une minuscule", string.ascii_lowercase),
    ("une majuscule", string.ascii_uppercase),
    ("un chiffre", string.digits),
)


class CharacterClassesValidator:
    """Require lower case, upper case, a digit and a special character."""

    def validate(self, password, user=None):
        missing = [label for label, chars in CLASSES if not any(c in chars for c in password)]
        if not any(not c.isalnum() for c in password):
            missing.append("un caractère spécial")
        if missing:
            raise ValidationError(
                "Le mot de passe doit contenir au moins " + ", ".join(missing) + ".",
                code="password_classes",
            )

    def get_help_text(self):
        return "Au moins une minuscule, une majuscule, un chiffre et un caractère spécial."
