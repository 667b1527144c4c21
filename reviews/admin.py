from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BenefitShare, UnitCost


@admin.register(UnitCost)
class UnitCostAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cost", "price_year", "source"]


@admin.register(BenefitShare)
class BenefitShareAdmin(SimpleHistoryAdmin):
    list_display = ["beneficiary", "amount", "source"]
