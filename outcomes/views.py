"""Thin views for outcomes: each checks its permission, then calls one service or selector."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from core import cache
from core import csv as csv_file
from core.addresses import address_maker
from core.views import ObjectPermissionMixin, PermissionMixin
from partnerships.mixins import PartnershipByCodeMixin
from partnerships.models import Region
from partnerships.selectors import partnership_list

from . import ons, selectors, services
from .changes import OUTCOMES
from .forms import SurveyFigureForm, TargetForm, UploadForm
from .models import Indicator, Target


class IndexView(PermissionMixin, ListView):
    """The partnerships whose outcomes the user may read, with the uploads they may make."""

    permission_required = "outcomes.use_outcomes"
    template_name = "outcomes/index.html"
    context_object_name = "partnerships"
    paginate_by = 50

    def get_queryset(self):
        return partnership_list(user=self.request.user).select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_upload"] = user.has_perm("outcomes.upload_figures")
        context["regions"] = (
            Region.objects.filter(pk__in=user.scope.region_ids)
            if not user.scope.is_admin
            else Region.objects.all()
        ).order_by("name")
        return context


class OutcomesMixin(PartnershipByCodeMixin):
    permission_required = "outcomes.view_outcomes"

    def outcomes(self, *, points=True):
        return selectors.partnership_outcomes(partnership=self.partnership, points=points)


class PartnershipOutcomesView(OutcomesMixin, TemplateView):
    """A partnership's figures: a chart and a table per indicator, the 12-month value, trend
    and band, and its targets. The HTML is the same for everyone who may read it."""

    template_name = "outcomes/partnership.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.partnership
        can_record = self.request.user.has_perm("outcomes.record_outcomes", partnership)

        def render():
            return render_to_string(
                "outcomes/includes/partnership_figures.html",
                {
                    "partnership": partnership,
                    "can_record": can_record,
                    "views": self.outcomes(),
                    "progress": selectors.target_progress(
                        targets=selectors.targets_for(partnership=partnership)
                    ),
                },
            )

        context["figures_html"] = cache.fragment(
            self.request,
            "outcomes-partnership",
            render,
            depends_on=[partnership.pk, OUTCOMES],
            shared=cache.EVERYONE,
            vary=[partnership.pk, can_record],
        )
        context["can_record"] = can_record
        return context


class PartnershipExportView(OutcomesMixin, View):
    def get(self, request, *args, **kwargs):
        rows = [
            [
                view.indicator.name,
                point.label,
                point.start,
                point.value,
                "" if point.rate is None else round(point.rate, 3),
                view.indicator.get_unit_display(),
                point.sample_size,
                point.source,
            ]
            for view in self.outcomes()
            for point in view.points
        ]
        return csv_file.response(
            f"outcomes-{self.partnership.ons_code}.csv",
            [
                [
                    "Indicator",
                    "Period",
                    "Period start",
                    "Count or share",
                    "Rate or share",
                    "Unit",
                    "Sample size",
                    "Source",
                ],
                *rows,
            ],
        )


class ComparisonView(OutcomesMixin, TemplateView):
    """The partnership beside the other members of its most similar group."""

    template_name = "outcomes/comparison.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.partnership
        context["comparison_html"] = cache.fragment(
            self.request,
            "outcomes-comparison",
            lambda: render_to_string(
                "outcomes/includes/comparison_tables.html",
                {"partnership": partnership, "views": self.outcomes(points=False)},
            ),
            depends_on=[OUTCOMES],
            shared=cache.EVERYONE,
            vary=[partnership.pk, partnership.most_similar_group],
        )
        return context


class RegionOutcomesView(ObjectPermissionMixin, TemplateView):
    """Every partnership of a region with each indicator's value, trend and band."""

    permission_required = "partnerships.view_region"
    template_name = "outcomes/region.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.region = self.check_object(get_object_or_404(Region, code=kwargs["code"]))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.region

        def render():
            inds, rows = selectors.region_outcomes(region=region)
            url_of = address_maker("outcomes:partnership", "code", marker="partnership-code")
            links = [url_of(row.partnership.ons_code) for row in rows]
            tables = [
                (
                    indicator,
                    [(row, link, row.views[i]) for row, link in zip(rows, links, strict=True)],
                )
                for i, indicator in enumerate(inds)
            ]
            return render_to_string(
                "outcomes/includes/region_table.html",
                {"region": region, "has_rows": bool(rows), "tables": tables},
            )

        context["region"] = region
        context["table_html"] = cache.fragment(
            self.request,
            "outcomes-region",
            render,
            depends_on=[OUTCOMES],
            shared=cache.EVERYONE,
            vary=[region.pk],
        )
        return context


@method_decorator(login_not_required, name="dispatch")
class RulesView(TemplateView):
    """How the figures are compared: public, like the review rules it feeds."""

    template_name = "outcomes/rules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            indicators=Indicator.objects.filter(is_active=True),
            steady=selectors.TREND_STEADY_PERCENT,
            min_group=selectors.MIN_GROUP,
            method_source=selectors.METHOD_SOURCE,
            licensed=services.LICENSED_PREMISES_LOCATION_TYPES,
        )
        return context


# Uploads ----------------------------------------------------------------------------------


