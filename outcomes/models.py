"""Outcome indicators, the figures recorded for them, population, and targets per priority.

See ../shared/DOMAIN.md "Outcome indicators". A figure is a count for the period (police
recorded crime, ISTV attendances) or a share of respondents (a survey); rates per 1,000 are
worked out from the count and the partnership's population for the year, never stored.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from core import clock

from . import periods


class Unit(models.TextChoices):
    PER_1000 = "per_1000", "per 1,000 residents"
    PERCENT = "percent", "% of respondents"


class Source(models.TextChoices):
    RECORDED_CRIME = "recorded_crime", "Police recorded crime (ONS table by CSP)"
    ISTV = "istv", "Emergency-department ISTV returns in the portal"
    SURVEY = "survey", "Local survey, entered by the partnership"


class PeriodType(models.TextChoices):
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"


class Indicator(models.Model):
    """An outcome indicator: reference data, edited by administrators."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=150, unique=True)
    unit = models.CharField(max_length=12, choices=Unit.choices)
    lower_is_better = models.BooleanField(
        "lower is better", default=True, help_text="Untick where a rise is the improvement"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    how_counted = models.TextField("how it is counted")
    ons_column = models.CharField(
        "ONS offence-group column",
        max_length=100,
        blank=True,
        help_text="For recorded crime: the column of the ONS table the counts are read from",
    )
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_rate(self) -> bool:
        return self.unit == Unit.PER_1000


class Figure(models.Model):
    """One partnership's value for one indicator and one month or quarter.

    `value` is the count of the period for a rate indicator, and the percentage for a survey.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="outcome_figures"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="figures")
    period_type = models.CharField(max_length=8, choices=PeriodType.choices)
    period_start = models.DateField("period start")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    sample_size = models.PositiveIntegerField(
        null=True, blank=True, help_text="Surveys: how many people answered"
    )
    source_note = models.CharField("source", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__order", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "indicator", "period_type", "period_start"],
                name="outcome_figure_once_per_period",
            )
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start"], name="outcome_figure_when"),
            models.Index(
                fields=["indicator", "period_type", "period_start"], name="outcome_figure_latest"
            ),
            # Twelve-month sums over many partnerships read only these columns.
            models.Index(
                fields=["partnership", "period_start"],
                include=["indicator", "period_type", "value"],
                name="outcome_figure_sums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} for {self.partnership}, {self.period_label}"

    @property
    def period_end(self) -> date:
        return periods.period_end(self.period_start, months=self.months)

    @property
    def months(self) -> int:
        return 3 if self.period_type == PeriodType.QUARTER else 1

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period_start, months=self.months)


class Population(models.Model):
    """A partnership's resident population for a year (ONS mid-year estimate)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    population = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    source_note = models.CharField("source", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="population_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.partnership} mid-{self.year}: {self.population:,}"


class Target(models.Model):
    """What a priority aims to change in an indicator: from a baseline year to a target date.

    The baseline is the 12 months ending on `baseline_end`; the target is a change in per cent
    (negative: down) of the rolling 12 months ending at or before `target_date`.
    """

    priority = models.ForeignKey(
        "partnerships.Priority", on_delete=models.CASCADE, related_name="outcome_targets"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    baseline_end = models.DateField("baseline: the 12 months ending")
    target_change = models.DecimalField(
        "target change (%)",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(-100), MaxValueValidator(1000)],
    )
    target_date = models.DateField("by")
    history = HistoricalRecords()

    class Meta:
        ordering = ["target_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "indicator"], name="outcome_target_once_per_indicator"
            )
        ]

    def __str__(self) -> str:
        direction = "down" if self.target_change < 0 else "up"
        return (
            f"{self.indicator} {direction} {abs(self.target_change)}% by {self.target_date:%B %Y}"
        )
