"""User accounts: login by e-mail address, stored in lower case and unique whatever its case."""

import unicodedata

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


def normalise_email(value: str) -> str:
    """The stored form of an address: "Agent@Example.org " and "agent@example.org" are one account."""
    return unicodedata.normalize("NFKC", value or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name"]
        constraints = [
            # Addresses are stored in lower case; this also refuses a second account differing only by case
            # written by any path that skipped the normalisation.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_case_insensitive_unique",
                violation_error_message="Un compte existe déjà avec cette adresse e-mail.",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @classmethod
    def normalize_username(cls, username):
        # Called by Model.clean(), hence by every model form (the admin included).
        return normalise_email(username) if isinstance(username, str) else username

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class ProConnectIdentity(models.Model):
    """The ProConnect subject (`sub`) an account logs in with: matched first, before the e-mail address."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="proconnect_identity")
    issuer = models.CharField("fournisseur", max_length=255)
    subject = models.CharField("identifiant ProConnect (sub)", max_length=255)
    linked_at = models.DateTimeField("lié le", default=timezone.now)
    last_login_at = models.DateTimeField("dernière connexion", null=True, blank=True)
    # How the person authenticated at their identity provider on their last login (amr claim: pwd, mfa...).
    last_amr = models.JSONField("méthodes d'authentification", default=list, blank=True)

    class Meta:
        verbose_name = "identité ProConnect"
        verbose_name_plural = "identités ProConnect"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="proconnect_identity_unique_subject")
        ]

    def __str__(self):
        return f"{self.user} ({self.issuer})"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "À confirmer"
    CONFIRMED = "confirmed", "Confirmé"
    REFUSED = "refused", "Refusé"


class MembershipSuggestion(models.Model):
    """An organisation a ProConnect login named by its SIRET: a membership only once a manager confirms it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="membership_suggestions")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="membership_suggestions"
    )
    siret = models.CharField("SIRET transmis", max_length=14)
    # The names ProConnect gave, to create the person of the directory on confirmation.
    given_name = models.CharField("prénom transmis", max_length=150, blank=True)
    usual_name = models.CharField("nom transmis", max_length=150, blank=True)
    status = models.CharField(
        "statut", max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    created_at = models.DateTimeField("proposé le", default=timezone.now)
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="décidé par"
    )
    membership = models.ForeignKey(
        "organizations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "rattachement proposé par ProConnect"
        verbose_name_plural = "rattachements proposés par ProConnect"
        constraints = [
            # One open question per person and organisation; a refusal is kept and not asked again.
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_suggestion_unique_per_organization"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organization} ({self.get_status_display()})"
