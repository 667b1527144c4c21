"""REST API for partnerships, their member agencies and contacts: read-only, scoped exactly as
the pages are (partnerships.selectors)."""

import django_filters
from rest_framework import serializers, viewsets

from cdrp_portal.api_filters import IdFilter, IdListFilter

from .models import Contact, Membership, Partnership
from .selectors import partnership_list, visible_partnership_ids


class PartnershipSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id", "name", "ons_code", "region", "police_force_area", "structure", "population",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id", "partnership", "agency", "agency_name", "strategic", "tactical", "operational",
            "joined_on", "status",
        ]


class ContactSerializer(serializers.ModelSerializer):
    partnership = serializers.IntegerField(source="membership.partnership_id", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id", "membership", "partnership", "level", "name", "job_title", "email", "phone",
            "deputy_name", "deputy_job_title", "deputy_email", "deputy_phone", "confirmed_on",
        ]


class PartnershipFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    name = django_filters.CharFilter(lookup_expr="icontains")
    region = IdFilter(field_name="region_id")

    class Meta:
        model = Partnership
        fields = ["name", "region", "ons_code"]


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Partnerships you may read. Others are not found (404)."""

    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter

    queryset = Partnership.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Partnership.objects.none()
        return partnership_list(user=self.request.user).order_by("name", "id")


def _in_scope(qs, user, field):
    ids = visible_partnership_ids(user)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


class MembershipFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    partnership = IdFilter(field_name="partnership_id")
    agency = IdFilter(field_name="agency_id")

    class Meta:
        model = Membership
        fields = ["status"]


class ContactFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    membership = IdFilter(field_name="membership_id")
    partnership = IdFilter(field_name="membership__partnership_id")

    class Meta:
        model = Contact
        fields = ["level"]


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Member agencies of the partnerships you may read."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter

    queryset = Membership.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        qs = Membership.objects.select_related("agency").order_by("partnership_id", "id")
        return _in_scope(qs, self.request.user, "partnership_id")


class ContactViewSet(viewsets.ReadOnlyModelViewSet):
    """Contacts of member agencies in the partnerships you may read."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilter

    queryset = Contact.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Contact.objects.none()
        qs = Contact.objects.select_related("membership").order_by("id")
        return _in_scope(qs, self.request.user, "membership__partnership_id")
