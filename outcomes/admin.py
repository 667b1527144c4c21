"""The indicator list is reference data, edited here by administrators."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Figure, Indicator, Population, Target


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "unit", "lower_is_better", "source", "is_active", "order"]
    list_filter = ["source", "unit", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Figure)
class FigureAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "indicator", "period_type", "period_start", "value"]
    list_filter = ["indicator", "period_type"]
    search_fields = ["partnership__name", "partnership__ons_code"]
    raw_id_fields = ["partnership", "recorded_by"]


@admin.register(Population)
class PopulationAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "year", "population"]
    search_fields = ["partnership__name", "partnership__ons_code"]
    raw_id_fields = ["partnership"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["priority", "indicator", "baseline_end", "target_change", "target_date"]
    raw_id_fields = ["priority"]
