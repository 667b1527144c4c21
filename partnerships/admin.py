from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Action,
    Agency,
    AgencyType,
    Attendance,
    Contact,
    Document,
    Group,
    Meeting,
    Membership,
    Partnership,
    Priority,
    Region,
)

# Uploaded files (logos, documents) are private: the admin neither shows links to them nor
# takes uploads; people use the permission-checked pages of the portal for both.


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency"]
    fields = ["agency", "strategic", "tactical", "operational", "joined_on", "status"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ons_code", "region", "police_force_area", "most_similar_group"]
    list_filter = ["region", "structure", "analytical_capacity"]
    search_fields = ["name", "ons_code", "most_similar_group"]
    exclude = ["logo"]
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


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "agency", "strategic", "tactical", "operational", "status"]
    list_filter = ["partnership__region", "status"]
    search_fields = ["partnership__name", "agency__name"]
    autocomplete_fields = ["partnership", "agency"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "membership", "level", "deputy_name", "confirmed_on"]
    list_filter = ["level"]
    search_fields = ["name", "email", "membership__agency__name", "membership__partnership__name"]
    raw_id_fields = ["membership"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["membership"]


@admin.register(Group)
class GroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "partnership__name"]
    raw_id_fields = ["partnership", "chair"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["group", "held_on"]
    search_fields = ["group__name", "group__partnership__name"]
    raw_id_fields = ["group"]
    inlines = [AttendanceInline]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "published_on", "review_due_on"]
    list_filter = ["kind", "is_joint_with_police"]
    search_fields = ["title", "partnership__name"]
    exclude = ["file"]
    readonly_fields = ["original_filename", "file_size"]
    raw_id_fields = ["partnership"]


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership"]
    search_fields = ["title", "partnership__name"]
    raw_id_fields = ["partnership"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "owner", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "partnership__name", "owner__name"]
    raw_id_fields = ["partnership", "owner", "priority"]
