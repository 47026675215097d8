"""Mentors ("parrains", "ambassadeurs des métiers") and the mentorships they lead, with meetings and follow-ups."""

from django.conf import settings
from django.db import models

from relais.conventions.models import Axis, Convention
from relais.core.models import TransitionLog
from relais.core.workflows import DomainError
from relais.jobs.models import ContractType, RomeFamily
from relais.mentoring.enums import (
    OUTCOME_CHOICES,
    EndReason,
    FollowUpKind,
    MentorshipKind,
    MentorshipStatus,
    WorkingStatus,
)
from relais.organizations.models import Organization, Person
from relais.territories.models import Department
from relais.youths.models import Youth

# Who acts on a mentorship: staff of its Mission Locale, staff of the mentor's supervising structure; the
# platform itself is relais.core.workflows.SYSTEM.
MISSION_LOCALE = "mission_locale"
SUPERVISOR = "supervisor"
ANONYMISED_YOUTH = "Jeune anonymisé"


class MentoringError(DomainError):
    """A mentoring rule was broken (impossible transition, missing end reason...); the message is French."""


class Mentor(models.Model):
    """A professional who mentors young people or speaks about their trade; supervised by one structure."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="mentor")
    employer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="employed_mentors"
    )
    employer_name = models.CharField("employeur", max_length=200, blank=True)
    employer_siret = models.CharField("SIRET de l'employeur", max_length=14, blank=True)
    working_status = models.CharField(
        "situation", max_length=10, choices=WorkingStatus.choices, default=WorkingStatus.ACTIVE
    )
    is_ambassador = models.BooleanField("ambassadeur des métiers", default=False)
    rome_families = models.ManyToManyField(RomeFamily, blank=True, related_name="+", verbose_name="métiers")
    departments = models.ManyToManyField(Department, blank=True, related_name="+", verbose_name="territoire")
    charter_accepted_on = models.DateField("charte du parrainage acceptée le", null=True, blank=True)
    supervisor = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="supervised_mentors", verbose_name="structure"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = "parrain ou ambassadeur"
        verbose_name_plural = "parrains et ambassadeurs"

    def __str__(self):
        return str(self.person)

    @property
    def employer_label(self) -> str:
        return str(self.employer) if self.employer_id else self.employer_name


class Mentorship(models.Model):
    """A mentor paired with one young person or with a group of a Mission Locale, under a convention.

    The Mission Locale, the department and the young person's priority-public flags at creation are kept on the
    row (relais.positionings.facts.countable_facts_of): the annual review counts from them, and they survive the
    young person's anonymisation (the youth key is then emptied).
    """

    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="mentorships", verbose_name="parrain"
    )
    kind = models.CharField("parrainage de", max_length=12, choices=MentorshipKind.choices)
    youth = models.ForeignKey(
        Youth,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentorships",
        verbose_name="jeune",
    )
    group_label = models.CharField("groupe", max_length=150, blank=True)
    group_size = models.PositiveSmallIntegerField("nombre de jeunes du groupe", null=True, blank=True)
    convention = models.ForeignKey(
        Convention, on_delete=models.PROTECT, related_name="mentorships", verbose_name="convention"
    )
    axis = models.ForeignKey(
        Axis, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentorships", verbose_name="axe"
    )
    goals = models.TextField("objectifs", blank=True)
    status = models.CharField(
        "statut",
        max_length=20,
        choices=MentorshipStatus.choices,
        default=MentorshipStatus.ONGOING,
        db_index=True,
    )
    started_on = models.DateField("début")
    planned_end_on = models.DateField("fin prévue")
    ended_on = models.DateField("fin", null=True, blank=True)
    end_reason = models.CharField("motif de fin", max_length=20, choices=EndReason.choices, blank=True)
    outcome = models.CharField(
        "situation du jeune à la fin", max_length=20, choices=OUTCOME_CHOICES, blank=True
    )
    contract_type = models.ForeignKey(
        ContractType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="type de contrat",
    )
    # Derived when it ends (lifecycle.py): ended before six months for another reason than its objective.
    broken_early = models.BooleanField("rompu avant six mois", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="créé par",
    )
    # Countable facts (see the class docstring).
    mission_locale = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="Mission Locale"
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="département",
    )
    youth_ref = models.PositiveBigIntegerField("numéro du jeune", null=True, blank=True, db_index=True)
    youth_birth_year = models.PositiveSmallIntegerField("année de naissance du jeune", null=True, blank=True)
    youth_qpv_resident = models.BooleanField("résident QPV", default=False)
    youth_rqth = models.BooleanField("RQTH", default=False)
    youth_cej_beneficiary = models.BooleanField("bénéficiaire du CEJ", default=False)
    youth_school_dropout = models.BooleanField("décrocheur scolaire", default=False)
    youth_no_diploma = models.BooleanField("sans diplôme", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "parrainage"
        indexes = [
            models.Index(fields=["mission_locale", "status"]),
            models.Index(fields=["status", "started_on"]),
        ]

    def __str__(self):
        return f"Parrainage n°{self.pk}"

    @property
    def is_group(self) -> bool:
        return self.kind == MentorshipKind.GROUP

    @property
    def is_anonymised(self) -> bool:
        return self.kind == MentorshipKind.INDIVIDUAL and self.youth_id is None


MentorshipTransition = TransitionLog.for_subject(Mentorship)


class Meeting(models.Model):
    """One meeting of the mentor with the young person or the group."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date de la rencontre")
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)")
    note = models.TextField("compte rendu", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "rencontre de parrainage"

    def __str__(self):
        return f"Rencontre du {self.held_on:%d/%m/%Y}"


class FollowUp(models.Model):
    """A follow-up interview due at one month, mid-way or at the end; reminded once to the ML counsellor."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField("entretien", max_length=12, choices=FollowUpKind.choices)
    due_on = models.DateField("prévu le")
    done_on = models.DateField("réalisé le", null=True, blank=True)
    note = models.TextField("compte rendu", blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "entretien de suivi"
        verbose_name_plural = "entretiens de suivi"
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "kind"], name="one_follow_up_of_each_kind"),
        ]
        indexes = [models.Index(fields=["done_on", "reminded_at", "due_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.due_on:%d/%m/%Y})"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
