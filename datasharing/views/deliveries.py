"""The delivery log and recording a delivery."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, ListView

from core.forms import fits_an_id
from core.pagination import IdsFirstPaginator
from core.views import PermissionMixin
from partnerships.models import Membership

from .. import selectors, services
from ..forms import (
    DeliveryForm,
)
from ..models import (
    Agreement,
    AgreementParty,
)
from .common import CachedTableMixin, csv_response, service_errors


class DeliveryListView(PermissionMixin, CachedTableMixin, ListView):
    """The delivery log of the partnerships the user may read, newest first; its table is
    cached (CachedTableMixin)."""

    permission_required = "datasharing.use_datasharing"
    template_name = "datasharing/delivery_list.html"
    context_object_name = "deliveries"
    paginate_by = 50
    paginator_class = IdsFirstPaginator
    table_template = "datasharing/includes/delivery_table.html"

    def get_queryset(self):
        # Only what the log (and its CSV) shows, and the frequencies its lateness reads.
        return selectors.delivery_list(user=self.request.user).only(
            *("partnership", "agency", "dataset", "agreement", "note", "record_count"),
            *("period_start", "period_end", "received_on"),
            *("partnership__name", "agency__name", "dataset__name", "dataset__expected_frequency"),
            *("agreement__reference", "agreement__frequency"),
        )

    def prepare_rows(self, rows):
        for delivery in rows:
            delivery.lateness = selectors.delivery_lateness(delivery)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["log"] = self.cached_table("")
        context["can_record"] = self.request.user.has_perm("datasharing.add_delivery")
        return context


class DeliveryExportView(DeliveryListView):
    """Every delivery in the log, as CSV (not paged, not kept)."""

    paginate_by = None

    def get(self, request, *args, **kwargs):
        return self.render_to_response({})

    def render_to_response(self, context, **response_kwargs):
        def row(d):
            late = selectors.delivery_lateness(d)
            return [
                d.partnership.name,
                d.agency.name,
                d.dataset.name,
                d.period_start,
                d.period_end,
                d.received_on,
                d.record_count,
                d.agreement.reference if d.agreement else "",
                d.note,
                late.period.start if late else "",
                late.period.end if late else "",
                late.due if late else "",
                late.days_late if late else "",
                late.label if late else "No schedule",
            ]

        return csv_response(
            "deliveries.csv",
            [
                "Partnership",
                "Agency",
                "Dataset",
                "Period start",
                "Period end",
                "Received",
                "Records",
                "Agreement",
                "Note",
                "Counts for: start",
                "Counts for: end",
                "Due by",
                "Days late",
                "On time",
            ],
            (row(d) for d in self.get_queryset()),
        )


class DeliveryCreateView(PermissionMixin, FormView):
    permission_required = "datasharing.add_delivery"
    template_name = "datasharing/form.html"
    form_class = DeliveryForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        memberships, datasets = selectors.delivery_choices(user=self.request.user)
        kwargs.update(memberships=memberships, datasets=datasets)
        return kwargs

    def from_agreement(self):
        """The agreement named by ?agreement= that one of the user's agencies provides data
        under, with that party, or (None, None)."""
        pk = self.request.GET.get("agreement", "")
        if not (pk.isascii() and pk.isdigit() and fits_an_id(pk)):
            return None, None
        party = (
            AgreementParty.objects.filter(
                agreement_id=pk,
                agency_id__in=self.request.user.scope.agency_ids,
                role__in=selectors.PROVIDING,
                agreement__status__in=Agreement.IN_FORCE,
            )
            .select_related("agreement")
            .first()
        )
        return (party.agreement, party) if party else (None, None)

    def get_initial(self):
        agreement, party = self.from_agreement()
        if agreement is None:
            return {}
        membership = Membership.objects.filter(
            partnership_id=agreement.partnership_id, agency_id=party.agency_id
        ).first()
        dataset = agreement.datasets.filter(is_active=True).order_by("name").first()
        return {"membership": membership and membership.pk, "dataset": dataset and dataset.pk}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement, _ = self.from_agreement()
        back_url = (
            agreement.get_absolute_url() if agreement else reverse("datasharing:delivery-list")
        )
        context.update(
            page_title="Record a delivery",
            back_url=back_url,
            intro="Record data your agency delivered to a partnership. Whether it was "
            "on time is worked out from the period and the date received.",
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.delivery_record(
                user=self.request.user,
                partnership=data["membership"].partnership,
                agency=data["membership"].agency,
                dataset=data["dataset"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                received_on=data["received_on"],
                record_count=data["record_count"],
                note=data["note"],
            )
        except ValidationError as error:
            service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Delivery recorded")
        return redirect("datasharing:delivery-list")
