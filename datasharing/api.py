"""REST API for data sharing: agreements (read), deliveries (read and record). Reads use
datasharing.selectors; the one write goes through datasharing.services.delivery_record, as the
page does, so it leaves the same history."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from cdrp_portal.api import django_validation_error_to_drf
from cdrp_portal.api_filters import IdFilter, IdListFilter
from partnerships.models import Agency, Partnership
from partnerships.selectors import partnership_list

from . import selectors, services
from .models import Agreement, Delivery, PrescribedDataset


class AgreementSerializer(serializers.ModelSerializer):
    parties = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id", "reference", "title", "partnership", "status", "purpose", "frequency",
            "start_date", "end_date", "review_date", "terms_version", "parties", "created_at",
            "updated_at",
        ]

    def get_parties(self, agreement) -> list[dict]:
        return [
            {"agency": party.agency_id, "agency_name": party.agency.name, "role": party.role}
            for party in agreement.parties.all()
        ]


class AgreementFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    partnership = IdFilter(field_name="partnership_id")
    q = django_filters.CharFilter(method="search", label="Title or reference contains")

    class Meta:
        model = Agreement
        fields = ["status"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(title__icontains=value) | Q(reference__icontains=value))


class AgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """Data-sharing agreements of the partnerships you may read."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter

    queryset = Agreement.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Agreement.objects.none()
        return selectors.agreement_list(user=self.request.user)


class DeliverySerializer(serializers.ModelSerializer):
    partnership = serializers.PrimaryKeyRelatedField(queryset=Partnership.objects.none())
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    dataset = serializers.PrimaryKeyRelatedField(
        queryset=PrescribedDataset.objects.filter(is_active=True)
    )
    record_count = serializers.IntegerField(min_value=0, max_value=2_147_483_647)

    class Meta:
        model = Delivery
        fields = [
            "id", "partnership", "agency", "dataset", "agreement", "period_start", "period_end",
            "received_on", "record_count", "note", "recorded_by", "created_at",
        ]
        read_only_fields = ["id", "agreement", "recorded_by", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # Only partnerships the user may read can be named: others do not exist to them.
            self.fields["partnership"].queryset = partnership_list(user=request.user)


class DeliveryFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    partnership = IdFilter(field_name="partnership_id")
    agency = IdFilter(field_name="agency_id")
    dataset = IdFilter(field_name="dataset_id")

    class Meta:
        model = Delivery
        fields = {"received_on": ["gte", "lte"]}


class DeliveryViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Deliveries of data to the partnerships you may read; agency staff record them."""

    serializer_class = DeliverySerializer
    filterset_class = DeliveryFilter

    queryset = Delivery.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        return selectors.delivery_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("datasharing.add_delivery"):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied("Only agency staff record deliveries")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            delivery = services.delivery_record(user=request.user, **serializer.validated_data)
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(error) from error
        return Response(self.get_serializer(delivery).data, status=status.HTTP_201_CREATED)
