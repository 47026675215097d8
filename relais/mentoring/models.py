"""Mentors ("parrains", "ambassadeurs des métiers") and the mentorships they lead."""

from django.db import models

from relais.jobs.models import RomeFamily
from relais.mentoring.enums import WorkingStatus
from relais.organizations.models import Organization, Person
from relais.territories.models import Department


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
