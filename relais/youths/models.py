"""The young people followed by a Mission Locale: the minimal record needed to position them (C6)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from relais.jobs.models import RomeTitle
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization, Person
from relais.territories.loading import fold
from relais.territories.models import Commune
from relais.youths.enums import ConsentScope, ImportStatus, QualificationLevel
from relais.youths.validation import identity_key as identity_key_of

MIN_AGE = 16
MAX_AGE = 25


def age_between(birth_date: datetime.date, on_date: datetime.date) -> int:
    """Age in full years on a date (someone born on 29 February turns one year older on 1 March)."""
    before_birthday = (on_date.month, on_date.day) < (birth_date.month, birth_date.day)
    return on_date.year - birth_date.year - int(before_birthday)


def validate_age_for_positioning(birth_date: datetime.date, on_date: datetime.date | None = None) -> None:
    """Raise a French ValidationError unless the person is 16 to 25 on the date (today by default)."""
    on_date = on_date or timezone.localdate()
    age = age_between(birth_date, on_date)
    if not MIN_AGE <= age <= MAX_AGE:
        raise ValidationError(
            "Le jeune doit avoir entre %(min)s et %(max)s ans au %(date)s (il a %(age)s ans).",
            code="age_out_of_range",
            params={"min": MIN_AGE, "max": MAX_AGE, "date": on_date.strftime("%d/%m/%Y"), "age": age},
        )


class Youth(models.Model):
    mission_locale = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="youths",
        verbose_name="Mission Locale",
        limit_choices_to={"kind": OrganizationKind.MISSION_LOCALE},
    )
    counsellor = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_youths",
        verbose_name="conseiller·ère",
    )
    imilo_id = models.CharField("identifiant I-Milo", max_length=30, null=True, blank=True)
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    # First and last name folded (accent-, case- and punctuation-blind), written with the names by the
    # services, so that the list's search works the same on SQLite and PostgreSQL.
    search_text = models.CharField(max_length=201, blank=True, editable=False, default="")
    # The folded identity (last name, first name, birth date; youths.validation.identity_key), written by the
    # services: unique within a Mission Locale, so that two posts of the same form cannot both create it.
    # NULL for the duplicates recorded before the rule (migration 0003 leaves them, unkeyed, to be merged).
    identity_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    birth_date = models.DateField("date de naissance")
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name="commune de résidence"
    )
    qualification_level = models.CharField(
        "niveau de qualification", max_length=20, choices=QualificationLevel.choices, blank=True
    )
    qpv_resident = models.BooleanField("résident QPV", default=False)
    rqth = models.BooleanField("RQTH", default=False)
    cej_beneficiary = models.BooleanField("bénéficiaire du CEJ", default=False)
    school_dropout = models.BooleanField("décrocheur scolaire", default=False)
    no_diploma = models.BooleanField("sans diplôme", default=False)
    driving_licence = models.BooleanField("permis de conduire", default=False)
    has_vehicle = models.BooleanField("véhicule", default=False)
    max_distance_km = models.PositiveSmallIntegerField("distance maximale (km)", null=True, blank=True)
    sought_titles = models.ManyToManyField(
        RomeTitle, blank=True, related_name="youths", verbose_name="métiers recherchés"
    )
    # Contact details are only shared with partners under the "identity_and_contact" consent scope.
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    consent_given_at = models.DateField("consentement au partage recueilli le", null=True, blank=True)
    consent_scope = models.CharField(
        "périmètre du consentement", max_length=30, choices=ConsentScope.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField("archivé le", null=True, blank=True)
    # Retention (relais/youths/retention.py): the last import naming this record (changed or not) counts as
    # activity; the notice of the coming anonymisation, written without touching updated_at.
    last_imported_at = models.DateTimeField("dernier import le", null=True, blank=True, editable=False)
    retention_notice_at = models.DateTimeField(
        "avis d'anonymisation envoyé le", null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = "jeune"
        verbose_name_plural = "jeunes"
        constraints = [
            models.UniqueConstraint(
                fields=["mission_locale", "imilo_id"],
                condition=Q(imilo_id__isnull=False) & ~Q(imilo_id=""),
                name="youth_imilo_id_unique_per_ml",
            ),
            models.UniqueConstraint(
                fields=["mission_locale", "identity_key"],
                condition=Q(identity_key__isnull=False),
                name="youth_identity_unique_per_ml",
            ),
            # A consent without a scope (or the reverse) would make sharing ambiguous.
            models.CheckConstraint(
                condition=(Q(consent_given_at__isnull=True) & Q(consent_scope=""))
                | (Q(consent_given_at__isnull=False) & ~Q(consent_scope="")),
                name="youth_consent_date_and_scope_together",
            ),
        ]
        indexes = [
            models.Index(fields=["mission_locale", "archived_at", "last_name"]),
            models.Index(fields=["mission_locale", "last_name", "first_name", "birth_date"]),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def refresh_search_text(self) -> str:
        self.search_text = fold(f"{self.first_name} {self.last_name}")
        return self.search_text

    def refresh_identity_key(self) -> str | None:
        self.identity_key = identity_key_of(self.last_name, self.first_name, self.birth_date)
        return self.identity_key

    def age_on(self, on_date: datetime.date) -> int:
        return age_between(self.birth_date, on_date)

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def sharing_allowed(self, on_date: datetime.date | None = None) -> bool:
        """Whether partners may see this young person at all (recorded consent, not archived)."""
        on_date = on_date or timezone.localdate()
        return (
            self.archived_at is None
            and self.consent_given_at is not None
            and self.consent_given_at <= on_date
            and self.consent_scope in ConsentScope.values
        )

    def contact_sharing_allowed(self, on_date: datetime.date | None = None) -> bool:
        return self.sharing_allowed(on_date) and self.consent_scope == ConsentScope.IDENTITY_AND_CONTACT


class YouthImport(models.Model):
    """One confirmed import of young people, run by the job queue: its progress, then its counts or its errors.

    The file stays in the private storage (`upload_token`) until the job has read it. `errors` holds the
    row-by-row report of a refused import as [row, column, message] (messages name columns and values of
    the file's cells, never a person)."""

    mission_locale = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=100, blank=True)
    upload_token = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "import de jeunes"
        verbose_name_plural = "imports de jeunes"

    def __str__(self):
        return f"Import n°{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
