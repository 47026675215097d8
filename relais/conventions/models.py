"""Partnership conventions: parties, signatories, axes, commitments, follow-up calendar, documents (C2, C9, C10)."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property

from relais.conventions.document_models import (  # noqa: F401 (named by migrations and callers)
    ConventionDocument,
    DocumentFolder,
    document_path,
)
from relais.conventions.enums import (
    ConventionKind,
    ConventionStatus,
    FollowUpCadence,
    IndicatorCode,
    OccurrenceKind,
    OccurrenceStatus,
    PartyRole,
    Recurrence,
    RenewalRule,
    SignatoryCapacity,
    StatementKind,
)
from relais.conventions.indicator_models import (  # noqa: F401 (named by migrations)
    IndicatorEntry,
    IndicatorTarget,
)
from relais.conventions.names import name_words, same_name
from relais.conventions.storage import PrivateStorage, private_storage  # noqa: F401 (named by migrations)
from relais.core.models import TransitionLog
from relais.core.workflows import DomainError
from relais.organizations.models import Organization, Person
from relais.territories.models import Region

S = ConventionStatus


class ConventionError(DomainError):
    """A lifecycle rule was broken (impossible transition, missing date...); the message is French."""


class Convention(models.Model):
    slug = models.SlugField("identifiant", max_length=80, null=True, blank=True, unique=True)
    title = models.CharField("intitulé", max_length=255)
    kind = models.CharField("type", max_length=30, choices=ConventionKind.choices, db_index=True)
    status = models.CharField(
        "statut", max_length=20, choices=ConventionStatus.choices, default=S.DRAFT, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="convention cadre déclinée",
    )
    # A renewal is a new period: a new row linked to the previous one and to the review that decided it.
    previous_period = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_period",
        verbose_name="période précédente",
    )
    renewed_from_review = models.ForeignKey(
        "Occurrence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="bilan ayant décidé le renouvellement",
    )
    period_number = models.PositiveSmallIntegerField("période", default=1)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="conventions"
    )
    preamble = models.TextField("préambule", blank=True)
    signature_place = models.CharField("lieu de signature", max_length=100, blank=True)
    signature_date = models.DateField("date de signature", null=True, blank=True)
    # The text leaves the day blank ("Fait à Toulouse le....."): the date stays empty and this says so.
    signature_date_unknown = models.BooleanField(
        "date de signature non renseignée dans le texte", default=False
    )
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin", null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField("durée (mois)", null=True, blank=True)
    duration_note = models.CharField("durée, telle que rédigée", max_length=255, blank=True)
    renewal_rule = models.CharField(
        "règle de renouvellement", max_length=30, choices=RenewalRule.choices, default=RenewalRule.UNSPECIFIED
    )
    followup_cadence = models.CharField(
        "rythme de suivi", max_length=30, choices=FollowUpCadence.choices, default=FollowUpCadence.NONE
    )
    followup_note = models.TextField("modalités de suivi", blank=True)
    # Months before the end at which the annual review (COPIL) meets; empty when the text plans none.
    review_lead_months = models.PositiveSmallIntegerField(
        "bilan annuel : mois avant l'échéance", null=True, blank=True
    )
    steering_committee = models.TextField("composition du comité de pilotage", blank=True)
    deployment = models.TextField("modalités de déploiement", blank=True)
    communication = models.TextField("engagements de communication", blank=True)
    is_incomplete = models.BooleanField("texte incomplet", default=False)
    missing_information = models.TextField("ce qui manque au texte", blank=True)
    source = models.CharField("source", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "period_number"]
        verbose_name = "convention"
        indexes = [models.Index(fields=["status", "end_date"])]

    def __str__(self):
        return self.title if self.period_number == 1 else f"{self.title} (période {self.period_number})"

    @property
    def is_renewable(self) -> bool:
        """Only a text that plans a renewal (one year, on the annual review) opens a next period."""
        return self.renewal_rule == RenewalRule.ANNUAL_ON_REVIEW


class ConventionParty(models.Model):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="convention_parties"
    )
    role = models.CharField("rôle", max_length=20, choices=PartyRole.choices, default=PartyRole.SIGNATORY)
    # The name the text uses (AMILAURA, "Direction régionale de l'ANPE"...), which may differ from today's.
    name_in_text = models.CharField("nom dans le texte", max_length=255, blank=True)
    legal_form = models.CharField("forme juridique, telle que rédigée", max_length=255, blank=True)
    head_office = models.CharField("siège, tel que rédigé", max_length=255, blank=True)
    presentation = models.TextField("présentation", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "partie"
        constraints = [
            models.UniqueConstraint(fields=["convention", "organization"], name="one_party_per_org")
        ]

    def __str__(self):
        return self.name_in_text or str(self.organization)

    @property
    def renamed(self) -> bool:
        """The text names an organisation that goes by another name today (ANPE → France Travail...).

        Same name: the significant words of one name are all in the other, as words or as an acronym of its
        words (ARML, AMILAURA, DRTEFP...).
        """
        if not self.name_in_text:
            return False
        text = name_words(self.name_in_text)
        names = [name_words(n) for n in (self.organization.name, self.organization.short_name) if n]
        return not any(same_name(text, name) for name in names)


class KeyFigure(models.Model):
    """A number the text gives about a party (61 Missions Locales, 652 points d'accueil...)."""

    party = models.ForeignKey(ConventionParty, on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField("libellé", max_length=150)
    value = models.PositiveIntegerField("valeur")
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "chiffre clé"

    def __str__(self):
        return f"{self.value} {self.label}"


class Signatory(models.Model):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="signatories")
    party = models.ForeignKey(
        ConventionParty, null=True, blank=True, on_delete=models.CASCADE, related_name="signatories"
    )
    full_name = models.CharField("nom", max_length=150)
    title = models.CharField("qualité", max_length=255, blank=True)
    capacity = models.CharField(
        "à la signature", max_length=10, choices=SignatoryCapacity.choices, default=SignatoryCapacity.SIGNED
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "signataire"

    def __str__(self):
        return f"{self.full_name}, {self.title}"


class Referent(models.Model):
    """A named operational referent of a party ("référent opérationnel", "correspondant")."""

    party = models.ForeignKey(ConventionParty, on_delete=models.CASCADE, related_name="referents")
    full_name = models.CharField("nom", max_length=150, blank=True)
    description = models.CharField("précision", max_length=255, blank=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "référent opérationnel"
        verbose_name_plural = "référents opérationnels"

    def __str__(self):
        return self.full_name or self.description


class Statement(models.Model):
    """A purpose ("objet") or a common objective, with its sub-items when the text lists some."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=20, choices=StatementKind.choices)
    text = models.TextField("texte")
    details = models.JSONField("précisions", default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = "objet ou objectif"

    def __str__(self):
        return self.text


class Axis(models.Model):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="axes")
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("précision", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "axe"

    def __str__(self):
        return self.title


class Action(models.Model):
    """An action of the convention; without an axis it is listed for all the axes together."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="actions")
    axis = models.ForeignKey(Axis, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField("action")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "action"

    def __str__(self):
        return self.text


class Indicator(models.Model):
    """An indicator the annual review must report."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField("indicateur", max_length=255)
    code = models.CharField(max_length=40, choices=IndicatorCode.choices, default=IndicatorCode.OTHER)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "indicateur du bilan"
        verbose_name_plural = "indicateurs du bilan"

    def __str__(self):
        return self.label


class Commitment(models.Model):
    """What one party (or, without party, all of them together) commits to."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="commitments")
    party = models.ForeignKey(
        ConventionParty, null=True, blank=True, on_delete=models.CASCADE, related_name="commitments"
    )
    text = models.TextField("engagement")
    recurrence = models.CharField(
        "fréquence", max_length=20, choices=Recurrence.choices, default=Recurrence.CONTINUOUS
    )
    # The follow-up point between the parties (point semestriel...) when the text makes it a commitment.
    is_follow_up = models.BooleanField("point de suivi de la convention", default=False)
    due_date = models.DateField("échéance (engagement ponctuel)", null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "engagement"

    def __str__(self):
        return self.text

    @property
    def is_recurring(self) -> bool:
        return self.recurrence in {Recurrence.YEARLY, Recurrence.HALF_YEARLY, Recurrence.QUARTERLY}


class Occurrence(models.Model):
    """One dated item of the follow-up calendar: a commitment occurrence, a follow-up point or the review."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="occurrences")
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    kind = models.CharField(max_length=20, choices=OccurrenceKind.choices)
    title = models.CharField("intitulé", max_length=255)
    # Empty for a one-off commitment the text does not date: planned until done, never late.
    due_date = models.DateField("date prévue", null=True, blank=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=OccurrenceStatus.choices, default=OccurrenceStatus.PLANNED
    )
    done_on = models.DateField("réalisé le", null=True, blank=True)
    note = models.TextField("note", blank=True)
    document = models.ForeignKey(
        ConventionDocument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_for",
        verbose_name="justificatif",
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Undated items last on every database (SQLite and PostgreSQL order NULLs differently).
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = "échéance"

    def __str__(self):
        return f"{self.title} — {self.due_label}"

    @property
    def due_label(self) -> str:
        return f"{self.due_date:%d/%m/%Y}" if self.due_date else "sans date"

    @cached_property
    def party(self):
        return self.commitment.party if self.commitment_id else None


class CalendarFeed(models.Model):
    """A private subscription link to one user's calendar: a public key to find it, a secret to check."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=32, unique=True)
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "lien d'abonnement au calendrier"

    def __str__(self):
        return f"Abonnement de {self.user}"


# The log of the lifecycle: one row per status change.
ConventionTransition = TransitionLog.for_subject(Convention)
