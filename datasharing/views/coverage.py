"""Prescribed-data coverage per partnership, and the dataset catalogue."""

from django.template.loader import render_to_string
from django.views.generic import ListView, TemplateView

from core import cache, clock
from core.views import PermissionMixin
from partnerships.mixins import PartnershipByCodeMixin

from .. import selectors
from ..models import (
    IstvLocationType,
    IstvMethod,
    PrescribedDataset,
)
from .common import FREQUENCY_LABELS, csv_response


class CoverageView(PartnershipByCodeMixin, TemplateView):
    """The coverage matrix of one partnership, the same for everyone allowed to see it."""

    permission_required = "datasharing.view_coverage"
    template_name = "datasharing/coverage.html"

    def rows(self, today):
        return selectors.coverage_rows(partnership=self.partnership, today=today)

    def render_matrix(self, today) -> str:
        rows = self.rows(today)
        return render_to_string(
            "datasharing/includes/coverage_matrix.html",
            {
                "partnership": self.partnership,
                "rows": rows,
                "gaps": [row for row in rows if row.is_gap],
                "health_gaps": [row for row in rows if row.is_gap and row.dataset.is_health],
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        pk = self.partnership.pk
        matrix = cache.fragment(
            self.request,
            "coverage-matrix",
            lambda: self.render_matrix(today),
            depends_on=[pk, cache.TODAY],
            shared=cache.EVERYONE,
            vary=[pk],
        )
        context.update(partnership=self.partnership, matrix=matrix)
        return context


class CoverageExportView(CoverageView):
    def get(self, request, *args, **kwargs):
        rows = (
            [
                row.dataset.name,
                row.agency.name,
                "Yes" if row.dataset.is_health else "No",
                row.agreement.reference if row.agreement else "",
                row.agreement.get_status_display() if row.agreement else "",
                FREQUENCY_LABELS.get(row.frequency, row.frequency),
                row.last_delivery.period_end if row.last_delivery else "",
                row.last_delivery.received_on if row.last_delivery else "",
                row.status_label,
                row.detail,
            ]
            for row in self.rows(clock.today())
        )
        return csv_response(
            f"coverage-{self.partnership.ons_code}.csv",
            [
                "Dataset",
                "Agency",
                "Health",
                "Agreement",
                "Agreement status",
                "Frequency",
                "Last delivery: period end",
                "Last delivery: received",
                "On time",
                "Detail",
            ],
            rows,
        )


class DatasetListView(PermissionMixin, ListView):
    permission_required = "datasharing.use_datasharing"
    template_name = "datasharing/dataset_list.html"
    context_object_name = "datasets"

    def get_queryset(self):
        return PrescribedDataset.objects.filter(is_active=True).prefetch_related(
            "owner_agency_types"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["methods"] = IstvMethod.objects.filter(is_active=True)
        context["location_types"] = IstvLocationType.objects.filter(is_active=True)
        return context
