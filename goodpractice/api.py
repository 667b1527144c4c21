"""REST API for good practice: entries readable as on the pages (every published entry, and the
unpublished ones of your own partnerships and of the regions you review); writers of a
partnership start drafts, change them while they are drafts (or changes were asked for) and
submit them for moderation, through goodpractice.services, so the same checks, notifications
and history apply."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from core.api import StrictModelSerializer, django_validation_error_to_drf, require_perm
from core.api_filters import IdFilter, IdListFilter
from partnerships.models import Partnership

from . import selectors, services
from .models import Entry, Theme


class EntrySerializer(StrictModelSerializer):
    partnership = serializers.PrimaryKeyRelatedField(queryset=Partnership.objects.none())
    themes = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), many=True, required=False
    )

    class Meta:
        model = Entry
        fields = [
            "id",
            "partnership",
            "status",
            "themes",
            *services.ENTRY_FIELDS,
            "created_at",
            "updated_at",
            "submitted_at",
            "published_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "created_at",
            "updated_at",
            "submitted_at",
            "published_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["partnership"].queryset = selectors.writable_partnerships(user=request.user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["partnership"].read_only = True


class EntryFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    partnership = IdFilter(field_name="partnership_id")

    class Meta:
        model = Entry
        fields = ["status"]


def _service(call, **kwargs):
    try:
        return call(**kwargs)
    except DjangoValidationError as error:
        raise django_validation_error_to_drf(error) from error


class EntryViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Good-practice entries you may read: every published one, and the drafts and submissions
    of your partnerships and of the regions you review. Writers of a partnership start drafts,
    change them while they are editable, and submit them for moderation."""

    serializer_class = EntrySerializer
    filterset_class = EntryFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    queryset = Entry.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Entry.objects.none()
        return (
            selectors.entries_visible_to(user=self.request.user)
            .select_related("partnership__region")
            .prefetch_related("themes")
            .order_by("-updated_at", "-id")
        )

    def _fresh(self, entry):
        return self.get_serializer(self.get_queryset().get(pk=entry.pk)).data

    def create(self, request, *args, **kwargs):
        require_perm(
            request.user,
            "goodpractice.add_entry",
            message="Only people who work in a partnership write good practice",
        )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        entry = _service(
            services.entry_create,
            user=request.user,
            partnership=data.pop("partnership"),
            themes=data.pop("themes", None),
            **data,
        )
        return Response(self._fresh(entry), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        entry = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        require_perm(
            request.user,
            "goodpractice.change_entry",
            entry,
            "Only writers of the entry's partnership change it, and only while it is "
            "a draft or changes were asked for",
        )
        serializer = self.get_serializer(
            entry, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        entry = _service(
            services.entry_update,
            entry=entry,
            user=request.user,
            themes=data.pop("themes", None),
            **data,
        )
        return Response(self._fresh(entry))

    @extend_schema(request=None, responses={200: EntrySerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a complete draft to the region's reviewers for moderation."""
        entry = get_object_or_404(self.get_queryset(), pk=pk)
        require_perm(
            request.user,
            "goodpractice.submit_entry",
            entry,
            "Only writers of the entry's partnership submit it, and only while it is "
            "a draft or changes were asked for",
        )
        entry = _service(services.entry_submit, entry=entry, user=request.user)
        return Response(self._fresh(entry))
