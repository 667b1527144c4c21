"""REST API for partnerships, their member agencies and contacts, scoped exactly as the pages
are (partnerships.selectors). Partnerships are read-only; a partnership's manager (and
administrators) add and change its memberships and contacts through partnerships.services, with
the contact form's own checks, so the same rules and history apply."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from core.api import (
    StrictModelSerializer,
    django_validation_error_to_drf,
    form_errors_to_drf,
    require_perm,
)
from core.api_filters import IdFilter, IdListFilter

from . import services
from .models import Agency, Contact, Membership, Partnership
from .selectors import partnership_list, visible_partnership_ids

CHANGE = "partnerships.change_partnership"
MANAGER_ONLY = "Only the partnership's manager may change its members and contacts"


class PartnershipSerializer(StrictModelSerializer):
    region = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "name",
            "ons_code",
            "region",
            "police_force_area",
            "structure",
            "population",
        ]


def _readable_partnerships(serializer):
    request = serializer.context.get("request")
    if request is None or not request.user.is_authenticated:
        return Partnership.objects.none()
    return partnership_list(user=request.user)


class MembershipSerializer(StrictModelSerializer):
    partnership = serializers.PrimaryKeyRelatedField(queryset=Partnership.objects.none())
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "partnership",
            "agency",
            "agency_name",
            "strategic",
            "tactical",
            "operational",
            "joined_on",
            "status",
        ]
        validators = []  # partnerships.services.membership_add checks one membership per agency

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = _readable_partnerships(self)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # A membership's partnership and agency are fixed once it exists.
            self.fields["partnership"].read_only = True
            self.fields["agency"].read_only = True


class ContactSerializer(StrictModelSerializer):
    membership = serializers.PrimaryKeyRelatedField(queryset=Membership.objects.none())
    partnership = serializers.IntegerField(source="membership.partnership_id", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "membership",
            "partnership",
            "level",
            "name",
            "job_title",
            "email",
            "phone",
            "deputy_name",
            "deputy_job_title",
            "deputy_email",
            "deputy_phone",
            "confirmed_on",
        ]
        read_only_fields = ["id", "confirmed_on"]
        # The contact form's conditional rules (ContactForm.clean), stated in the schema.
        extra_kwargs = {
            "deputy_name": {
                "help_text": (
                    "Who stands in when the contact is away. Required when deputy_job_title, "
                    "deputy_email or deputy_phone is given; must be a different person from name. "
                    "Leave empty for no deputy (the role then rests on one person)."
                )
            },
            "deputy_job_title": {"help_text": "The deputy's job title; needs deputy_name."},
            "deputy_email": {"help_text": "The deputy's email address; needs deputy_name."},
            "deputy_phone": {"help_text": "The deputy's phone number; needs deputy_name."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["membership"].queryset = _in_scope(
                Membership.objects.all(), request.user, "partnership_id"
            )
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["membership"].read_only = True


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


def _service(call, **kwargs):
    try:
        return call(**kwargs)
    except DjangoValidationError as error:
        raise django_validation_error_to_drf(error) from error


class MembershipViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Member agencies of the partnerships you may read. The partnership's manager adds
    existing agencies and changes memberships."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    queryset = Membership.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        qs = Membership.objects.select_related("agency", "partnership").order_by(
            "partnership_id", "id"
        )
        return _in_scope(qs, self.request.user, "partnership_id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        require_perm(request.user, CHANGE, data["partnership"], MANAGER_ONLY)
        membership = _service(
            services.membership_add,
            partnership=data["partnership"],
            agency=data["agency"],
            strategic=data.get("strategic", False),
            tactical=data.get("tactical", False),
            operational=data.get("operational", False),
            joined_on=data.get("joined_on"),
            status=data.get("status", Membership._meta.get_field("status").default),
        )
        return Response(self.get_serializer(membership).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        membership = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        require_perm(request.user, CHANGE, membership.partnership, MANAGER_ONLY)
        serializer = self.get_serializer(
            membership, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        values = {
            name: serializer.validated_data.get(name, getattr(membership, name))
            for name in ("strategic", "tactical", "operational", "joined_on", "status")
        }
        membership = _service(services.membership_update, membership=membership, **values)
        return Response(self.get_serializer(membership).data)


class ContactViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Contacts of member agencies in the partnerships you may read. The partnership's manager
    adds, changes (which confirms them today) and removes them."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilter

    queryset = Contact.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Contact.objects.none()
        qs = Contact.objects.select_related("membership__partnership").order_by("id")
        return _in_scope(qs, self.request.user, "membership__partnership_id")

    def _checked_values(self, serializer, contact=None) -> dict:
        """The contact page's own form checks the values (a deputy needs a name and must be
        someone else)."""
        from .forms import ContactForm

        data = {
            name: serializer.validated_data.get(name, getattr(contact, name, "") or "")
            for name in services.CONTACT_FIELDS
        }
        form = ContactForm(data=data, instance=contact or Contact())
        if not form.is_valid():
            raise form_errors_to_drf(form)
        return {name: form.cleaned_data[name] for name in services.CONTACT_FIELDS}

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = serializer.validated_data["membership"]
        require_perm(request.user, CHANGE, membership.partnership, MANAGER_ONLY)
        values = self._checked_values(serializer)
        contact = _service(services.contact_add, membership=membership, values=values)
        return Response(self.get_serializer(contact).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        contact = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        require_perm(request.user, CHANGE, contact.membership.partnership, MANAGER_ONLY)
        serializer = self.get_serializer(
            contact, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        values = self._checked_values(serializer, contact)
        contact = _service(services.contact_update, contact=contact, values=values)
        return Response(self.get_serializer(contact).data)

    def destroy(self, request, *args, **kwargs):
        contact = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        require_perm(request.user, CHANGE, contact.membership.partnership, MANAGER_ONLY)
        services.contact_remove(contact=contact)
        return Response(status=status.HTTP_204_NO_CONTENT)
