"""Good-practice pages. Thin: each view checks permission, calls one selector or service, renders."""

from contextlib import nullcontext

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from core import cache, evidence
from core import csv as csv_file
from core.forms import DataDrawnOnForm
from core.views import ObjectHistoryView, ObjectPermissionMixin, PermissionMixin
from partnerships.models import Partnership

from . import selectors, services
from .forms import AdoptionForm, ArchiveForm, EntryForm, ReviewForm, SubmitForm
from .models import Entry

PAGE_SIZE = 20


def _query_string(request, drop=("page",)) -> str:
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    return params.urlencode()


def _apply_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# Search --------------------------------------------------------------------------------------


class CachedForm:
    """What base.html reads of the search form (whether it has errors, for the page title)
    when the form itself was not built because the page's body was cached."""

    def __init__(self, errors: bool):
        self.errors = errors


class SearchView(TemplateView):
    """The search page. Its body (the error summary, the filter panel and the ranked results)
    is cached under the query string, the user's ranking context and whether they may write
    entries, until the "goodpractice" version changes. Search shows published entries only, so
    the same body is right for every user with the same ranking context; the section
    navigation, which depends on the user's permissions, is rendered each time."""

    template_name = "goodpractice/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        can_write = user.has_perm("goodpractice.add_entry")
        vary = (tuple(self.request.GET.lists()), selectors.ranking_context(user), can_write)
        body = cache.fragment(
            self.request,
            "goodpractice-search",
            lambda: self._render_body(can_write),
            depends_on=[selectors.VERSION],
            shared=cache.EVERYONE,
            vary=vary,
        )
        context.update(
            form=CachedForm(body["has_errors"]),
            cached={
                "errors": mark_safe(body["errors"]),  # noqa: S308 - rendered
                "body": mark_safe(body["body"]),  # noqa: S308 - rendered
            },
        )
        return context

    def _render_body(self, can_write: bool) -> dict:
        """The search run and its body rendered: plain data, to cache."""
        user = self.request.user
        query = self.request.GET.get("q", "")
        filterset, queryset = selectors.entry_search(
            user=user, query=query, filters=self.request.GET
        )
        has_query = bool(filterset.keywords)
        with selectors.search_plans() if has_query else nullcontext():
            page = Paginator(queryset.prefetch_related(None), PAGE_SIZE).get_page(
                self.request.GET.get("page")
            )
            entries = selectors.with_theme_names(page.object_list)
            for entry in entries:
                entry.reasons = selectors.explain_rank(entry, user=user, has_query=has_query)
        context = dict(
            request=self.request,
            filter=filterset,
            form=filterset.form,
            page_obj=page,
            entries=entries,
            is_paginated=page.has_other_pages(),
            query_string=_query_string(self.request),
            search_query=_query_string(self.request),
            chosen=filterset.chosen(),
            has_query=has_query,
            can_write=can_write,
            neighbourhood=selectors.neighbourhood_of(user),
            boosts={"group": selectors.SIMILAR_GROUP_BOOST, "region": selectors.REGION_BOOST},
        )
        return {
            "has_errors": bool(filterset.form.errors),
            "errors": str(render_to_string("goodpractice/includes/search_errors.html", context)),
            "body": str(render_to_string("goodpractice/includes/search_body.html", context)),
        }


class SearchExportView(View):
    """The search results, every page, as CSV (same words, filters and order)."""

    def get(self, request):
        filterset, queryset = selectors.entry_search(
            user=request.user, query=request.GET.get("q", ""), filters=request.GET
        )
        has_query = bool(filterset.keywords)
        response = csv_file.response("good-practice.csv")
        writer = csv_file.writer(response)
        writer.writerow(
            [
                "Title",
                "Partnership",
                "Region",
                "Outcome",
                "Maryland scale level",
                "Evaluation",
                "Themes",
                "Type of area",
                "Set-up cost (£)",
                "Running cost a year (£)",
                "Time to bed in (months)",
                "Adoptions",
                "Published",
                "Why it ranks here",
                "Link",
            ]
        )
        for entry in queryset.iterator(chunk_size=500):
            writer.writerow(
                (
                    entry.title,
                    entry.partnership.name,
                    entry.partnership.region.name,
                    entry.get_outcome_display(),
                    entry.maryland_level or "",
                    entry.get_evaluation_display(),
                    "; ".join(t.name for t in entry.themes.all()),
                    entry.get_area_type_display(),
                    entry.setup_cost,
                    entry.running_cost,
                    entry.bed_in_months,
                    entry.adoption_count,
                    entry.published_at.strftime("%Y-%m-%d") if entry.published_at else "",
                    "; ".join(
                        selectors.explain_rank(entry, user=request.user, has_query=has_query)
                    ),
                    request.build_absolute_uri(entry.get_absolute_url()),
                )
            )
        return response


