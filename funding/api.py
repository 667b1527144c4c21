"""REST API for funding: opportunities (read; everyone signed in, as the finder) and bids (read
for the partnership's readers; create and change for its manager) through funding.services, as
the pages do, so the same rules and history apply."""

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from accounts.models import User
from core.api import (
    StrictModelSerializer,
    ValuesListMixin,
    django_validation_error_to_drf,
    represent_date,
    represent_datetime,
)
from core.api_filters import BooleanFilter, IdFilter, IdListFilter, UtcDateTimeFilter
from partnerships.models import Partnership, Priority, Region
from partnerships.selectors import partnership_list, visible_partnership_ids

from . import selectors, services
from .models import ApplicantType, Bid, Opportunity, Theme


class OpportunitySerializer(StrictModelSerializer):
    funder_name = serializers.CharField(source="funder.name", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "title",
            "programme",
            "funder",
            "funder_name",
            "description",
            "themes",
            "is_national",
            "regions",
            "partnerships",
            "min_award",
            "max_award",
            "total_pot",
            "opens_at",
            "closes_at",
            "decision_on",
            "period_start",
            "period_end",
            "match_funding_required",
        ]


class OpportunityFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    funder = IdFilter(field_name="funder_id")
    opens_at__gte = UtcDateTimeFilter(field_name="opens_at", lookup_expr="gte")
    opens_at__lte = UtcDateTimeFilter(field_name="opens_at", lookup_expr="lte")
    closes_at__gte = UtcDateTimeFilter(field_name="closes_at", lookup_expr="gte")
    closes_at__lte = UtcDateTimeFilter(field_name="closes_at", lookup_expr="lte")
    is_national = BooleanFilter(field_name="is_national")

    class Meta:
        model = Opportunity
        fields = ["is_national"]


def _sane_year(value):
    if value is not None and not 2000 <= value.year <= 2100:
        raise serializers.ValidationError("Give a year from 2000 to 2100")


MONEY = {"min_value": 0, "max_value": 2_147_483_647, "allow_null": True, "required": False}


class OpportunityWriteSerializer(StrictModelSerializer):
    """An opportunity as it is published or changed (dates and times with their offset)."""

    themes = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), many=True, allow_empty=False
    )
    applicant_types = serializers.PrimaryKeyRelatedField(
        queryset=ApplicantType.objects.all(), many=True, allow_empty=False
    )
    regions = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), many=True, required=False
    )
    partnerships = serializers.PrimaryKeyRelatedField(
        queryset=Partnership.objects.all(), many=True, required=False
    )
    min_award = serializers.IntegerField(**MONEY)
    max_award = serializers.IntegerField(**MONEY)
    total_pot = serializers.IntegerField(**MONEY)
    opens_at = serializers.DateTimeField(validators=[_sane_year])
    closes_at = serializers.DateTimeField(validators=[_sane_year])
    decision_on = serializers.DateField(validators=[_sane_year], allow_null=True, required=False)
    period_start = serializers.DateField(validators=[_sane_year], allow_null=True, required=False)
    period_end = serializers.DateField(validators=[_sane_year], allow_null=True, required=False)

    class Meta:
        model = Opportunity
        fields = [
            "funder",
            "title",
            "programme",
            "description",
            "themes",
            "applicant_types",
            "is_national",
            "regions",
            "partnerships",
            "min_award",
            "max_award",
            "total_pot",
            "opens_at",
            "closes_at",
            "decision_on",
            "period_start",
            "period_end",
            "ring_fenced",
            "capital_revenue",
            "conditions",
            "match_funding_required",
            "url",
        ]


