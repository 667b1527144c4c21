"""REST API for data sharing: agreements (read; party staff start and change them section by
section), deliveries (read and record) and ISTV returns (read and upload). Reads use
datasharing.selectors; writes go through datasharing.services with the pages' own forms checking
the input, so the same rules, the same all-or-nothing ISTV check and the same history apply."""

import csv
import io

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api import (
    StrictModelSerializer,
    ValuesListMixin,
    django_validation_error_to_drf,
    form_data,
    form_errors_to_drf,
    represent_date,
    represent_datetime,
    require_object,
    require_perm,
)
from core.api_filters import IdFilter, IdListFilter
from partnerships.models import Agency, Partnership
from partnerships.selectors import partnership_list

from . import istv, periods, selectors, services
from .forms import SECTION_FORMS, AgreementCreateForm, IstvUploadForm, PartyAddForm
from .models import Agreement, AgreementParty, Delivery, IstvReturn, PrescribedDataset


class AgreementSerializer(StrictModelSerializer):
    parties = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "reference",
            "title",
            "partnership",
            "status",
            "purpose",
            "frequency",
            "start_date",
            "end_date",
            "review_date",
            "terms_version",
            "parties",
            "created_at",
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


class AgreementCreateSerializer(serializers.Serializer):
    partnership = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    agency = serializers.IntegerField(
        min_value=1, max_value=2_147_483_647, help_text="Your agency: it becomes the first party"
    )
    title = serializers.CharField(max_length=200)
    role = serializers.ChoiceField(choices=AgreementParty.Role.choices)


SECTION_LISTS = ("legal_powers", "datasets")


def agreement_rows(rows: list[dict]) -> list[dict]:
    """Agreements read as values (`AgreementViewSet.list_values`) in AgreementSerializer's
    representation, with their parties in the parties' order (by agency name)."""
    parties = {row["id"]: [] for row in rows}
    if parties:
        for agreement, agency, name, role in (
            AgreementParty.objects.filter(agreement_id__in=list(parties))
            .order_by("agency__name", "id")
            .values_list("agreement_id", "agency_id", "agency__name", "role")
        ):
            parties[agreement].append({"agency": agency, "agency_name": name, "role": role})
    return [
        {
            "id": row["id"],
            "reference": row["reference"],
            "title": row["title"],
            "partnership": row["partnership_id"],
            "status": row["status"],
            "purpose": row["purpose"],
            "frequency": row["frequency"],
            "start_date": represent_date(row["start_date"]),
            "end_date": represent_date(row["end_date"]),
            "review_date": represent_date(row["review_date"]),
            "terms_version": row["terms_version"],
            "parties": parties[row["id"]],
            "created_at": represent_datetime(row["created_at"]),
            "updated_at": represent_datetime(row["updated_at"]),
        }
        for row in rows
    ]