class BaseUploadView(PermissionMixin, FormView):
    permission_required = "outcomes.upload_figures"
    template_name = "outcomes/upload.html"
    form_class = UploadForm
    kind = ""

    def check(self, text):
        raise NotImplementedError

    def do_import(self, text, file_name):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["columns"] = self.columns()
        context["is_admin"] = self.request.user.scope.is_admin
        return context

    def form_valid(self, form):
        result = self.check(form.text)
        if not result.ok:
            count = len(result.problems)
            form.add_error(
                "file",
                f"The file has {count} problem{'s' if count != 1 else ''}, so nothing was "
                "imported: the report below names each row",
            )
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    problems=result.problems[:200],
                    more_problems=max(0, len(result.problems) - 200),
                )
            )
        try:
            result = self.do_import(form.text, (form.cleaned_data["file"].name or "")[-200:])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
            return self.form_invalid(form)
        partnerships = len({row.partnership_id for row in result.rows})
        message = (
            f"Imported {len(result.rows)} row{'s' if len(result.rows) != 1 else ''} for "
            f"{partnerships} partnership{'s' if partnerships != 1 else ''}"
        )
        if result.skipped:
            message += (
                f"; {result.skipped} row{'s' if result.skipped != 1 else ''} for other "
                "partnerships left out"
            )
        messages.success(self.request, message)
        return redirect(self.success_url_for(result))

    def success_url_for(self, result):
        ids = {row.partnership_id for row in result.rows}
        if len(ids) == 1:
            from partnerships.models import Partnership

            code = Partnership.objects.values_list("ons_code", flat=True).get(pk=ids.pop())
            return reverse("outcomes:partnership", kwargs={"code": code})
        return reverse("outcomes:index")


class CrimeUploadView(BaseUploadView):
    kind = "crime"

    def columns(self):
        read = {
            c.lower()
            for c in Indicator.objects.exclude(ons_column="").values_list("ons_column", flat=True)
        }
        keys = [
            ("CSP code", "Mandatory: the partnership’s ONS code, like E22000345"),
            ("CSP name", "Optional: not read"),
            ("Financial year", "Mandatory: like 2024/25"),
            ("Quarter", "Mandatory: Q1 (April to June) to Q4 (January to March)"),
        ]
        groups = [
            (
                name,
                "Offences recorded in the quarter (a whole number; blank or .. if not available)"
                if name.lower() in read
                else "Allowed, not read",
            )
            for name in ons.OFFENCE_GROUPS
        ]
        return keys + groups

    def check(self, text):
        return services.crime_check(user=self.request.user, text=text)

    def do_import(self, text, file_name):
        return services.crime_import(user=self.request.user, text=text, file_name=file_name)


class PopulationUploadView(BaseUploadView):
    kind = "population"

    def columns(self):
        return [
            ("CSP code", "Mandatory: the partnership’s ONS code, like E22000345"),
            ("CSP name", "Optional: not read"),
            ("Year", "Mandatory: the year of the mid-year estimate, like 2024"),
            ("Population", "Mandatory: residents, a whole number"),
        ]

    def check(self, text):
        return services.population_check(user=self.request.user, text=text)

    def do_import(self, text, file_name):
        return services.population_import(user=self.request.user, text=text, file_name=file_name)


@method_decorator(login_not_required, name="dispatch")
class CrimeSampleView(View):
    """A small made-up file in the ONS shape. Public: it holds no real data."""

    def get(self, request):
        return csv_file.response("recorded-crime-sample.csv", ons.crime_sample_rows())


@method_decorator(login_not_required, name="dispatch")
class PopulationSampleView(View):
    def get(self, request):
        return csv_file.response("population-sample.csv", ons.population_sample_rows())


# Survey results and targets ----------------------------------------------------------------


class SurveyFigureView(PartnershipByCodeMixin, FormView):
    permission_required = "outcomes.record_outcomes"
    template_name = "outcomes/form.html"
    form_class = SurveyFigureForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Record a survey result"
        context["intro"] = (
            "The share of respondents to a local survey, with its source and sample size. "
            "A result for the same indicator and period replaces the one recorded before."
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.survey_figure_record(
                user=self.request.user,
                partnership=self.partnership,
                indicator=data["indicator"],
                period_type=data["period_type"],
                period_start=data["period_start"],
                value=data["value"],
                sample_size=data["sample_size"],
                source_note=data["source_note"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, "Survey result saved")
        return redirect("outcomes:partnership", code=self.partnership.ons_code)


class TargetCreateView(PartnershipByCodeMixin, FormView):
    permission_required = "outcomes.record_outcomes"
    template_name = "outcomes/form.html"
    form_class = TargetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Set a target for a priority"
        context["intro"] = (
            "Choose the priority, the indicator it should move, the baseline year and the "
            "change wanted. A target for the same priority and indicator replaces the old one."
        )
        context["no_priorities"] = not context["form"].fields["priority"].queryset.exists()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.target_set(user=self.request.user, **data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, "Target saved")
        return redirect("outcomes:partnership", code=self.partnership.ons_code)


class TargetDeleteView(ObjectPermissionMixin, TemplateView):
    permission_required = "outcomes.change_target"
    read_permission = "outcomes.view_target"
    template_name = "outcomes/target_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            target = get_object_or_404(
                Target.objects.select_related("priority__partnership", "indicator"),
                pk=kwargs["pk"],
                priority__partnership__ons_code=kwargs["code"],
            )
            self.target = self.check_object(target)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        context["partnership"] = self.target.priority.partnership
        return context

    def post(self, request, *args, **kwargs):
        code = self.target.priority.partnership.ons_code
        services.target_delete(user=request.user, target=self.target)
        messages.success(request, "Target removed")
        return redirect("outcomes:partnership", code=code)
