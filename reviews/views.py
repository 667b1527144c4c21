"""Regional review pages. Thin: permissions from rules.py, reads from selectors.py, writes
through services.py."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import FormView, TemplateView

from core import cache, clock
from core import csv as csv_file
from core.views import PermissionMixin, history_entries
from partnerships.mixins import PartnershipByCodeMixin
from partnerships.models import Partnership
from partnerships.selectors import partnership_list

from . import estimator, ratings, ratings_table, selectors, services, stored
from .forms import (
    BenefitShareForm,
    EstimatorForm,
    FollowUpActionForm,
    FollowUpDecisionForm,
    FollowUpEditForm,
    FollowUpProgressForm,
    FollowUpStatusForm,
    RatingResponseForm,
    ReviewNoteForm,
    UnitCostForm,
)
from .models import BenefitShare, FollowUpAction, FollowUpStatus, UnitCost


class GetOnlyMixin:
    def post(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["GET"])


# The region dashboard -------------------------------------------------------------------


class DashboardView(PermissionMixin, GetOnlyMixin, TemplateView):
    permission_required = "reviews.view_dashboard"
    template_name = "reviews/dashboard.html"
    shows_table = True  # the export writes the rows as CSV instead
    CACHED_PARAMETERS = {"region", "dimension", "rating", "sort", "order", "page"}  # results()
    # Rows of the ratings table a page shows: the whole national table (315 rows of eleven
    # ratings) was most of the dashboard's work, and the CSV export holds every row.
    PAGE_SIZE = 50

    def query(self) -> dict:
        get = self.request.GET
        return {
            "region_code": get.get("region", ""),
            "dimension": get.get("dimension", ""),
            "rating": get.get("rating", ""),
            "sort": get.get("sort", ""),
            "descending": get.get("order") == "desc",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.query()
        regions = list(selectors.reviewable_regions(user=self.request.user))
        context.update(
            {
                "query": query,
                "regions": regions,
                "dimensions": ratings.DIMENSIONS,
                "rating_choices": list(ratings.RATING_LABELS.items()),
            }
        )
        if self.shows_table:
            context["results"] = self.results(query, regions)
        else:
            context["rows"] = self.dashboard(query).rows
        return context

    def dashboard(self, query: dict, detail: str = stored.REASONS) -> selectors.Dashboard:
        return selectors.dashboard(
            user=self.request.user, today=clock.today(), detail=detail, **query
        )

    def results(self, query: dict, regions) -> SafeString:
        """The summaries, exports and ratings table, cached for the user's scope under the
        partnerships shown, the day, the query string (only one made of the dashboard's own
        parameters, so that other addresses do not fill the cache), the regions' names and the
        time the latest of their ratings was worked out; and only when every shown
        partnership's stored ratings are current: a missing, stale or older row is rated again
        by selectors.dashboard before anything is shown, and cached next time."""
        user, today = self.request.user, clock.today()
        ids, current, latest = selectors.dashboard_partnerships(
            user=user, today=today, region_code=query["region_code"]
        )

        def compute() -> str:
            return render_to_string(
                "reviews/includes/dashboard_results.html", self.results_context(query)
            )

        if not current or not set(self.request.GET) <= self.CACHED_PARAMETERS:
            return mark_safe(compute())  # noqa: S308 - our template; other parameters: not cached, one copy per address
        vary = (latest, sorted(self.request.GET.lists()), [(r.pk, r.code, r.name) for r in regions])
        return cache.fragment(
            self.request,
            "reviews:dashboard",
            compute,
            depends_on=[*ids, cache.TODAY],
            shared=cache.PER_SCOPE,
            vary=vary,
        )

    def results_context(self, query: dict) -> dict:
        """Every row's ratings order and count the table; only its page's rows are shown
        with their reasons."""
        data = self.dashboard(query, detail=stored.RATINGS)
        rows = data.rows
        params = self.request.GET.copy()
        params.pop("page", None)
        page_query = params.urlencode()
        params.pop("sort", None)
        params.pop("order", None)
        base = params.urlencode()
        page = Paginator(rows, self.PAGE_SIZE).get_page(self.request.GET.get("page"))
        columns = []
        for dimension in ratings.DIMENSIONS:
            descending = query["sort"] == dimension.key and not query["descending"]
            href = f"?{base}&" if base else "?"
            href += f"sort={dimension.key}" + ("&order=desc" if descending else "")
            aria = "none"
            if query["sort"] == dimension.key:
                aria = "descending" if query["descending"] else "ascending"
            columns.append({"dimension": dimension, "href": href, "aria_sort": aria})
        export_params = self.request.GET.urlencode()
        return {
            "rows": rows,
            "table_body": ratings_table.table_body(
                stored.stored_ratings(
                    [row.partnership for row in page.object_list],
                    today=clock.today(),
                    detail=stored.REASONS,
                )
            ),
            "page_obj": page,
            "is_paginated": page.paginator.num_pages > 1,
            "query_string": page_query,
            "summaries": data.summaries,
            "region_summaries": data.regions if len(data.regions) > 1 else [],
            "columns": columns,
            "query": query,
            "dimensions": ratings.DIMENSIONS,
            "export_url": reverse("reviews:dashboard-export")
            + (f"?{export_params}" if export_params else ""),
            "actions_export_url": reverse("reviews:actions-export")
            + (f"?region={quote(query['region_code'])}" if query["region_code"] else ""),
        }


class DashboardExportView(DashboardView):
    shows_table = False

    def render_to_response(self, context, **response_kwargs):
        response = csv_file.response("regional-review.csv")
        writer = csv_file.writer(response)
        header = ["Partnership", "ONS code", "Region"]
        for dimension in ratings.DIMENSIONS:
            header += [f"{dimension.title}: rating", f"{dimension.title}: why"]
        writer.writerow(header)
        for row in context["rows"]:
            p = row.partnership
            cells = [p.name, p.ons_code, p.region.name]
            for _dimension, result in row.cells():
                cells += [result.label, result.explanation]
            writer.writerow(cells)
        return response


class RulesView(PermissionMixin, GetOnlyMixin, TemplateView):
    permission_required = "reviews.view_rules"
    template_name = "reviews/rules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dimensions"] = [
            {
                "dimension": d,
                "rules": [
                    (ratings.RATING_LABELS[k], ratings.TAG_CLASSES[k], rule)
                    for k, rule in zip(
                        (ratings.GREEN, ratings.AMBER, ratings.RED), d.rules, strict=True
                    )
                ],
            }
            for d in ratings.DIMENSIONS
        ]
        return context


# One partnership -------------------------------------------------------------------------

REVIEW = "reviews.review_partnership"


# Where the facts behind each dimension's rating are shown in full, for one partnership.
FACT_PAGES = {
    "statutory": ("partnerships:partnership-detail", "#engagement"),
    "depth": ("partnerships:partnership-detail", "#engagement"),
    "coverage": ("datasharing:coverage", ""),
    "istv": ("datasharing:coverage", ""),
    "documents": ("partnerships:partnership-detail", "#documents"),
    "actions": ("partnerships:partnership-detail", "#actions"),
    "dependencies": ("partnerships:partnership-detail", "#dependencies"),
    "analysis": ("partnerships:partnership-detail", "#profile"),
    "funding": ("funding:partnership-funding", ""),
    "outcomes": ("outcomes:partnership", ""),
    "communications": ("communications:partnership", ""),
}


def fact_url(dimension_key: str, partnership) -> str:
    url_name, anchor = FACT_PAGES[dimension_key]
    return reverse(url_name, kwargs={"code": partnership.ons_code}) + anchor


def rating_rows(rated, partnership) -> list:
    """(dimension, result, facts URL, responses) for each rating of the partnership."""
    responses = selectors.rating_responses(partnership=partnership)
    return [
        (dimension, result, fact_url(dimension.key, partnership), responses.get(dimension.key, []))
        for dimension, result in rated.cells()
    ]


class ReviewView(PartnershipByCodeMixin, GetOnlyMixin, TemplateView):
    permission_required = REVIEW
    template_name = "reviews/review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        rated = selectors.partnership_ratings(partnership=self.partnership, today=today)
        counts = {key: 0 for key in ratings.RATING_ORDER}
        for result in rated.results.values():
            counts[result.rating] += 1
        context.update(
            {
                "ratings": rated,
                "rating_rows": rating_rows(rated, self.partnership),
                "counts": counts,
                "notes": selectors.review_notes(partnership=self.partnership),
                "actions": selectors.follow_up_actions(partnership=self.partnership),
                "today": today,
            }
        )
        return context


class NoteCreateView(PartnershipByCodeMixin, FormView):
    permission_required = REVIEW
    template_name = "reviews/form.html"
    form_class = ReviewNoteForm
    heading = "Write a review note"

    def get_initial(self):
        return {"written_on": clock.today()}

    def form_valid(self, form):
        services.note_create(
            partnership=self.partnership, author=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, "Review note saved")
        return redirect("reviews:review", code=self.partnership.ons_code)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)


class ActionCreateView(NoteCreateView):
    form_class = FollowUpActionForm
    heading = "Add a follow-up action"

    def get_initial(self):
        return {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_valid(self, form):
        action = services.follow_up_create(
            partnership=self.partnership, created_by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, f"Follow-up action “{action.title}” added")
        return redirect("reviews:review", code=self.partnership.ons_code)


class ActionStatusView(NoteCreateView):
    """Change a follow-up action's status; links to the edit page for those who may edit it."""

    form_class = FollowUpStatusForm
    heading = "Update a follow-up action"
    links_to_edit = True

    @cached_property
    def action(self) -> FollowUpAction:
        """The action in the URL, looked up inside the partnership."""
        return get_object_or_404(FollowUpAction, pk=self.kwargs["pk"], partnership=self.partnership)

    def get_initial(self):
        return {"status": self.action.status}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = f"Update “{self.action.title}”"
        if self.links_to_edit and self.request.user.has_perm(
            ActionEditView.permission_required, self.partnership
        ):
            context["edit_url"] = reverse(
                "reviews:action-edit",
                kwargs={"code": self.partnership.ons_code, "pk": self.action.pk},
            )
        return context

    def form_valid(self, form):
        services.follow_up_set_status(action=self.action, status=form.cleaned_data["status"])
        messages.success(
            self.request, f"“{self.action.title}” is now {self.action.get_status_display().lower()}"
        )
        return redirect("reviews:review", code=self.partnership.ons_code)