class AgreementViewSet(ValuesListMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Data-sharing agreements of the partnerships you may read. Staff of a member agency start
    one (their agency becomes its first party); staff of a party change it one task-list
    section at a time, with the same checks as the section pages."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    list_values = (
        "id",
        "reference",
        "title",
        "partnership_id",
        "status",
        "purpose",
        "frequency",
        "start_date",
        "end_date",
        "review_date",
        "terms_version",
        "created_at",
        "updated_at",
    )

    queryset = Agreement.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Agreement.objects.none()
        return selectors.agreement_list(user=self.request.user)

    def list_rows(self, rows):
        return agreement_rows(rows)

    @extend_schema(request=AgreementCreateSerializer, responses={201: AgreementSerializer})
    def create(self, request, *args, **kwargs):
        from partnerships.models import Agency

        user = request.user
        require_perm(
            user,
            "datasharing.add_agreement",
            message="Only staff of a member agency start agreements",
        )
        agencies = (
            Agency.objects.all()
            if user.scope.is_admin
            else Agency.objects.filter(pk__in=user.scope.agency_ids)
        )
        form = AgreementCreateForm(
            data=form_data(request.data, AgreementCreateForm),
            partnerships=selectors.partnerships_for_agreement_creation(user=user),
            agencies=agencies,
        )
        if not form.is_valid():
            raise form_errors_to_drf(form)
        try:
            agreement = services.agreement_create(
                user=user,
                partnership=form.cleaned_data["partnership"],
                agency=form.cleaned_data["agency"],
                title=form.cleaned_data["title"],
                role=form.cleaned_data["role"],
            )
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(error) from error
        agreement = self.get_queryset().get(pk=agreement.pk)
        return Response(self.get_serializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("section", str, OpenApiParameter.PATH, enum=list(SECTION_FORMS))
        ],
        request=OpenApiTypes.OBJECT,
        responses={200: AgreementSerializer},
        description="Save one section of the task list, as its page does: send every field of "
        "that section. A change to the terms of an agreement sent for signature "
        "means every party signs again.",
    )
    @action(detail=True, methods=["put"], url_path=r"sections/(?P<section>[^/]+)")
    def section(self, request, pk=None, section=None):
        agreement = get_object_or_404(self.get_queryset(), pk=pk)
        if section not in SECTION_FORMS:
            raise exceptions.NotFound("No such section")
        require_perm(
            request.user,
            "datasharing.change_agreement",
            agreement,
            "Only staff of a party may change an agreement that is not ended",
        )
        form_class = SECTION_FORMS[section]
        data = request.data
        require_object(data)
        if isinstance(data.get("publish"), bool):
            data = {**data, "publish": "yes" if data["publish"] else "no"}
        # A copy: a refused save must not change the object.
        form = form_class(
            data=form_data(data, form_class, lists=SECTION_LISTS),
            instance=Agreement.objects.get(pk=agreement.pk),
        )
        if not form.is_valid():
            raise form_errors_to_drf(form)
        values = {name: form.cleaned_data[name] for name in form.cleaned_data if name != "datasets"}
        datasets = form.cleaned_data.get("datasets") if "datasets" in form.fields else None
        try:
            services.agreement_update(
                agreement=agreement, user=request.user, values=values, datasets=datasets
            )
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=agreement.pk)).data)

    def _changeable(self, pk):
        agreement = get_object_or_404(self.get_queryset(), pk=pk)
        require_perm(
            self.request.user,
            "datasharing.change_agreement",
            agreement,
            "Only staff of a party may change an agreement that is not ended",
        )
        return agreement

    def _done(self, shown, call, **kwargs):
        """Call the service; answer with the agreement `shown` as it now is."""
        try:
            call(user=self.request.user, **kwargs)
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=shown.pk)).data)

    @extend_schema(
        request=inline_serializer(
            "AgreementPartyAdd",
            {
                "agency": serializers.IntegerField(
                    min_value=1,
                    max_value=2_147_483_647,
                    help_text="A member agency of the partnership",
                ),
                "role": serializers.ChoiceField(choices=AgreementParty.Role.choices),
            },
        ),
        responses={200: AgreementSerializer},
        description="Add a member agency of the partnership as a party (the parties sign "
        "again if the agreement had been sent for signature).",
    )
    @action(detail=True, methods=["post"], url_path="parties")
    def party_add(self, request, pk=None):
        agreement = self._changeable(pk)
        existing = agreement.parties.values_list("agency_id", flat=True)
        form = PartyAddForm(
            data=form_data(request.data, PartyAddForm),
            agencies=selectors.member_agencies(partnership=agreement.partnership).exclude(
                pk__in=existing
            ),
        )
        if not form.is_valid():
            raise form_errors_to_drf(form)
        return self._done(
            agreement,
            services.party_add,
            agreement=agreement,
            agency=form.cleaned_data["agency"],
            role=form.cleaned_data["role"],
        )

    @extend_schema(
        request=None,
        responses={200: AgreementSerializer},
        description="Remove a party that has not signed any version.",
    )
    @action(detail=True, methods=["delete"], url_path=r"parties/(?P<agency>[0-9]+)")
    def party_remove(self, request, pk=None, agency=None):
        agreement = self._changeable(pk)
        party = get_object_or_404(agreement.parties.all(), agency_id=agency)
        return self._done(agreement, services.party_remove, party=party)

    @extend_schema(
        request=None,
        responses={200: AgreementSerializer},
        description="Open a draft for negotiation.",
    )
    @action(detail=True, methods=["post"])
    def negotiate(self, request, pk=None):
        agreement = self._changeable(pk)
        return self._done(agreement, services.agreement_start_negotiation, agreement=agreement)

    @extend_schema(
        request=None,
        responses={200: AgreementSerializer},
        description="Send a complete agreement to the parties' signatories.",
    )
    @action(detail=True, methods=["post"], url_path="request-signatures")
    def request_signatures(self, request, pk=None):
        agreement = self._changeable(pk)
        return self._done(agreement, services.agreement_request_signatures, agreement=agreement)


class DatasetSerializer(StrictModelSerializer):
    # Plain text: the same choices as an agreement's frequency, which the schema names already.
    expected_frequency = serializers.CharField(read_only=True)

    class Meta:
        model = PrescribedDataset
        fields = ["id", "code", "name", "description", "source", "expected_frequency"]


class DatasetFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")

    class Meta:
        model = PrescribedDataset
        fields = ["code", "source"]


