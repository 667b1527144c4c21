from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agency, AgencyType, Membership, Partnership, Region


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ons_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "ons_code"]
    inlines = [MembershipInline]


@admin.register(AgencyType)
class AgencyTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_responsible_authority", "is_svd_specified_authority", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agency_type", "site_code"]
    list_filter = ["agency_type"]
    search_fields = ["name", "site_code"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "agency"]
    list_filter = ["partnership__region"]
    search_fields = ["partnership__name", "agency__name"]
    autocomplete_fields = ["partnership", "agency"]
