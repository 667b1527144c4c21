"""REST API for funding: opportunities (read; everyone signed in, as the finder) and bids (read
for the partnership's readers; create and change for its manager) through funding.services, as
the pages do, so the same rules and history apply."""

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from accounts.models import User
from cdrp_portal.api import django_validation_error_to_drf
from cdrp_portal.api_filters import IdFilter, IdListFilter
from partnerships.models import Partnership, Priority
from partnerships.selectors import partnership_list, visible_partnership_ids

from . import selectors, services
from .models import Bid, Opportunity


class OpportunitySerializer(serializers.ModelSerializer):
    funder_name = serializers.CharField(source="funder.name", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Opportunity
        fields = [
            "id", "title", "programme", "funder", "funder_name", "description", "themes",
            "is_national", "regions", "partnerships", "min_award", "max_award", "total_pot",
            "opens_at", "closes_at", "decision_on", "period_start", "period_end",
            "match_funding_required",
        ]


class OpportunityFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    funder = IdFilter(field_name="funder_id")

    class Meta:
        model = Opportunity
        fields = {"is_national": ["exact"], "closes_at": ["gte", "lte"],
                  "opens_at": ["gte", "lte"]}


class OpportunityViewSet(viewsets.ReadOnlyModelViewSet):
    """Funding opportunities: every signed-in user may read them all, as in the finder."""

    serializer_class = OpportunitySerializer
    filterset_class = OpportunityFilter

    queryset = Opportunity.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Opportunity.objects.none()
        return (selectors.opportunity_detail(user=self.request.user)
                .order_by("closes_at", "id"))


class BidSerializer(serializers.ModelSerializer):
    partnership = serializers.PrimaryKeyRelatedField(queryset=Partnership.objects.none())
    opportunity = serializers.PrimaryKeyRelatedField(queryset=Opportunity.objects.all())
    lead_officer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), allow_null=True, required=False
    )
    priority = serializers.PrimaryKeyRelatedField(
        queryset=Priority.objects.all(), allow_null=True, required=False
    )
    amount_requested = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, allow_null=True, required=False
    )
    amount_awarded = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, allow_null=True, required=False
    )
    staff_days = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=0, max_value=5000, required=False, default=0
    )

    class Meta:
        model = Bid
        fields = [
            "id", "partnership", "opportunity", "status", "lead_officer", "amount_requested",
            "amount_awarded", "staff_days", "priority", "notes", "submitted_on", "decided_on",
            "created_at",
        ]
        read_only_fields = ["id", "status", "submitted_on", "decided_on", "created_at"]
        validators = []  # funding.services.bid_create checks one bid per opportunity

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["partnership"].queryset = partnership_list(user=request.user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # A bid's partnership and opportunity are fixed once it exists.
            self.fields["partnership"].read_only = True
            self.fields["opportunity"].read_only = True


class BidFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    partnership = IdFilter(field_name="partnership_id")
    opportunity = IdFilter(field_name="opportunity_id")

    class Meta:
        model = Bid
        fields = ["status"]


class BidViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                 viewsets.ReadOnlyModelViewSet):
    """Bids of the partnerships you may read; a partnership's manager starts and changes them.
    Bids of other partnerships are not found (404)."""

    serializer_class = BidSerializer
    filterset_class = BidFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    queryset = Bid.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Bid.objects.none()
        qs = selectors.bid_detail_queryset().order_by("-created_at", "-id")
        ids = visible_partnership_ids(self.request.user)
        return qs if ids is None else qs.filter(partnership_id__in=ids)

    def _call(self, service, **kwargs):
        try:
            return service(user=self.request.user, **kwargs)
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(error) from error
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(
                "Only the partnership's manager may do this") from error

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("amount_awarded", None)
        bid = self._call(services.bid_create, **data)
        return Response(self.get_serializer(bid).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        bid = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        partial = kwargs.get("partial", False)
        serializer = self.get_serializer(bid, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        fields = ["lead_officer", "amount_requested", "amount_awarded", "staff_days",
                  "priority", "notes"]
        values = {name: serializer.validated_data.get(name, getattr(bid, name))
                  for name in fields}
        bid = self._call(services.bid_update, bid=bid, **values)
        return Response(self.get_serializer(bid).data)