class DatasetViewSet(viewsets.ReadOnlyModelViewSet):
    """The prescribed datasets in use (what a delivery names), as on the datasets page."""

    serializer_class = DatasetSerializer
    filterset_class = DatasetFilter
    queryset = PrescribedDataset.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PrescribedDataset.objects.none()
        require_perm(
            self.request.user,
            "datasharing.use_datasharing",
            message="Data sharing is for people with a role in a partnership",
        )
        return PrescribedDataset.objects.filter(is_active=True).order_by("code", "id")


class LatenessSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    due_on = serializers.DateField()
    days_late = serializers.IntegerField(min_value=0)


def represent_lateness(late) -> dict | None:
    if late is None:
        return None
    return {
        "period_start": represent_date(late.period.start),
        "period_end": represent_date(late.period.end),
        "due_on": represent_date(late.due),
        "days_late": late.days_late,
    }


class DeliverySerializer(StrictModelSerializer):
    partnership = serializers.PrimaryKeyRelatedField(queryset=Partnership.objects.none())
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    dataset = serializers.PrimaryKeyRelatedField(
        queryset=PrescribedDataset.objects.filter(is_active=True)
    )
    record_count = serializers.IntegerField(min_value=0, max_value=2_147_483_647)
    lateness = serializers.SerializerMethodField(
        help_text="The period the delivery counts for, when its data was due and how many days "
        "late it arrived (0: on time), by the coverage matrix's rule; null when the "
        "stream has no regular schedule."
    )

    class Meta:
        model = Delivery
        fields = [
            "id",
            "partnership",
            "agency",
            "dataset",
            "agreement",
            "period_start",
            "period_end",
            "received_on",
            "record_count",
            "note",
            "recorded_by",
            "created_at",
            "lateness",
        ]
        read_only_fields = ["id", "agreement", "recorded_by", "created_at"]

    @extend_schema_field(LatenessSerializer(allow_null=True))
    def get_lateness(self, delivery) -> dict | None:
        return represent_lateness(selectors.delivery_lateness(delivery))

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


def delivery_rows(rows: list[dict]) -> list[dict]:
    """Deliveries read as values (`DeliveryViewSet.list_values`) in DeliverySerializer's
    representation: related records by id, as the delivery's own columns hold them."""
    return [
        {
            "id": row["id"],
            "partnership": row["partnership_id"],
            "agency": row["agency_id"],
            "dataset": row["dataset_id"],
            "agreement": row["agreement_id"],
            "period_start": represent_date(row["period_start"]),
            "period_end": represent_date(row["period_end"]),
            "received_on": represent_date(row["received_on"]),
            "record_count": row["record_count"],
            "note": row["note"],
            "recorded_by": row["recorded_by_id"],
            "created_at": represent_datetime(row["created_at"]),
            "lateness": represent_lateness(
                periods.delivery_lateness(
                    period_end=row["period_end"],
                    received_on=row["received_on"],
                    dataset_frequency=row["dataset__expected_frequency"],
                    agreement_frequency=row["agreement__frequency"],
                )
            ),
        }
        for row in rows
    ]


