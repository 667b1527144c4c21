"""REST API for communications, read only: the stories (with each agency's approval), coverage,
channels, calendar items and publicity budgets of the partnerships the user may read. Records
of other partnerships are not found (404), as on the pages."""

import django_filters
from rest_framework import serializers, viewsets

from core.api import StrictModelSerializer
from core.api_filters import BooleanFilter, IdFilter, IdListFilter
from partnerships.selectors import visible_partnership_ids

from .models import CalendarItem, Channel, Coverage, PublicityBudget, Story, StoryApproval


class ApprovalSerializer(StrictModelSerializer):
    class Meta:
        model = StoryApproval
        fields = ["agency", "approved_at"]


class StorySerializer(StrictModelSerializer):
    approvals = ApprovalSerializer(many=True, read_only=True)

    class Meta:
        model = Story
        fields = [
            "id",
            "partnership",
            "title",
            "facts",
            "body",
            "stage",
            "channel",
            "planned_on",
            "entry",
            "action",
            "indicator",
            "sent_for_approval_at",
            "issued_on",
            "created_at",
            "approvals",
        ]


class CoverageSerializer(StrictModelSerializer):
    outlet = serializers.CharField(read_only=True, help_text="The channel's name, or as typed")

    class Meta:
        model = Coverage
        fields = [
            "id",
            "partnership",
            "story",
            "channel",
            "outlet",
            "published_on",
            "headline",
            "url",
            "reach",
            "tone",
            "partnership_quoted",
        ]


class ChannelSerializer(StrictModelSerializer):
    class Meta:
        model = Channel
        # Contacts are people's details: they stay on the pages.
        fields = [
            "id",
            "partnership",
            "name",
            "kind",
            "frequency",
            "standing_slot",
            "reach",
            "is_active",
        ]


class CalendarItemSerializer(StrictModelSerializer):
    class Meta:
        model = CalendarItem
        fields = [
            "id",
            "partnership",
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "start_time",
            "location",
            "description",
            "story",
        ]


class PublicityBudgetSerializer(StrictModelSerializer):
    class Meta:
        model = PublicityBudget
        fields = ["id", "partnership", "action", "initiative", "total", "publicity"]


class _PartnershipFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    partnership = IdFilter(field_name="partnership_id")


class StoryFilter(_PartnershipFilter):
    class Meta:
        model = Story
        fields = ["id", "partnership", "stage"]


class CoverageFilter(_PartnershipFilter):
    story = IdFilter(field_name="story_id")

    class Meta:
        model = Coverage
        fields = {"tone": ["exact"], "published_on": ["gte", "lte"]}


class ChannelFilter(_PartnershipFilter):
    is_active = BooleanFilter(field_name="is_active")

    class Meta:
        model = Channel
        fields = ["id", "partnership", "kind", "is_active"]


class CalendarItemFilter(_PartnershipFilter):
    class Meta:
        model = CalendarItem
        fields = {"kind": ["exact"], "starts_on": ["gte", "lte"]}


class PublicityBudgetFilter(_PartnershipFilter):
    class Meta:
        model = PublicityBudget
        fields = ["id", "partnership"]


class _ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    """Records of the partnerships the user may read, in a stable order."""

    ordering = ("id",)

    def get_queryset(self):
        model = self.serializer_class.Meta.model
        if getattr(self, "swagger_fake_view", False):
            return model.objects.none()
        queryset = self.base_queryset().order_by(*self.ordering)
        ids = visible_partnership_ids(self.request.user)
        return queryset if ids is None else queryset.filter(partnership_id__in=ids)

    def base_queryset(self):
        return self.serializer_class.Meta.model.objects.all()


class StoryViewSet(_ScopedViewSet):
    """Stories of the partnerships you may read, newest first, with each named agency's
    approval (empty `approved_at`: still awaited)."""

    serializer_class = StorySerializer
    filterset_class = StoryFilter
    queryset = Story.objects.none()
    ordering = ("-created_at", "-id")

    def base_queryset(self):
        return Story.objects.prefetch_related("approvals")


class CoverageViewSet(_ScopedViewSet):
    """Coverage of the partnerships you may read, newest first, good news and bad."""

    serializer_class = CoverageSerializer
    filterset_class = CoverageFilter
    queryset = Coverage.objects.none()
    ordering = ("-published_on", "-id")

    def base_queryset(self):
        return Coverage.objects.select_related("channel")


class ChannelViewSet(_ScopedViewSet):
    """The channels (outlets and routes to the public) of the partnerships you may read."""

    serializer_class = ChannelSerializer
    filterset_class = ChannelFilter
    queryset = Channel.objects.none()
    ordering = ("partnership_id", "name", "id")


class CalendarItemViewSet(_ScopedViewSet):
    """Media briefings, campaigns and events of the partnerships you may read."""

    serializer_class = CalendarItemSerializer
    filterset_class = CalendarItemFilter
    queryset = CalendarItem.objects.none()
    ordering = ("starts_on", "id")


class PublicityBudgetViewSet(_ScopedViewSet):
    """The publicity share of each action's or initiative's budget."""

    serializer_class = PublicityBudgetSerializer
    filterset_class = PublicityBudgetFilter
    queryset = PublicityBudget.objects.none()