class ActionEditView(ActionStatusView):
    """Change a follow-up action's title, owner and due date: for those who may add actions to
    the partnership (its region's reviewers and administrators)."""

    form_class = FollowUpEditForm
    links_to_edit = False

    def get_initial(self):
        action = self.action
        return {
            "title": action.title,
            "owner_agency": action.owner_agency_id,
            "owner_text": action.owner_text,
            "due_on": action.due_on,
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = f"Change “{self.action.title}”"
        return context

    def form_valid(self, form):
        try:
            services.follow_up_update(action=self.action, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Changes to “{self.action.title}” saved")
        return redirect("reviews:review", code=self.partnership.ons_code)


class ActionHistoryView(PartnershipByCodeMixin, GetOnlyMixin, TemplateView):
    """Who created or changed a follow-up action, when, and what changed: for everyone who
    reads the partnership's own review."""

    permission_required = "reviews.view_own_review"
    template_name = "history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = get_object_or_404(
            FollowUpAction, pk=self.kwargs["pk"], partnership=self.partnership
        )
        context.update({"record": action, "entries": history_entries(action)})
        return context


ACTION_HEADER = [
    "Partnership",
    "ONS code",
    "Region",
    "Action",
    "Owner agency",
    "Owner",
    "Due",
    "Status",
    "Overdue",
    "Reviewer",
    "Created",
]


def write_actions(response, actions, *, today) -> HttpResponse:
    writer = csv_file.writer(response)
    writer.writerow(ACTION_HEADER)
    for a in actions:
        p = a.partnership
        writer.writerow(
            (
                p.name,
                p.ons_code,
                p.region.name,
                a.title,
                a.owner_agency or "",
                a.owner_text,
                a.due_on.isoformat(),
                a.get_status_display(),
                "Yes" if a.is_overdue(today) else "No",
                a.created_by or "",
                a.created_at.date().isoformat(),
            )
        )
    return response


class ActionExportView(PartnershipByCodeMixin, GetOnlyMixin, TemplateView):
    """One partnership's follow-up actions."""

    permission_required = REVIEW

    def render_to_response(self, context, **response_kwargs):
        response = csv_file.response(f"review-actions-{self.partnership.ons_code}.csv")
        actions = selectors.follow_up_actions(partnership=self.partnership).select_related(
            "partnership__region"
        )
        return write_actions(response, actions, today=clock.today())


class RegionActionExportView(PermissionMixin, GetOnlyMixin, TemplateView):
    """Every follow-up action in the regions the user reviews (or the one region chosen)."""

    permission_required = "reviews.view_dashboard"

    def render_to_response(self, context, **response_kwargs):
        actions = selectors.follow_ups_reviewed(
            user=self.request.user, region_code=self.request.GET.get("region", "")
        )
        return write_actions(csv_file.response("review-actions.csv"), actions, today=clock.today())


class SharedNotesView(PartnershipByCodeMixin, GetOnlyMixin, TemplateView):
    permission_required = "reviews.view_shared_notes"
    template_name = "reviews/shared_notes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notes"] = selectors.review_notes(partnership=self.partnership, shared_only=True)
        return context