def opportunity_rows(rows: list[dict]) -> list[dict]:
    """Opportunities read as values (`OpportunityViewSet.list_values`) in OpportunitySerializer's
    representation: themes by name, regions and partnerships by id, each in its model's order."""
    ids = [row["id"] for row in rows]
    themes, regions, partnerships = ({pk: [] for pk in ids} for _ in range(3))
    if ids:
        links = Opportunity.themes.through.objects.filter(opportunity_id__in=ids)
        for pk, name in links.order_by("theme__order", "theme__name").values_list(
            "opportunity_id", "theme__name"
        ):
            themes[pk].append(name)
        links = Opportunity.regions.through.objects.filter(opportunity_id__in=ids)
        for pk, region in links.order_by("region__name").values_list("opportunity_id", "region_id"):
            regions[pk].append(region)
        links = Opportunity.partnerships.through.objects.filter(opportunity_id__in=ids)
        for pk, partnership in links.order_by("partnership__name", "partnership_id").values_list(
            "opportunity_id", "partnership_id"
        ):
            partnerships[pk].append(partnership)
    return [
        {
            "id": row["id"],
            "title": row["title"],
            "programme": row["programme"],
            "funder": row["funder_id"],
            "funder_name": row["funder__name"],
            "description": row["description"],
            "themes": themes[row["id"]],
            "is_national": row["is_national"],
            "regions": regions[row["id"]],
            "partnerships": partnerships[row["id"]],
            "min_award": row["min_award"],
            "max_award": row["max_award"],
            "total_pot": row["total_pot"],
            "opens_at": represent_datetime(row["opens_at"]),
            "closes_at": represent_datetime(row["closes_at"]),
            "decision_on": represent_date(row["decision_on"]),
            "period_start": represent_date(row["period_start"]),
            "period_end": represent_date(row["period_end"]),
            "match_funding_required": row["match_funding_required"],
        }
        for row in rows
    ]


class OpportunityViewSet(
    ValuesListMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Funding opportunities: every signed-in user may read them all, as in the finder.
    Administrators publish and change them anywhere; reviewers, as on the pages, for their
    regions only (and never national ones)."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    serializer_class = OpportunitySerializer
    filterset_class = OpportunityFilter
    list_values = (
        "id",
        "title",
        "programme",
        "funder_id",
        "funder__name",
        "description",
        "is_national",
        "min_award",
        "max_award",
        "total_pot",
        "opens_at",
        "closes_at",
        "decision_on",
        "period_start",
        "period_end",
        "match_funding_required",
    )

    queryset = Opportunity.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Opportunity.objects.none()
        return selectors.opportunity_api_list(user=self.request.user).order_by("closes_at", "id")

    def list_rows(self, rows):
        return opportunity_rows(rows)

    def _call(self, service, **kwargs):
        try:
            return service(user=self.request.user, **kwargs)
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(error) from error
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(
                "Only administrators, and reviewers for their regions, publish and change "
                "opportunities"
            ) from error

    def _values(self, data, opportunity=None) -> dict:
        values = dict(data)
        if not self.request.user.scope.is_admin:
            # As on the page: only administrators publish national funds.
            values["is_national"] = opportunity.is_national if opportunity else False
        return values

    def _read(self, opportunity):
        opportunity = self.get_queryset().get(pk=opportunity.pk)
        return OpportunitySerializer(opportunity, context=self.get_serializer_context()).data

    @extend_schema(request=OpportunityWriteSerializer, responses={201: OpportunitySerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("funding.add_opportunity"):
            raise exceptions.PermissionDenied(
                "Only administrators and reviewers publish opportunities"
            )
        serializer = OpportunityWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        opportunity = self._call(
            services.opportunity_create, **self._values(serializer.validated_data)
        )
        return Response(self._read(opportunity), status=status.HTTP_201_CREATED)

    @extend_schema(request=OpportunityWriteSerializer, responses={200: OpportunitySerializer})
    def update(self, request, *args, **kwargs):
        opportunity = get_object_or_404(Opportunity.objects.all(), pk=kwargs["pk"])
        if not request.user.has_perm("funding.change_opportunity", opportunity):
            raise exceptions.PermissionDenied(
                "Only administrators, and reviewers of every region it is open in, change an "
                "opportunity"
            )
        serializer = OpportunityWriteSerializer(
            opportunity, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        opportunity = self._call(
            services.opportunity_update,
            opportunity=opportunity,
            **self._values(serializer.validated_data, opportunity),
        )
        return Response(self._read(opportunity))

    @extend_schema(request=OpportunityWriteSerializer, responses={200: OpportunitySerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)


class BidSerializer(StrictModelSerializer):
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
            "id",
            "partnership",
            "opportunity",
            "status",
            "lead_officer",
            "amount_requested",
            "amount_awarded",
            "staff_days",
            "priority",
            "notes",
            "submitted_on",
            "decided_on",
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


class BidViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
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
                "Only the partnership's manager may do this"
            ) from error

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
        fields = [
            "lead_officer",
            "amount_requested",
            "amount_awarded",
            "staff_days",
            "priority",
            "notes",
        ]
        values = {name: serializer.validated_data.get(name, getattr(bid, name)) for name in fields}
        bid = self._call(services.bid_update, bid=bid, **values)
        return Response(self.get_serializer(bid).data)
