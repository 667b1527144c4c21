"""REST API for outcomes: the indicators, the figures of the partnerships the user may read,
populations, and the two ONS-shaped uploads. Uploads go through the pages' own form and
services: the same all-or-nothing check, and a refused file is a 400 naming every problem."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from core.api import (
    StrictModelSerializer,
    django_validation_error_to_drf,
    form_errors_to_drf,
    require_perm,
)
from core.api_filters import IdFilter, IdListFilter, YearFilter
from partnerships.selectors import visible_partnership_ids

from . import services
from .forms import UploadForm
from .models import Figure, Indicator, Population


class IndicatorSerializer(StrictModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "unit", "lower_is_better", "source", "how_counted"]


class FigureSerializer(StrictModelSerializer):
    class Meta:
        model = Figure
        fields = [
            "id",
            "partnership",
            "indicator",
            "period_type",
            "period_start",
            "value",
            "sample_size",
            "source_note",
        ]


class PopulationSerializer(StrictModelSerializer):
    class Meta:
        model = Population
        fields = ["id", "partnership", "year", "population", "source_note"]


UPLOADED = inline_serializer(
    "OutcomesUploaded",
    {
        "imported_rows": serializers.IntegerField(min_value=1),
        "skipped_rows": serializers.IntegerField(
            min_value=0, help_text="Rows for partnerships you may not load, left out"
        ),
        "partnerships": serializers.ListField(child=serializers.IntegerField()),
    },
)
UPLOAD_FILE = inline_serializer(
    "OutcomesUploadFile", {"file": serializers.FileField(help_text="The CSV file")}
)


class _Refused(exceptions.ValidationError):
    """A file with problems: the errors are the row-level report, unflattened."""

    def __init__(self, problems):
        count = len(problems)
        summary = (
            f"The file has {count} problem{'s' if count != 1 else ''}, so nothing was imported"
        )
        super().__init__({"file": [summary]})
        self.summary = summary
        self.report = [
            {
                "field": f"row {problem.row}" if problem.row else "file",
                "message": str(problem),
            }
            for problem in problems
        ]


def _upload(request, check, do_import):
    require_perm(
        request.user,
        "outcomes.upload_figures",
        message="Only administrators and partnership managers upload figures",
    )
    form = UploadForm(data={}, files=request.FILES)
    if not form.is_valid():
        raise form_errors_to_drf(form)
    result = check(user=request.user, text=form.text)
    if not result.ok:
        raise _Refused(result.problems)
    try:
        result = do_import(
            user=request.user, text=form.text, file_name=(form.cleaned_data["file"].name or "")
        )
    except DjangoValidationError as error:
        raise django_validation_error_to_drf(error) from error
    return Response(
        {
            "imported_rows": len(result.rows),
            "skipped_rows": result.skipped,
            "partnerships": sorted({row.partnership_id for row in result.rows}),
        },
        status=status.HTTP_201_CREATED,
    )


def _scoped(queryset, user):
    ids = visible_partnership_ids(user)
    return queryset if ids is None else queryset.filter(partnership_id__in=ids)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The outcome indicators in use: unit, direction, source and how each is counted."""

    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Indicator.objects.none()
        require_perm(
            self.request.user,
            "outcomes.use_outcomes",
            message="Outcomes are for people with a role in a partnership",
        )
        return Indicator.objects.filter(is_active=True).order_by("order", "id")


class FigureFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    partnership = IdFilter(field_name="partnership_id")
    indicator = IdFilter(field_name="indicator_id")

    class Meta:
        model = Figure
        fields = {"period_start": ["gte", "lte"], "period_type": ["exact"]}


class FigureViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Outcome figures of the partnerships you may read (a count for the month or quarter, or a
    survey's share). Administrators and managers upload recorded crime as a CSV file in the
    ONS shape (multipart `file`), checked whole as on the upload page: a refused file is a 400
    listing every problem with its row."""

    serializer_class = FigureSerializer
    filterset_class = FigureFilter
    parser_classes = [MultiPartParser]
    queryset = Figure.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Figure.objects.none()
        require_perm(
            self.request.user,
            "outcomes.use_outcomes",
            message="Outcomes are for people with a role in a partnership",
        )
        return _scoped(Figure.objects.all(), self.request.user).order_by(
            "partnership_id", "indicator_id", "period_start", "id"
        )

    @extend_schema(request={"multipart/form-data": UPLOAD_FILE}, responses={201: UPLOADED})
    def create(self, request, *args, **kwargs):
        return _upload(request, services.crime_check, services.crime_import)


class PopulationFilter(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    year = YearFilter()

    class Meta:
        model = Population
        fields = ["partnership", "year"]


class PopulationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Mid-year populations of the partnerships you may read. Administrators and managers
    upload ONS mid-year estimates as a CSV file (multipart `file`), all or nothing."""

    serializer_class = PopulationSerializer
    filterset_class = PopulationFilter
    parser_classes = [MultiPartParser]
    queryset = Population.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Population.objects.none()
        require_perm(
            self.request.user,
            "outcomes.use_outcomes",
            message="Outcomes are for people with a role in a partnership",
        )
        return _scoped(Population.objects.all(), self.request.user).order_by(
            "partnership_id", "year", "id"
        )

    @extend_schema(request={"multipart/form-data": UPLOAD_FILE}, responses={201: UPLOADED})
    def create(self, request, *args, **kwargs):
        return _upload(request, services.population_check, services.population_import)
