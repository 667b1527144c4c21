"""Reference data (prescribed datasets, ISTV code lists) is edited here by administrators."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    AgreementParty,
    Delivery,
    IstvLocationType,
    IstvMethod,
    IstvReturn,
    PrescribedDataset,
    ReminderSent,
    SignOff,
)


@admin.register(PrescribedDataset)
class PrescribedDatasetAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "code",
        "source",
        "expected_frequency",
        "is_health",
        "is_active",
        "order",
    ]
    list_filter = ["source", "expected_frequency", "is_health", "is_active"]
    search_fields = ["name", "code", "description"]
    filter_horizontal = ["owner_agency_types"]


@admin.register(IstvMethod, IstvLocationType)
class IstvCodeAdmin(SimpleHistoryAdmin):
    list_display = [
        "label",
        "code",
        "is_locally_defined",
        "needs_description",
        "is_active",
        "order",
    ]
    list_filter = ["is_active", "is_locally_defined"]
    search_fields = ["label", "code"]


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    raw_id_fields = ["agency"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "partnership", "status", "review_date", "publish"]
    list_filter = ["status", "publish"]
    search_fields = ["reference", "title"]
    raw_id_fields = ["partnership", "superseded_by", "created_by"]
    inlines = [PartyInline]
    exclude = ["signed_copy"]


@admin.register(SignOff)
class SignOffAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "party", "terms_version", "signed_by", "signed_at"]
    raw_id_fields = ["agreement", "party", "signed_by"]


@admin.register(Delivery)
class DeliveryAdmin(SimpleHistoryAdmin):
    list_display = [
        "dataset",
        "agency",
        "partnership",
        "period_start",
        "period_end",
        "received_on",
        "record_count",
    ]
    raw_id_fields = ["partnership", "agency", "agreement", "recorded_by"]


@admin.register(IstvReturn)
class IstvReturnAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "site_code", "period_start", "period_end", "row_count", "uploaded_at"]
    raw_id_fields = ["agency", "uploaded_by"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "user", "due_date", "days_before", "sent_at"]
    search_fields = ["key"]
    raw_id_fields = ["agreement", "user"]