class DeliveryViewSet(ValuesListMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Deliveries of data to the partnerships you may read; agency staff record them."""

    serializer_class = DeliverySerializer
    filterset_class = DeliveryFilter
    list_values = (
        "id",
        "partnership_id",
        "agency_id",
        "dataset_id",
        "agreement_id",
        "period_start",
        "period_end",
        "received_on",
        "record_count",
        "note",
        "recorded_by_id",
        "created_at",
        "dataset__expected_frequency",
        "agreement__frequency",
    )

    queryset = Delivery.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        return selectors.delivery_list(user=self.request.user)

    def list_rows(self, rows):
        return delivery_rows(rows)

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


class IstvReturnSerializer(StrictModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = IstvReturn
        fields = [
            "id",
            "agency",
            "agency_name",
            "site_code",
            "period_start",
            "period_end",
            "row_count",
            "file_name",
            "uploaded_by",
            "uploaded_at",
        ]


ROW_FIELDS = {
    name: serializers.CharField(required=False, allow_blank=True, help_text=label)
    for name, label, _rule in istv.COLUMNS
}
UPLOAD_FIELDS = {
    "agency": serializers.IntegerField(
        min_value=1, max_value=2_147_483_647, help_text="Your emergency department"
    ),
    "period_start": serializers.DateField(),
    "period_end": serializers.DateField(),
    "replace": serializers.BooleanField(
        required=False,
        default=False,
        help_text="Replace the return already imported for this period",
    ),
}


class IstvFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    agency = IdFilter(field_name="agency_id")

    class Meta:
        model = IstvReturn
        fields = {"period_start": ["gte", "lte"]}


def _rows_csv(rows) -> str:
    """JSON rows -> the CSV text of the same return (columns in the template's order)."""
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise exceptions.ValidationError({"rows": ["Give a list of rows, each an object"]})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(istv.COLUMN_NAMES)
    for row in rows:
        unknown = set(row) - set(istv.COLUMN_NAMES)
        if unknown:
            raise exceptions.ValidationError(
                {"rows": [f"Unknown columns: {', '.join(sorted(map(str, unknown)))}"]}
            )
        if any(isinstance(v, dict | list) for v in row.values()):
            raise exceptions.ValidationError({"rows": ["Each value must be text"]})
        writer.writerow(
            ["" if row.get(name) is None else str(row.get(name)) for name in istv.COLUMN_NAMES]
        )
    return out.getvalue()


def _problem_errors(problems, *, json_rows: bool) -> list[dict]:
    """The row-level report, as the page shows it: one error per problem, naming the row and
    the column. A file's rows are its lines (the header is line 1), reported as "row 3"; JSON
    rows are reported by their place in the list, as "rows[0]" (the first row)."""
    errors = []
    for problem in problems:
        column = problem.field or ""
        if problem.row and json_rows:
            index = problem.row - 2
            label = istv.LABELS.get(column, column)
            errors.append(
                {
                    "field": f"rows[{index}]" + (f".{column}" if column else ""),
                    "message": f"Row {index + 1}"
                    + (f", {label}" if column else "")
                    + f": {problem.message}",
                }
            )
        elif problem.row:
            errors.append(
                {
                    "field": f"row {problem.row}" + (f".{column}" if column else ""),
                    "message": str(problem),
                }
            )
        else:
            errors.append({"field": "rows" if json_rows else "file", "message": str(problem)})
    return errors


class IstvReturnViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """ISTV returns of your emergency departments (all, for administrators). Staff of an
    emergency department upload a return as a CSV file (multipart) or as JSON rows: it is
    checked whole, exactly as on the upload page, and imported all or nothing; a refused return
    is a 400 listing every problem with its row and column."""

    serializer_class = IstvReturnSerializer
    filterset_class = IstvFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    queryset = IstvReturn.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return IstvReturn.objects.none()
        require_perm(
            self.request.user,
            "datasharing.list_istv",
            message="Only emergency department staff see ISTV returns",
        )
        return selectors.istv_return_list(user=self.request.user)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "IstvUploadFile",
                {**UPLOAD_FIELDS, "file": serializers.FileField(help_text="The CSV file")},
            ),
            "application/json": inline_serializer(
                "IstvUploadRows",
                {**UPLOAD_FIELDS, "rows": inline_serializer("IstvRow", ROW_FIELDS, many=True)},
            ),
        },
        responses={201: IstvReturnSerializer},
    )
    def create(self, request, *args, **kwargs):
        user = request.user
        require_perm(
            user,
            "datasharing.upload_istv",
            message="Only emergency department staff upload ISTV returns",
        )
        data = request.data
        require_object(data)
        files = {}
        json_rows = "rows" in data and not hasattr(data, "getlist")
        if json_rows:
            text = _rows_csv(data["rows"])
            files["file"] = SimpleUploadedFile("api-rows.csv", text.encode(), "text/csv")
        elif "file" in request.FILES:
            files["file"] = request.FILES["file"]
        replace = data.get("replace") in (True, "true", "True", "on", "1")
        form = IstvUploadForm(
            data=form_data(data, IstvUploadForm), files=files, agencies=selectors.ed_agencies(user)
        )
        if not form.is_valid():
            raise form_errors_to_drf(form)
        cleaned = form.cleaned_data
        agency, start, end = cleaned["agency"], cleaned["period_start"], cleaned["period_end"]
        result = services.istv_check(
            agency=agency, period_start=start, period_end=end, text=form.text
        )
        if not result.ok:
            count = len(result.problems)
            raise _IstvRefused(
                f"The {'rows have' if json_rows else 'file has'} {count} "
                f"problem{'s' if count != 1 else ''}, so nothing was imported",
                _problem_errors(result.problems, json_rows=json_rows),
            )
        if (
            not replace
            and IstvReturn.objects.filter(
                agency=agency, period_start=start, period_end=end
            ).exists()
        ):
            raise exceptions.ValidationError(
                {
                    "replace": [
                        "A return for this period already exists: send replace=true to replace it"
                    ]
                }
            )
        try:
            istv_return = services.istv_import(
                agency=agency,
                user=user,
                period_start=start,
                period_end=end,
                text=form.text,
                file_name=(cleaned["file"].name or "")[-200:],
                replace=replace,
            )
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(error) from error
        return Response(self.get_serializer(istv_return).data, status=status.HTTP_201_CREATED)


class _IstvRefused(exceptions.ValidationError):
    """A return with problems: the errors are the row-level report, unflattened."""

    def __init__(self, detail_text, errors):
        super().__init__({"file": [detail_text]})
        self.summary = detail_text
        self.report = errors
