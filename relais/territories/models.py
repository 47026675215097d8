"""Administrative geography from the INSEE COG: regions, departments, EPCI, communes, QPV."""

from django.db import models


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = "région"

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        ordering = ["code"]
        verbose_name = "département"

    def __str__(self):
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    code = models.CharField("SIREN", max_length=9, unique=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=10)

    class Meta:
        ordering = ["name"]
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"

    def __str__(self):
        return self.name


class Commune(models.Model):
    class Kind(models.TextChoices):
        CURRENT = "current", "Commune"
        DELEGATED = "delegated", "Commune déléguée"
        ASSOCIATED = "associated", "Commune associée"
        ARRONDISSEMENT = "arrondissement", "Arrondissement municipal"

    # A delegated or associated commune shares its INSEE code with its chef-lieu, so the key is (code, kind).
    code = models.CharField("code INSEE", max_length=5, db_index=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.CURRENT)
    name = models.CharField("nom", max_length=150)
    # Accent- and case-blind form of the name, filled by the COG loader, for prefix search on every backend.
    search_name = models.CharField(max_length=150, blank=True, db_index=True, editable=False)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="Commune de rattachement d'une commune déléguée, associée ou d'un arrondissement.",
    )
    epci = models.ForeignKey(Epci, null=True, blank=True, on_delete=models.SET_NULL, related_name="communes")
    postal_codes = models.JSONField("codes postaux", default=list, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Set by the COG loader when the commune is no longer in the COG (merged, renumbered): the row stays, for
    # the records that point at it, but it is offered nowhere any more.
    retired = models.BooleanField("retirée du COG", default=False, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["code", "kind"], name="commune_code_kind_unique")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_current(self) -> bool:
        return self.kind == self.Kind.CURRENT and not self.retired


class Qpv(models.Model):
    """Priority neighbourhood (quartier prioritaire), imported from an operator-supplied CSV."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField("nom", max_length=200)
    communes = models.ManyToManyField(Commune, related_name="qpvs", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "QPV"
        verbose_name_plural = "QPV"

    def __str__(self):
        return f"{self.name} ({self.code})"
