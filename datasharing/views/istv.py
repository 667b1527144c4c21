"""Emergency-department (ISTV) returns: upload, confirm, analysis."""

from typing import NamedTuple
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from core import cache
from core import csv as csv_file
from core.views import ObjectPermissionMixin, PermissionMixin
from partnerships.mixins import PartnershipByCodeMixin
from partnerships.models import Agency, Partnership
from partnerships.selectors import visible_partnership_ids

from .. import istv, selectors, services
from ..forms import (
    AnalysisFilterForm,
    ConfirmReplaceForm,
    IstvUploadForm,
)
from ..models import (
    IstvLocationType,
    IstvMethod,
    IstvReturn,
    PendingIstvUpload,
)
from .common import csv_response, service_errors


class IstvReturnListView(PermissionMixin, ListView):
    permission_required = "datasharing.list_istv"
    template_name = "datasharing/istv_list.html"
    context_object_name = "returns"
    paginate_by = 50

    def get_queryset(self):
        return selectors.istv_return_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_upload"] = self.request.user.has_perm("datasharing.upload_istv")
        return context


class IstvUploadView(PermissionMixin, FormView):
    permission_required = "datasharing.upload_istv"
    template_name = "datasharing/istv_upload.html"
    form_class = IstvUploadForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agencies"] = selectors.ed_agencies(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = istv.COLUMNS
        context["methods"] = IstvMethod.objects.filter(is_active=True)
        context["location_types"] = IstvLocationType.objects.filter(is_active=True)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        agency, start, end = data["agency"], data["period_start"], data["period_end"]
        result = services.istv_check(
            agency=agency, period_start=start, period_end=end, text=form.text
        )
        if not result.ok:
            count = len(result.problems)
            form.add_error(
                "file",
                f"The file has {count} problem{'s' if count != 1 else ''}, so "
                "nothing was imported: the report below names each row and "
                "field",
            )
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    problems=result.problems[:200],
                    more_problems=max(0, len(result.problems) - 200),
                )
            )
        file_name = (data["file"].name or "")[-200:]
        if IstvReturn.objects.filter(agency=agency, period_start=start, period_end=end).exists():
            pending = services.istv_pending_create(
                agency=agency,
                user=self.request.user,
                period_start=start,
                period_end=end,
                text=form.text,
                file_name=file_name,
            )
            return redirect("datasharing:istv-confirm", pk=pending.pk)
        try:
            istv_return = services.istv_import(
                agency=agency,
                user=self.request.user,
                period_start=start,
                period_end=end,
                text=form.text,
                file_name=file_name,
            )
        except ValidationError as error:
            service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Imported {istv_return.row_count} assaults for "
            f"{istv_return.period_start:%-d %b %Y} to "
            f"{istv_return.period_end:%-d %b %Y}",
        )
        return redirect(istv_analysis_url(istv_return, user=self.request.user))


def istv_analysis_url(istv_return, *, user) -> str:
    """The analysis of a return just imported: its site and period, in the first of the site's
    partnerships the user may see; the list of returns if there is none."""
    partnerships = Partnership.objects.filter(memberships__agency_id=istv_return.agency_id)
    visible = visible_partnership_ids(user)
    if visible is not None:
        partnerships = partnerships.filter(pk__in=visible)
    partnership = partnerships.order_by("name").first()
    if partnership is None:
        return reverse("datasharing:istv-list")
    query = urlencode(
        {
            "site": istv_return.agency_id,
            "date_from": istv_return.period_start.isoformat(),
            "date_to": istv_return.period_end.isoformat(),
        }
    )
    return f"{reverse('datasharing:istv-analysis', kwargs={'code': partnership.ons_code})}?{query}"


class IstvConfirmView(ObjectPermissionMixin, FormView):
    permission_required = "datasharing.confirm_istv"
    template_name = "datasharing/istv_confirm.html"
    form_class = ConfirmReplaceForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            pending = get_object_or_404(
                PendingIstvUpload.objects.select_related("agency"), pk=kwargs["pk"]
            )
            self.pending = self.check_object(pending)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = self.pending
        existing = context["existing"] = IstvReturn.objects.filter(
            agency=self.pending.agency,
            period_start=self.pending.period_start,
            period_end=self.pending.period_end,
        ).first()
        new_count = context["new_count"] = istv.count_rows(self.pending.content)
        context["much_smaller"] = bool(existing) and new_count < existing.row_count * (
            istv.MUCH_SMALLER
        )
        return context

    def form_valid(self, form):
        try:
            istv_return = services.istv_pending_confirm(
                pending=self.pending, user=self.request.user
            )
        except ValidationError as error:
            service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Replaced: {istv_return.row_count} assaults imported")
        return redirect(istv_analysis_url(istv_return, user=self.request.user))


