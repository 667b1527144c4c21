"""Reference data (themes, the published criteria) is edited here by administrators; entries and
adoptions can be inspected and corrected."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Adoption, Criterion, Entry, Theme


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "is_mandatory", "is_active", "order"]
    list_filter = ["is_mandatory", "is_active"]


@admin.register(Entry)
class EntryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "status", "outcome", "published_at"]
    list_filter = ["status", "outcome", "evaluation"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["partnership", "author"]


@admin.register(Adoption)
class AdoptionAdmin(SimpleHistoryAdmin):
    list_display = ["entry", "partnership", "result", "started_on"]
    raw_id_fields = ["entry", "partnership", "recorded_by"]
