"""Recruitment needs published by partners, their diffusion to Missions Locales, delivery and reading (C4)."""

from django.conf import settings
from django.db import models

from relais.conventions.models import Convention
from relais.core.models import TransitionLog
from relais.core.workflows import DomainError
from relais.jobs.models import RomeTitle
from relais.opportunities.enums import (
    OpportunityKind,
    OpportunityStatus,
    PerimeterKind,
    PriorityPublic,
)
from relais.organizations.models import Organization
from relais.territories.loading import fold
from relais.territories.models import Commune

S = OpportunityStatus

# What a search of the list pages looks into (see Opportunity.search_text).
SEARCHED_FIELDS = ("title", "rome_title", "publisher", "commune")


def search_text_of(*, title: str, rome_label: str, publisher_name: str, commune_name: str) -> str:
    """The folded text an opportunity search looks into: its title, ROME title, publisher and place."""
    return fold(" ".join([title or "", rome_label or "", publisher_name or "", commune_name or ""]))


def fill_search_text(queryset) -> int:
    """Write the folded search text of these rows (data migration, generated data); returns how many changed."""
    changed = []
    rows = queryset.select_related("rome_title", "publisher", "commune").only(
        "pk", "title", "search_text", "rome_title__label", "publisher__name", "commune__name"
    )
    for row in rows.iterator(chunk_size=1000):
        text = search_text_of(
            title=row.title,
            rome_label=row.rome_title.label,
            publisher_name=row.publisher.name,
            commune_name=row.commune.name,
        )
        if text != row.search_text:
            row.search_text = text
            changed.append(row)
    queryset.model.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return len(changed)


class OpportunityError(DomainError):
    """A status rule was broken (impossible transition, nothing to diffuse...); the message is French."""


EDITABLE_STATUSES = {S.DRAFT, S.PUBLISHED}


class Opportunity(models.Model):
    publisher = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="published_opportunities",
        verbose_name="structure qui recrute",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="auteur·rice",
    )
    kind = models.CharField("type", max_length=30, choices=OpportunityKind.choices, db_index=True)
    title = models.CharField(
        "intitulé",
        max_length=200,
        blank=True,
        help_text="Facultatif : sinon l'appellation ROME sert d'intitulé.",
    )
    rome_title = models.ForeignKey(
        RomeTitle, on_delete=models.PROTECT, related_name="opportunities", verbose_name="appellation ROME"
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="opportunities", verbose_name="lieu"
    )
    positions = models.PositiveSmallIntegerField("nombre de postes", default=1)
    start_date = models.DateField("date de début", null=True, blank=True)
    closing_date = models.DateField("date limite de candidature", null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField("durée du contrat (mois)", null=True, blank=True)
    weekly_hours = models.DecimalField(
        "durée hebdomadaire (heures)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    # Codes of PriorityPublic, the same as the young people's priority flags.
    priority_publics = models.JSONField("publics prioritaires accueillis", default=list, blank=True)
    convention = models.ForeignKey(
        Convention,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name="convention",
    )
    description = models.TextField("description", blank=True)
    status = models.CharField(
        "statut", max_length=20, choices=OpportunityStatus.choices, default=S.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    ended_at = models.DateTimeField("pourvue, clôturée ou annulée le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Folded title, ROME title, publisher and commune names: the one column a list search reads (services
    # write it; see relais.core.search).
    search_text = models.TextField(blank=True, default="", editable=False)
    # The publisher's own reference for the need (its recruitment tool's, or its import file's): a re-import
    # updates the opportunity it names instead of creating a second one.
    external_ref = models.CharField("référence du partenaire", max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "opportunité"
        indexes = [
            models.Index(fields=["publisher", "status"]),
            models.Index(fields=["status", "closing_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="opportunity_unique_external_ref",
            )
        ]

    def __str__(self):
        return self.display_title

    def refresh_search_text(self) -> str:
        self.search_text = search_text_of(
            title=self.title,
            rome_label=self.rome_title.label,
            publisher_name=self.publisher.name,
            commune_name=self.commune.name,
        )
        return self.search_text

    @property
    def display_title(self) -> str:
        return self.title or self.rome_title.label

    @property
    def priority_public_labels(self) -> list[str]:
        return [PriorityPublic(code).label for code in self.priority_publics if code in PriorityPublic.values]

    @property
    def is_open(self) -> bool:
        return self.status == S.PUBLISHED


class Diffusion(models.Model):
    """One act of diffusion: who sent the opportunity to which perimeter."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="diffusions")
    perimeter = models.CharField("périmètre", max_length=20, choices=PerimeterKind.choices)
    # The region code, department codes or Mission Locale ids chosen, as entered.
    perimeter_details = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField("message", blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "diffusion"

    def __str__(self):
        return f"{self.get_perimeter_display()} — {self.at:%d/%m/%Y}"


class Delivery(models.Model):
    """The opportunity as received by one Mission Locale: when it arrived, when its CREs first read it, by whom.

    "Read" for the Mission Locale means read by one of its CREs or by its named referent for the publisher
    (those who relay offers to the counsellors); every person's own reading is a DeliveryReading.
    """

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="deliveries")
    mission_locale = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="received_opportunities"
    )
    # The diffusion that first reached this Mission Locale; a later diffusion to the same ML adds no row.
    diffusion = models.ForeignKey(Diffusion, on_delete=models.CASCADE, related_name="deliveries")
    delivered_at = models.DateTimeField("reçue le")
    first_read_at = models.DateTimeField("lue par un CRE pour la première fois le", null=True, blank=True)
    first_read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="lue par",
    )

    class Meta:
        ordering = ["mission_locale__name"]
        verbose_name = "réception par une Mission Locale"
        verbose_name_plural = "réceptions par les Missions Locales"
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "mission_locale"], name="one_delivery_per_ml")
        ]
        indexes = [models.Index(fields=["mission_locale", "delivered_at"])]

    def __str__(self):
        return f"{self.opportunity_id} → {self.mission_locale_id}"


class DeliveryReading(models.Model):
    """One person's first opening of an opportunity received by their Mission Locale."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="readings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField("lue le")

    class Meta:
        verbose_name = "lecture d'une opportunité reçue"
        verbose_name_plural = "lectures des opportunités reçues"
        constraints = [models.UniqueConstraint(fields=["delivery", "user"], name="one_reading_per_person")]
        indexes = [models.Index(fields=["user", "delivery"])]

    def __str__(self):
        return f"{self.delivery_id} lue par {self.user_id}"


class ConventionDiffusionSetting(models.Model):
    """Whether the partners of a convention may diffuse their own opportunities without the coordinator.

    The rule is deliberately simple: the setting of the opportunity's convention (or of the framework it
    declines) decides, and the partner diffuses only inside the convention's region (see perms).
    """

    convention = models.OneToOneField(Convention, on_delete=models.CASCADE, related_name="diffusion_setting")
    partners_may_diffuse = models.BooleanField(
        "les partenaires diffusent eux-mêmes leurs opportunités", default=False
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "règle de diffusion"
        verbose_name_plural = "règles de diffusion"

    def __str__(self):
        return f"Diffusion par les partenaires : {'oui' if self.partners_may_diffuse else 'non'}"


# The log of the lifecycle: one row per status change.
OpportunityTransition = TransitionLog.for_subject(Opportunity)
