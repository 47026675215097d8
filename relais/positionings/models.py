"""Positionings of young people on opportunities, their workflow, and its log (C5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from relais.core.workflows import DomainError, Transition, transition_table
from relais.jobs.models import ContractType
from relais.opportunities.models import Opportunity
from relais.positionings.enums import (
    OPEN_STATUSES,
    NotificationEvent,
    NotRetainedReason,
    PositioningStatus,
)
from relais.youths.models import Youth

S = PositioningStatus

# Who may fire a transition: staff of the youth's Mission Locale, the ML's referent for the partner
# (or its CREs when none is named), the partner that published the opportunity, or the platform itself.
COUNSELLOR = "counsellor"
REFERENT = "referent"
PARTNER = "partner"
SYSTEM = "system"


class PositioningError(DomainError):
    """A workflow rule was broken (impossible transition, missing outcome field...); the message is French."""


_AFTER_TRANSMISSION = frozenset({S.TRANSMITTED, S.ACKNOWLEDGED, S.INTERVIEW_PLANNED})
_OUTCOME_SOURCES = _AFTER_TRANSMISSION

TRANSITIONS = transition_table(
    Transition("propose", frozenset(), S.PROPOSED, "Proposer", actors=frozenset({COUNSELLOR})),
    Transition(
        "repropose", frozenset({S.RETURNED}), S.PROPOSED, "Proposer à nouveau", actors=frozenset({COUNSELLOR})
    ),
    Transition(
        "transmit",
        frozenset({S.PROPOSED}),
        S.TRANSMITTED,
        "Valider et transmettre au partenaire",
        actors=frozenset({REFERENT}),
        notifies=NotificationEvent.TRANSMISSION,
    ),
    Transition(
        "send_back",
        frozenset({S.PROPOSED}),
        S.RETURNED,
        "Renvoyer au conseiller",
        actors=frozenset({REFERENT}),
        notifies=NotificationEvent.RETURNED,
    ),
    Transition(
        "acknowledge",
        frozenset({S.TRANSMITTED}),
        S.ACKNOWLEDGED,
        "Accuser réception",
        actors=frozenset({PARTNER}),
        notifies=NotificationEvent.PARTNER_ANSWER,
    ),
    Transition(
        "plan_interview",
        _AFTER_TRANSMISSION,
        S.INTERVIEW_PLANNED,
        "Planifier un entretien ou une information collective",
        actors=frozenset({PARTNER}),
        notifies=NotificationEvent.PARTNER_ANSWER,
    ),
    Transition(
        "hire",
        _OUTCOME_SOURCES,
        S.HIRED,
        "Enregistrer un recrutement",
        actors=frozenset({PARTNER}),
        notifies=NotificationEvent.OUTCOME,
    ),
    Transition(
        "enter_training",
        _OUTCOME_SOURCES,
        S.ENTERED_TRAINING,
        "Enregistrer une entrée en formation ou en POE",
        actors=frozenset({PARTNER}),
        notifies=NotificationEvent.OUTCOME,
    ),
    Transition(
        "complete_immersion",
        _OUTCOME_SOURCES,
        S.IMMERSION_COMPLETED,
        "Enregistrer une immersion réalisée",
        actors=frozenset({PARTNER}),
        notifies=NotificationEvent.OUTCOME,
    ),
    Transition(
        "not_retain",
        _OUTCOME_SOURCES,
        S.NOT_RETAINED,
        "Candidature non retenue",
        actors=frozenset({PARTNER}),
        notifies=NotificationEvent.OUTCOME,
    ),
    Transition(
        "withdraw",
        OPEN_STATUSES,
        S.WITHDRAWN,
        "Désistement du jeune",
        actors=frozenset({COUNSELLOR, REFERENT, PARTNER}),
        notifies=NotificationEvent.OUTCOME,
    ),
    Transition(
        "cancel",
        OPEN_STATUSES,
        S.CANCELLED,
        "Annuler le positionnement",
        actors=frozenset({COUNSELLOR, REFERENT, SYSTEM}),
        notifies=NotificationEvent.OUTCOME,
    ),
    Transition(
        "expire",
        frozenset({S.TRANSMITTED}),
        S.EXPIRED,
        "Expirer faute de réponse",
        actors=frozenset({SYSTEM}),
    ),
)


class Positioning(models.Model):
    youth = models.ForeignKey(
        Youth, on_delete=models.CASCADE, related_name="positionings", verbose_name="jeune"
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
    # The reason of the last send-back, cancellation or withdrawal, shown to the counsellor.
    reason = models.TextField("motif", blank=True)
    # Dates the pipeline needs often (lists, reminders); the transition log stays the source of delays.
    proposed_at = models.DateTimeField("proposé le")
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
    not_retained_reason = models.CharField(
        "motif de non-retenue", max_length=30, choices=NotRetainedReason.choices, blank=True
    )
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
        ]

    def __str__(self):
        return f"Positionnement n°{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def allowed_transitions(self) -> list[Transition]:
        return [t for t in TRANSITIONS.values() if self.status in t.sources]


class PositioningTransition(models.Model):
    """The log of the workflow: one row per status change (the delays are computed from it)."""

    positioning = models.ForeignKey(Positioning, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=PositioningStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PositioningStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "changement de statut"
        verbose_name_plural = "historique des statuts"
        indexes = [models.Index(fields=["positioning", "to_status"])]

    def __str__(self):
        return f"{self.positioning} : {self.from_status or '—'} → {self.to_status}"
