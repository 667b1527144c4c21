"""The coverage log: the list with its filters and balance, adding and changing a piece, and the
CSV download of what the filters show."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.views import View
from django.views.generic import FormView, TemplateView

from core import csv as csv_file
from core.pagination import IdsFirstPaginator

from ..forms.records import CoverageFilterForm, CoverageForm
from ..models import Coverage
from ..services import records as services
from .brand import CommsChangeMixin, CommsPageMixin, RecordMixin, apply_errors

PAGE_SIZE = 25


class CoverageFilterMixin(CommsPageMixin):
    """Reads the filters from the query string; a filter with errors filters nothing."""

    def filtered(self):
        form = CoverageFilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        coverage = services.coverage_list(
            partnership=self.partnership,
            tones=data.get("tone") or (),
            since=data.get("since"),
            until=data.get("until"),
        )
        return form if form.is_bound else CoverageFilterForm(), coverage


class CoverageListView(CoverageFilterMixin, TemplateView):
    template_name = "communications/coverage/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, coverage = self.filtered()
        paginator = IdsFirstPaginator(coverage, PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            filter_form=form,
            # The error summary and "Error:" title are for the filters that went wrong.
            form=form,
            balance=services.coverage_balance(coverage),
            page_obj=page,
            coverage=page.object_list,
            is_paginated=page.has_other_pages(),
            query_string=params.urlencode(),
            filtered=bool(form.is_bound and form.is_valid() and any(form.cleaned_data.values())),
        )
        return context


class CoverageExportView(CoverageFilterMixin, View):
    """The coverage the filters show, as a CSV file."""

    def get(self, request, *args, **kwargs):
        _form, coverage = self.filtered()
        answer = csv_file.response(
            f"coverage-{self.partnership.ons_code}.csv",
            [
                [
                    "Date",
                    "Outlet",
                    "Headline",
                    "Link",
                    "Reach",
                    "Tone",
                    "Partnership quoted",
                    "Story",
                ]
            ],
        )
        csv_file.writer(answer).writerows(
            [
                piece.published_on.isoformat(),
                piece.outlet,
                piece.headline,
                piece.url,
                piece.reach,
                piece.get_tone_display(),
                "Yes" if piece.partnership_quoted else "No",
                piece.story.title if piece.story_id else "",
            ]
            for piece in coverage.iterator(chunk_size=500)
        )
        return answer


class CoverageCreateView(CommsChangeMixin, FormView):
    template_name = "communications/brand/form.html"
    form_class = CoverageForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Log coverage"
        context["back_url_name"] = "communications:coverage"
        context["back_text"] = "Back to coverage"
        context["intro"] = (
            "Log every piece, good news or bad, asked for or not, so the balance can be seen."
        )
        return context

    def form_valid(self, form):
        try:
            services.coverage_record(
                partnership=self.partnership, user=self.request.user, values=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Coverage logged: {form.cleaned_data['headline']}")
        return redirect("communications:coverage", code=self.partnership.ons_code)


class CoverageEditView(RecordMixin, FormView):
    model = Coverage
    template_name = "communications/brand/form.html"
    form_class = CoverageForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "current": self.record,
        }

    def get_initial(self):
        initial = {name: getattr(self.record, name) for name in services.COVERAGE_FIELDS}
        initial["channel"] = self.record.channel_id
        initial["story"] = self.record.story_id
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Change coverage"
        context["back_url_name"] = "communications:coverage"
        context["back_text"] = "Back to coverage"
        return context

    def form_valid(self, form):
        try:
            services.coverage_update(coverage=self.record, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Coverage saved: {form.cleaned_data['headline']}")
        return redirect("communications:coverage", code=self.partnership.ons_code)


def urlpatterns(prefix: str) -> list:
    return [
        path(prefix + "coverage/", CoverageListView.as_view(), name="coverage"),
        path(prefix + "coverage/export.csv", CoverageExportView.as_view(), name="coverage-export"),
        path(prefix + "coverage/new/", CoverageCreateView.as_view(), name="coverage-create"),
        path(prefix + "coverage/<int:pk>/edit/", CoverageEditView.as_view(), name="coverage-edit"),
    ]