class PeersView(PartnershipByCodeMixin, GetOnlyMixin, TemplateView):
    permission_required = REVIEW
    template_name = "reviews/peers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.peer_rows(
            user=self.request.user, partnership=self.partnership, today=clock.today()
        )
        context["dimensions"] = ratings.DIMENSIONS
        return context


# The partnership's own review -------------------------------------------------------------


class OwnReviewView(PartnershipByCodeMixin, GetOnlyMixin, TemplateView):
    """The partnership's own review: its ratings with each reason, the responses to them and
    its follow-up actions. Never the reviewers' notes (those shared with the manager are on
    their own page)."""

    permission_required = "reviews.view_own_review"
    template_name = "reviews/own_review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        rated = selectors.partnership_ratings(partnership=self.partnership, today=today)
        user = self.request.user
        context.update(
            {
                "rating_rows": rating_rows(rated, self.partnership),
                "actions": selectors.follow_up_actions(partnership=self.partnership),
                "can_respond": user.has_perm("reviews.respond_to_review", self.partnership),
                "reads_shared_notes": user.has_perm("reviews.view_shared_notes", self.partnership),
                "today": today,
            }
        )
        return context


class RatingResponseView(PartnershipByCodeMixin, FormView):
    """The manager answers one of the partnership's ratings."""

    permission_required = "reviews.respond_to_review"
    template_name = "reviews/own_form.html"
    form_class = RatingResponseForm

    def dispatch(self, request, *args, **kwargs):
        self.dimension = ratings.DIMENSIONS_BY_KEY.get(kwargs["dimension"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.dimension is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.dimension is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rated = selectors.partnership_ratings(partnership=self.partnership, today=clock.today())
        context.update(
            {
                "heading": f"Respond to the rating on {self.dimension.title.lower()}",
                "result": rated.results[self.dimension.key],
                "dimension": self.dimension,
            }
        )
        return context

    def form_valid(self, form):
        services.rating_respond(
            partnership=self.partnership,
            author=self.request.user,
            dimension=self.dimension.key,
            text=form.cleaned_data["text"],
        )
        return redirect(
            reverse("reviews:own-review", kwargs={"code": self.partnership.ons_code})
            + f"#rating-{self.dimension.key}"
        )


class FollowUpMixin(PartnershipByCodeMixin):
    """One follow-up action of the partnership, found after the partnership is checked."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.partnership = self.check_object(
                get_object_or_404(
                    Partnership.objects.select_related("region"), ons_code=kwargs["code"]
                )
            )
            self.action = get_object_or_404(
                FollowUpAction.objects.select_related("owner_agency", "created_by"),
                pk=kwargs["pk"],
                partnership=self.partnership,
            )
        return super(PartnershipByCodeMixin, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        context["partnership"] = self.partnership
        return context


class FollowUpView(FollowUpMixin, GetOnlyMixin, TemplateView):
    """A follow-up action as the partnership reads it: what, who, when, and its trail."""

    permission_required = "reviews.view_own_review"
    template_name = "reviews/follow_up.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            {
                "entries": selectors.follow_up_entries(action=self.action),
                "can_update": (
                    user.has_perm("reviews.update_follow_up", self.partnership)
                    and self.action.status == FollowUpStatus.OPEN
                ),
                "can_decide": (
                    user.has_perm("reviews.decide_follow_up", self.partnership)
                    and self.action.status == FollowUpStatus.DONE
                ),
                "today": clock.today(),
            }
        )
        return context


class FollowUpProgressView(FollowUpMixin, FormView):
    """The manager updates an open follow-up action: its status, a note and the evidence."""

    permission_required = "reviews.update_follow_up"
    template_name = "reviews/own_form.html"
    form_class = FollowUpProgressForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        return {"status": FollowUpStatus.OPEN}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"Update “{self.action.title}”",
            back_url=self.action.get_partnership_url(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.follow_up_progress(
                action=self.action, author=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(self.action.get_partnership_url())


class FollowUpDecisionView(FollowUpMixin, FormView):
    """The reviewer accepts a follow-up action marked done, or reopens it. Until it is marked
    done there is nothing to decide: the action's page is shown instead."""

    permission_required = "reviews.decide_follow_up"
    template_name = "reviews/own_form.html"
    form_class = FollowUpDecisionForm

    def get(self, request, *args, **kwargs):
        if self.action.status != FollowUpStatus.DONE:
            return redirect(self.action.get_partnership_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.action.status != FollowUpStatus.DONE:
            return redirect(self.action.get_partnership_url())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            heading=f"Accept or reopen “{self.action.title}”",
            back_url=self.action.get_partnership_url(),
            **kwargs,
        )
        context["latest"] = selectors.follow_up_entries(action=self.action).first()
        return context

    def form_valid(self, form):
        try:
            services.follow_up_decide(
                action=self.action, reviewer=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(self.action.get_partnership_url())


# The savings estimator -------------------------------------------------------------------


class EstimatorView(PermissionMixin, GetOnlyMixin, TemplateView):
    permission_required = "reviews.use_estimator"
    template_name = "reviews/estimator.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = EstimatorForm(
            self.request.GET or None,
            partnerships=partnership_list(user=user)
            .select_related(None)
            .only("id", "name", "ons_code")
            .order_by("name"),
        )
        context["form"] = form
        context["shares"] = list(BenefitShare.objects.prefetch_related("agency_types"))
        context["unit_costs"] = list(UnitCost.objects.all())
        user = self.request.user
        context["can_edit"] = user.has_perm("reviews.change_unitcost") and user.has_perm(
            "reviews.change_benefitshare"
        )
        context["can_edit_unit_costs"] = user.has_perm("reviews.edit_unit_costs")
        if form.is_bound and form.is_valid():
            partnership = form.cleaned_data["partnership"]
            context["estimate"] = estimator.estimate(
                unit_cost=form.cleaned_data["crime_type"],
                incidents=form.cleaned_data["incidents"],
                shares=context["shares"],
                agencies=partnership
                and selectors.benefit_agencies(partnership=partnership, shares=context["shares"]),
            )
            context["partnership"] = partnership
        return context


@dataclass(frozen=True)
class ReferenceFigure:
    """How the portal lists and changes one kind of the savings estimator's figures. `update`
    calls its service with the record and the form's values; `url` is the stem of the URL names
    of its edit and history pages; `columns` are the list's (label, numeric) columns, the first
    naming the record, and `cells` gives a record's texts for the others."""

    form_class: type
    update: Callable
    url: str
    anchor: str
    caption: str
    columns: tuple
    cells: Callable
    empty: str


REFERENCE_FIGURES = {
    UnitCost: ReferenceFigure(
        UnitCostForm,
        lambda record, values: services.unit_cost_update(unit_cost=record, **values),
        "reviews:unit-cost",
        "",
        "Unit cost of one incident",
        (("Crime type", False), ("Cost per incident", True), ("Prices", False), ("Source", False)),
        lambda cost: (f"£{intcomma(cost.cost)}", cost.price_year, cost.source),
        "No unit costs yet.",
    ),
    BenefitShare: ReferenceFigure(
        BenefitShareForm,
        lambda record, values: services.benefit_share_update(benefit_share=record, **values),
        "reviews:benefit-share",
        "benefit-",
        "Who benefits: the split of an evaluated saving",
        (("Beneficiary", False), ("Saving in the evaluation", True), ("Source", False)),
        lambda share: (f"£{share.amount}m", share.source),
        "No beneficiaries yet.",
    ),
}


def reference_what(record) -> str:
    """Names a figure in a sentence, like "the unit cost of robbery"."""
    return f"the {record._meta.verbose_name} of {str(record).lower()}"


class ReferenceFigureListView(PermissionMixin, GetOnlyMixin, TemplateView):
    """The figures the savings estimator uses (the unit costs and who benefits), with their
    sources and links to change them: administrators only."""

    permission_required = "reviews.edit_unit_costs"
    template_name = "reviews/unit_costs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tables"] = [
            self.table(model, figure) for model, figure in REFERENCE_FIGURES.items()
        ]
        return context

    @staticmethod
    def table(model, figure: ReferenceFigure) -> dict:
        """One kind of figure as a table: its columns, and a row for each record with the
        links to change it and to its history."""
        columns = [{"label": label, "numeric": numeric} for label, numeric in figure.columns]
        rows = [
            {
                "anchor": figure.anchor + record.slug,
                "name": str(record),
                "cells": [
                    {"text": text, "numeric": column["numeric"]}
                    for text, column in zip(figure.cells(record), columns[1:], strict=True)
                ],
                "what": reference_what(record),
                "edit_url": reverse(f"{figure.url}-edit", kwargs={"slug": record.slug}),
                "history_url": reverse(f"{figure.url}-history", kwargs={"slug": record.slug}),
            }
            for record in model.objects.all()
        ]
        return {"caption": figure.caption, "columns": columns, "rows": rows, "empty": figure.empty}


class ReferenceFigureMixin(PermissionMixin):
    """One of the estimator's figures (a `model` record), found by its slug: administrators
    only. Everyone else is refused before the slug is looked up, so they are not told which
    figures exist."""

    permission_required = "reviews.edit_unit_costs"
    model = None  # UnitCost or BenefitShare, given in urls.py

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(self.permission_required):
            self.record = get_object_or_404(self.model, slug=kwargs["slug"])
            self.figure = REFERENCE_FIGURES[self.model]
        return super().dispatch(request, *args, **kwargs)


class ReferenceFigureEditView(ReferenceFigureMixin, FormView):
    """Change one of the estimator's figures with its form, through its service (see
    REFERENCE_FIGURES); the service's objections are shown on the form."""

    template_name = "reviews/reference_form.html"

    def get_form_class(self):
        return self.figure.form_class

    def get_initial(self):
        return {field: getattr(self.record, field) for field in self.figure.form_class.Meta.fields}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"Change {reference_what(self.record)}",
            history_url=reverse(f"{self.figure.url}-history", kwargs={"slug": self.record.slug}),
            history_label=f"{self.record._meta.verbose_name}’s history",
            **kwargs,
        )

    def form_valid(self, form):
        try:
            self.figure.update(self.record, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Changes to {reference_what(self.record)} saved")
        return redirect("reviews:unit-costs")


class ReferenceFigureHistoryView(ReferenceFigureMixin, GetOnlyMixin, TemplateView):
    """Who changed one of the estimator's figures (a `model` record), when, and what changed."""

    template_name = "history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"record": self.record, "entries": history_entries(self.record)})
        return context
