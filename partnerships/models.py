"""The records that scope everything: regions, partnerships, agencies and memberships."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

ons_region_code = RegexValidator(
    r"^(E12|W92)\d{6}$", "Enter an ONS region code like E12000001, or W92000004 for Wales"
)
ons_partnership_code = RegexValidator(
    r"^(E22|W14)\d{6}$", "Enter an ONS community safety partnership code like E22000001 or W14000001"
)


class Region(models.Model):
    """One of the nine English regions, or Wales."""

    code = models.CharField("ONS code", max_length=9, unique=True, validators=[ons_region_code])
    name = models.CharField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:region-detail", kwargs={"code": self.code})


class Partnership(models.Model):
    """A crime and disorder reduction partnership (community safety partnership)."""

    name = models.CharField(max_length=200)
    ons_code = models.CharField(
        "ONS CSP code", max_length=9, unique=True, validators=[ons_partnership_code]
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="partnerships")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership-detail", kwargs={"code": self.ons_code})


class AgencyType(models.Model):
    """A kind of agency. Knows whether it is a statutory responsible authority."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    is_responsible_authority = models.BooleanField(
        "statutory responsible authority", default=False
    )
    is_svd_specified_authority = models.BooleanField(
        "Serious Violence Duty specified authority", default=False
    )
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """An organisation that takes part in one or more partnerships."""

    name = models.CharField(max_length=200)
    agency_type = models.ForeignKey(AgencyType, on_delete=models.PROTECT, related_name="agencies")
    site_code = models.CharField(
        "site code",
        max_length=12,
        blank=True,
        help_text="For a hospital emergency department: its site code (3 to 12 characters)",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["name", "agency_type"], name="agency_unique_name_type")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """An agency's membership of a partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "agency"], name="membership_unique_partnership_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} in {self.partnership}"