class CriteriaView(TemplateView):
    """The published moderation checklist: what a reviewer checks before publication."""

    template_name = "goodpractice/criteria.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["criteria"] = selectors.active_criteria()
        return context


class WorkView(TemplateView):
    """The user's own partnerships' entries in every state, and entries waiting for review."""

    template_name = "goodpractice/work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["own_entries"] = selectors.user_entries(user=user)
        context["queue"] = (
            selectors.review_queue(user=user)
            if user.scope.is_admin or user.scope.is_reviewer
            else None
        )
        context["can_write"] = user.has_perm("goodpractice.add_entry")
        return context


# Entries -------------------------------------------------------------------------------------


class EntryCreateView(PermissionMixin, FormView):
    permission_required = "goodpractice.add_entry"
    template_name = "goodpractice/entry_form.html"
    form_class = EntryForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnerships"] = selectors.writable_partnerships(user=self.request.user)
        return kwargs

    def form_valid(self, form):
        values = form.service_values()
        try:
            entry = services.entry_create(
                user=self.request.user, partnership=form.cleaned_data["partnership"], **values
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Draft saved. Submit it for review when it is complete")
        return redirect(entry.get_absolute_url())


def allowed(user, permission: str, entry=None) -> bool:
    """Asks goodpractice/rules.py directly. The workflow states are part of these rules (no
    editing a published entry, no reviewing a draft), so they hold for administrators too, who
    otherwise pass every has_perm() check (accounts.backends.AdministratorBackend)."""
    return rules.has_perm(permission, user, entry)


class EntryObjectMixin(ObjectPermissionMixin):
    model = Entry
    read_permission = "goodpractice.view_entry"

    def check_object(self, obj):
        user = self.request.user
        if allowed(user, self.permission_required, obj):
            return obj
        if allowed(user, self.read_permission, obj):
            raise PermissionDenied
        raise Http404

    def get_queryset(self):
        return Entry.objects.select_related("partnership__region", "author")


class EntryDetailView(EntryObjectMixin, DetailView):
    permission_required = "goodpractice.view_entry"
    template_name = "goodpractice/entry_detail.html"
    context_object_name = "entry"

    def get_queryset(self):
        return selectors.entry_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry, user = self.object, self.request.user
        context.update(
            checklist=selectors.checklist_for(entry),
            can_moderation=allowed(user, "goodpractice.view_moderation", entry),
            can_change=allowed(user, "goodpractice.change_entry", entry),
            can_review=allowed(user, "goodpractice.review_entry", entry),
            can_archive=allowed(user, "goodpractice.archive_entry", entry),
            can_adopt=allowed(user, "goodpractice.add_adoption", entry),
            can_cite_data=allowed(user, "goodpractice.cite_data", entry),
            data_sources=list(entry.data_sources.all()),
            adoptions=list(entry.adoptions.all()),
            decisions=list(entry.decisions.all()),
            themes=list(entry.themes.all()),
            story_partnerships=list(
                Partnership.objects.filter(pk__in=user.scope.managed_partnership_ids).only(
                    "name", "ons_code"
                )
            )
            if user.scope.is_manager
            else [],
        )
        return context


class EntryEditView(EntryObjectMixin, FormView):
    permission_required = "goodpractice.change_entry"
    template_name = "goodpractice/entry_form.html"
    form_class = EntryForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.check_object(self._fetch())

    def _fetch(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except Entry.DoesNotExist as error:
            raise Http404 from error

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnerships"] = selectors.writable_partnerships(user=self.request.user)
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = context["entry"] = self.object
        context["last_decision"] = self.object.decisions.first()
        return context

    def form_valid(self, form):
        try:
            services.entry_update(
                entry=self.object, user=self.request.user, **form.service_values()
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Your changes have been saved")
        return redirect(self.object.get_absolute_url())


class EntryActionView(EntryObjectMixin, FormView):
    """A page with a confirming form for one step of the workflow (GET shows it; POST acts)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.check_object(self._fetch())
        return super().dispatch(request, *args, **kwargs)

    def _fetch(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except Entry.DoesNotExist as error:
            raise Http404 from error

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entry"] = self.object
        return context


class EntrySubmitView(EntryActionView):
    permission_required = "goodpractice.submit_entry"
    template_name = "goodpractice/entry_submit.html"
    form_class = SubmitForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = services.submission_problems(self.object)
        context["criteria"] = selectors.active_criteria()
        return context

    def form_valid(self, form):
        try:
            services.entry_submit(entry=self.object, user=self.request.user)
        except ValidationError as error:
            _apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, "Submitted for review. The region’s reviewers have been told"
        )
        return redirect(self.object.get_absolute_url())


class EntryReviewView(EntryActionView):
    permission_required = "goodpractice.review_entry"
    template_name = "goodpractice/entry_review.html"
    form_class = ReviewForm

    def get_queryset(self):
        return selectors.entry_detail_queryset()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["criteria"] = selectors.active_criteria()
        if self.request.method == "GET":
            kwargs["initial"] = {
                "criteria": [str(c.criterion_id) for c in self.object.checks.all() if c.is_met]
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["themes"] = list(self.object.themes.all())
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            entry = services.entry_review(
                entry=self.object,
                user=self.request.user,
                met_criteria=[int(pk) for pk in data["criteria"]],
                decision=data["decision"],
                comments=data.get("comments", ""),
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
            return self.form_invalid(form)
        if entry.is_published:
            messages.success(self.request, "Published. The author has been told")
        else:
            messages.success(
                self.request, "Changes requested. The author has been sent your comments"
            )
        return redirect(entry.get_absolute_url())


class EntryArchiveView(EntryActionView):
    permission_required = "goodpractice.archive_entry"
    template_name = "goodpractice/entry_archive.html"
    form_class = ArchiveForm

    def form_valid(self, form):
        try:
            services.entry_archive(entry=self.object, user=self.request.user)
        except ValidationError as error:
            _apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Archived. It no longer appears in search")
        return redirect(self.object.get_absolute_url())


class EntryHistoryView(EntryObjectMixin, ObjectHistoryView):
    permission_required = "goodpractice.view_entry"


class EntryReportView(EntryObjectMixin, View):
    """The attached evaluation report, for those who may read the entry."""

    permission_required = "goodpractice.view_entry"

    def get(self, request, pk):
        try:
            entry = self.get_queryset().get(pk=pk)
        except Entry.DoesNotExist as error:
            raise Http404 from error
        entry = self.check_object(entry)
        if not entry.evaluation_report:
            raise Http404
        try:
            handle = entry.evaluation_report.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=entry.evaluation_report_name or "evaluation.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# Adoptions -----------------------------------------------------------------------------------


class AdoptionCreateView(EntryActionView):
    permission_required = "goodpractice.add_adoption"
    template_name = "goodpractice/adoption_form.html"
    form_class = AdoptionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnerships"] = selectors.adoptable_partnerships(
            user=self.request.user, entry=self.object
        )
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.adoption_record(
                entry=self.object,
                partnership=data["partnership"],
                user=self.request.user,
                started_on=data["started_on"],
                result=data["result"],
                explanation=data["explanation"],
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Adoption recorded. Thank you: it helps others judge whether this will work for them",
        )
        return redirect(
            reverse("goodpractice:entry-detail", kwargs={"pk": self.object.pk}) + "#adoptions"
        )


class EntryDataView(EntryObjectMixin, FormView):
    """The data streams of the entry's partnership its work drew on."""

    permission_required = "goodpractice.cite_data"
    template_name = "form.html"
    form_class = DataDrawnOnForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                entry = self.get_queryset().get(pk=kwargs["pk"])
            except Entry.DoesNotExist as error:
                raise Http404 from error
            self.object = self.check_object(entry)
            self.streams = evidence.streams(self.object.partnership)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "streams": [
                f"{source.agency_id}:{source.dataset_code}"
                for source in self.object.data_sources.all()
            ]
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "streams": self.streams}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Record the data it drew on",
            caption=self.object.title,
            back_url=self.object.get_absolute_url(),
            intro="Each member agency’s data the work used. The agencies’ staff then see "
            "what their data led to.",
        )
        return context

    def form_valid(self, form):
        try:
            count = services.entry_data_set(
                user=self.request.user,
                entry=self.object,
                keys=form.cleaned_data["streams"],
                streams=self.streams,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{count} source{'s' if count != 1 else ''} of data recorded for {self.object.title}",
        )
        return redirect(self.object.get_absolute_url())