@method_decorator(login_not_required, name="dispatch")
class IstvTemplateView(View):
    """The empty template (header row only). Public: it holds no data."""

    def get(self, request):
        return csv_file.response("istv-template.csv", istv.template_rows())


@method_decorator(login_not_required, name="dispatch")
class IstvSampleView(View):
    """A small made-up example file. Public: it holds no real data."""

    def get(self, request):
        return csv_file.response("istv-sample.csv", istv.sample_rows())


class IstvSite(NamedTuple):
    pk: int
    name: str


class IstvAnalysisView(PartnershipByCodeMixin, TemplateView):
    """Charts of the assaults treated at the partnership's emergency departments. The sites
    and the charts' HTML (for each choice of filters) are the same for everyone allowed to see
    them, so they are cached under the partnership."""

    permission_required = "datasharing.view_coverage"
    template_name = "datasharing/istv_analysis.html"

    def cached(self, parts, compute):
        pk = self.partnership.pk
        return cache.fragment(
            self.request,
            "istv-analysis",
            compute,
            depends_on=[pk],
            shared=cache.EVERYONE,
            vary=[pk, *parts],
        )

    def analysis(self):
        """The filter form, the sites, the ids of the sites chosen, and the dates chosen."""
        sites = self.cached(
            ("sites",),
            lambda: [
                IstvSite(site.pk, site.name)
                for site in selectors.istv_sites(partnership=self.partnership)
            ],
        )
        site_qs = Agency.objects.filter(pk__in=[s.pk for s in sites]).order_by("name")
        form = AnalysisFilterForm(
            self.request.GET or None, sites=site_qs, site_names=[(s.pk, s.name) for s in sites]
        )
        chosen = [s.pk for s in sites]
        date_from = date_to = None
        if form.is_bound and form.is_valid():
            if form.cleaned_data["site"]:
                chosen = [form.cleaned_data["site"].pk]
            date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        return form, sites, chosen, date_from, date_to

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, sites, chosen, date_from, date_to = self.analysis()
        query = self.request.GET.urlencode() if form.is_bound and form.is_valid() else ""

        def render_results():
            results = selectors.istv_analysis(site_ids=chosen, date_from=date_from, date_to=date_to)
            return render_to_string(
                "datasharing/includes/istv_results.html",
                {
                    "sites": sites,
                    "results": results,
                    "date_from": date_from,
                    "date_to": date_to,
                    "quality": selectors.istv_quality_trend(site_ids=chosen),
                },
            )

        html = self.cached(("results", tuple(chosen), date_from, date_to), render_results)
        context.update(
            partnership=self.partnership,
            form=form,
            sites=sites,
            export_query=query,
            results_html=html,
        )
        return context


class IstvAnalysisExportView(IstvAnalysisView):
    def get(self, request, *args, **kwargs):
        _form, _sites, chosen, date_from, date_to = self.analysis()
        results = selectors.istv_analysis(site_ids=chosen, date_from=date_from, date_to=date_to)
        rows = []
        for title, key in (
            ("Location type", "by_location_type"),
            ("Top places", "top_places"),
            ("Method", "by_method"),
            ("Month", "by_month"),
        ):
            rows += [[title, bar.label, bar.count] for bar in results[key]]
        for day in results["heat"]:
            rows += [
                ["Hour of the week", f"{day['day']} {cell['hour']:02d}:00", cell["count"]]
                for cell in day["cells"]
            ]
        return csv_response(
            f"istv-analysis-{self.partnership.ons_code}.csv",
            ["Breakdown", "Value", "Assaults"],
            rows,
        )


class IstvReturnExportView(IstvReturnListView):
    """The ISTV returns the user may list, with their completeness, as CSV (not paged)."""

    def get(self, request, *args, **kwargs):
        rows = (
            [
                r.agency.name,
                r.site_code,
                r.period_start,
                r.period_end,
                r.row_count,
                r.location_not_known,
                r.method_not_known,
                r.time_not_known,
                timezone.localtime(r.uploaded_at).strftime("%Y-%m-%d %H:%M"),
                (r.uploaded_by.full_name or r.uploaded_by.email) if r.uploaded_by else "",
            ]
            for r in self.get_queryset()
        )
        return csv_response(
            "istv-returns.csv",
            [
                "Department",
                "Site code",
                "Period start",
                "Period end",
                "Assaults",
                "Location not known",
                "Method not known",
                "Arrival time not known",
                "Uploaded",
                "Uploaded by",
            ],
            rows,
        )
