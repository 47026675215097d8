"""Positionings of young people on opportunities, their workflow, and its log (C5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from relais.core.models import TransitionLog
from relais.core.workflows import DomainError
from relais.jobs.models import ContractType
from relais.opportunities.models import Opportunity
from relais.organizations.models import Organization
from relais.positionings.enums import (
    OPEN_STATUSES,
    NotRetainedReason,
    PositioningStatus,
)
from relais.youths.models import Youth

S = PositioningStatus

# Who may fire a transition: staff of the youth's Mission Locale, the ML's referent for the partner
# (or its CREs when none is named), the partner that published the opportunity; the platform itself is
# relais.core.workflows.SYSTEM.
COUNSELLOR = "counsellor"
REFERENT = "referent"
PARTNER = "partner"


class PositioningError(DomainError):
    """A workflow rule was broken (impossible transition, missing outcome field...); the message is French."""


ANONYMISED_YOUTH = "Jeune anonymisé"


class Positioning(models.Model):
    # Deleting (anonymising) the young person keeps the row and its countable facts below: counts stay right.
    youth = models.ForeignKey(
        Youth,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positionings",
        verbose_name="jeune",
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.PROTECT, related_name="positionings", verbose_name="opportunité"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="proposé par",
    )
    status = models.CharField(
        "statut", max_length=20, choices=PositioningStatus.choices, default=S.PROPOSED, db_index=True
    )
    motivation = models.TextField("argumentaire du conseiller", blank=True)
    availability = models.CharField("disponibilité du jeune", max_length=200, blank=True)
    # The reason of the last send-back, cancellation or withdrawal, shown to the counsellor.
    reason = models.TextField("motif", blank=True)
    # The milestones of the pipeline, stamped by the proposal and the workflow's moves (lifecycle.py): lists and
    # reminders read them, and the delays are computed from them in the database (selectors.positioning_delays)
    # rather than from the transition log. `proposed_at` is the last (re)proposal, `first_proposed_at` the
    # first; a candidacy is transmitted once, `answered_at` is the first answer, and an entry (hired, training,
    # immersion) is a final status, dated by `closed_at`.
    proposed_at = models.DateTimeField("proposé le")
    first_proposed_at = models.DateTimeField("proposé pour la première fois le", null=True, blank=True)
    transmitted_at = models.DateTimeField("transmis le", null=True, blank=True)
    answered_at = models.DateTimeField("réponse du partenaire le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("dernière relance envoyée le", null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField("relances envoyées", default=0)
    closed_at = models.DateTimeField("clos le", null=True, blank=True)
    interview_at = models.DateTimeField("entretien ou information collective le", null=True, blank=True)
    # Outcome.
    contract_type = models.ForeignKey(
        ContractType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="type de contrat",
    )
    start_date = models.DateField("date d'entrée", null=True, blank=True)
    weekly_hours = models.DecimalField(
        "durée hebdomadaire (heures)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    training_entry_date = models.DateField("date d'entrée en formation ou POE", null=True, blank=True)
    # The last day of the contract or training, once known: until then the outcome is current (outcomes.py).
    outcome_end_date = models.DateField("fin du contrat ou de la formation", null=True, blank=True)
    not_retained_reason = models.CharField(
        "motif de non-retenue", max_length=30, choices=NotRetainedReason.choices, blank=True
    )
    # Countable facts of the young person at proposal time (facts.countable_facts_of): scoping and counts read
    # these, never the youth's record, so that they survive its anonymisation. ROME: through the opportunity.
    mission_locale = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="Mission Locale"
    )
    youth_ref = models.PositiveBigIntegerField("numéro du jeune", db_index=True)
    youth_birth_year = models.PositiveSmallIntegerField("année de naissance du jeune")
    youth_qpv_resident = models.BooleanField("résident QPV", default=False)
    youth_rqth = models.BooleanField("RQTH", default=False)
    youth_cej_beneficiary = models.BooleanField("bénéficiaire du CEJ", default=False)
    youth_school_dropout = models.BooleanField("décrocheur scolaire", default=False)
    youth_no_diploma = models.BooleanField("sans diplôme", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = "positionnement"
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "opportunity"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="one_open_positioning_per_youth_and_opportunity",
                violation_error_message="Ce jeune est déjà positionné sur cette opportunité.",
            )
        ]
        indexes = [
            models.Index(fields=["status", "transmitted_at"]),
            models.Index(fields=["opportunity", "status"]),
            # The referent's queue and the counsellor's list: one Mission Locale's rows, in the order shown.
            models.Index(fields=["mission_locale", "status", "proposed_at"]),
            models.Index(fields=["mission_locale", "proposed_at"]),
        ]

    def __str__(self):
        return f"Positionnement n°{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_anonymised(self) -> bool:
        return self.youth_id is None


# The log of the workflow: who moved what when (the delays read the milestone columns above, kept in step).
PositioningTransition = TransitionLog.for_subject(
    Positioning, indexes=[models.Index(fields=["positioning", "to_status"])]
)
