"""Funding pages. Thin: each view checks permission, calls one selector or service, renders."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView

from core import cache
from core import csv as csv_file
from core.pagination import CountedPaginator
from core.views import ObjectHistoryView, ObjectPermissionMixin, PermissionMixin
from partnerships.mixins import PartnershipByCodeMixin
from partnerships.models import Partnership

from . import caching, calendar, giving360, selectors, services
from .forms import (
    BidForm,
    BidStatusForm,
    FunderForm,
    OpportunityForm,
    PreferencesForm,
    SavedSearchForm,
    WatchForm,
)
from .models import Bid, FundingPreferences, Opportunity, SavedSearch

PAGE_SIZE = 20


def _query_string(request, drop=("page",)) -> str:
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    return params.urlencode()


def _apply_services_errors(form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


# The finder ----------------------------------------------------------------------------------


class FinderView(TemplateView):
    """The finder. Its content is cached for each user until the catalogue or their watches
    change (funding.caching); the search runs only when it is not."""

    template_name = "funding/finder.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        vary, ids = caching.scope_vary(request, selectors.user_partnership_ids(request.user))
        content = caching.content(
            request,
            cache.fragment(
                request,
                "funding-finder",
                self.render_content,
                vary=vary,
                depends_on=[caching.CATALOGUE, caching.watches(request.user.pk), *ids],
            ),
        )
        context.update(content=content.html, form=content)
        return context

    def render_content(self) -> dict:
        return caching.render(
            "funding/includes/finder_content.html",
            self.content_context(),
            self.request,
            csrf_marker=True,
        )

    def content_context(self) -> dict:
        filterset, queryset = selectors.opportunity_search(
            user=self.request.user, data=self.request.GET
        )
        paginator = CountedPaginator(queryset.prefetch_related(None), PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        return dict(
            filter=filterset,
            form=filterset.form,
            page_obj=page,
            opportunities=selectors.with_theme_names(page.object_list),
            is_paginated=page.has_other_pages(),
            query_string=_query_string(self.request),
            chosen=filterset.chosen(),
            search_query=_query_string(self.request, drop=("page",)),
            next_url=self.request.get_full_path(),
        )


class FinderExportView(View):
    """The finder's results, every page, as CSV (same filters)."""

    def get(self, request):
        _filterset, queryset = selectors.opportunity_search(user=request.user, data=request.GET)
        response = csv_file.response("funding-opportunities.csv")
        writer = csv_file.writer(response)
        writer.writerow(
            [
                "Title",
                "Funder",
                "Programme",
                "Status",
                "Opens",
                "Closes",
                "Minimum award (£)",
                "Maximum award (£)",
                "Total fund (£)",
                "Themes",
                "Ring-fenced",
                "Match funding required",
                "Funding period (months)",
                "Link",
            ]
        )
        for o in queryset:
            writer.writerow(
                (
                    o.title,
                    o.funder.name,
                    o.programme,
                    o.status_label,
                    timezone.localtime(o.opens_at).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(o.closes_at).strftime("%Y-%m-%d %H:%M"),
                    o.min_award,
                    o.max_award,
                    o.total_pot,
                    "; ".join(t.name for t in o.themes.all()),
                    "Yes" if o.ring_fenced else "No",
                    "Yes" if o.match_funding_required else "No",
                    o.period_months,
                    request.build_absolute_uri(o.get_absolute_url()),
                )
            )
        return response


class TimetableView(TemplateView):
    """The 12-month timetable. Its content is cached for everyone who filters the same way
    with the same permissions until the catalogue changes or the day turns (funding.caching);
    the months are read only when it is not."""

    template_name = "funding/timetable.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        vary, ids = caching.scope_vary(request, selectors.user_partnership_ids(request.user))
        content = caching.content(
            request,
            cache.fragment(
                request,
                "funding-timetable",
                self.render_content,
                shared=cache.EVERYONE,
                vary=vary,
                depends_on=[caching.CATALOGUE, cache.TODAY, *ids],
            ),
        )
        context.update(content=content.html, form=content)
        return context

    def render_content(self) -> dict:
        return caching.render(
            "funding/includes/timetable_content.html", self.content_context(), self.request
        )

    def content_context(self) -> dict:
        month = self.request.GET.get("month", "")
        filterset, months = selectors.timetable(
            user=self.request.user,
            data=self.request.GET,
            month=month if isinstance(month, str) else "",
        )
        query = self.request.GET.copy()
        query.pop("month", None)
        return dict(
            filter=filterset,
            form=filterset.form,
            months=months,
            one_month=len(months) == 1,
            query=query.urlencode(),
            chosen=filterset.chosen(),
            event_count=sum(m.total for m in months),
        )


class TimetableExportView(View):
    """Every opening and closing of the next 12 months, filtered as the timetable is, as CSV."""

    def get(self, request):
        _filterset, months = selectors.timetable(user=request.user, data=request.GET, whole=True)
        response = csv_file.response("funding-timetable.csv")
        writer = csv_file.writer(response)
        writer.writerow(["Date and time (UK)", "What", "Opportunity", "Funder", "Link"])
        for month in months:
            for event in month.events:
                writer.writerow(
                    [
                        event.when.strftime("%Y-%m-%d %H:%M"),
                        "Opens" if event.kind == "opens" else "Closes",
                        event.opportunity.title,
                        event.opportunity.funder_name,
                        request.build_absolute_uri(event.opportunity.url),
                    ]
                )
        return response


# Opportunities -------------------------------------------------------------------------------


class OpportunityDetailView(DetailView):
    template_name = "funding/opportunity_detail.html"
    context_object_name = "opportunity"

    def get_queryset(self):
        return selectors.opportunity_detail(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_change=user.has_perm("funding.change_opportunity", self.object),
            bids=selectors.bids_of_user_for(user=user, opportunity=self.object),
            can_bid_for=selectors.partnerships_user_can_bid_for(user=user, opportunity=self.object),
        )
        return context


class OpportunityCreateView(PermissionMixin, CreateView):
    permission_required = "funding.add_opportunity"
    template_name = "funding/opportunity_form.html"
    form_class = OpportunityForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            opportunity = services.opportunity_create(
                user=self.request.user, **form.service_values()
            )
        except ValidationError as error:
            _apply_services_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Published: {opportunity.title}")
        return redirect(opportunity.get_absolute_url())


class OpportunityEditView(ObjectPermissionMixin, UpdateView):
    permission_required = "funding.change_opportunity"
    read_permission = "funding.view_opportunity"
    template_name = "funding/opportunity_form.html"
    form_class = OpportunityForm
    model = Opportunity

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        opportunity = Opportunity.objects.get(pk=self.object.pk)
        try:
            services.opportunity_update(
                opportunity=opportunity, user=self.request.user, **form.service_values()
            )
        except ValidationError as error:
            _apply_services_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Your changes have been saved")
        return redirect(opportunity.get_absolute_url())


class OpportunityHistoryView(ObjectHistoryView):
    permission_required = "funding.view_opportunity"
    model = Opportunity


class OpportunityWatchView(View):
    """Watch or stop watching (a POST from the opportunity page or the finder)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        opportunity = get_object_or_404(Opportunity, pk=pk)
        form = WatchForm(request.POST)
        target = opportunity.get_absolute_url()
        if form.is_valid():
            next_url = form.cleaned_data["next"]
            if next_url and url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = next_url
            if form.cleaned_data["watch"]:
                services.watch_add(user=request.user, opportunity=opportunity)
                messages.success(request, f"You are watching {opportunity.title}")
            else:
                services.watch_remove(user=request.user, opportunity=opportunity)
                messages.success(request, f"You stopped watching {opportunity.title}")
        return redirect(target)


class FunderCreateView(PermissionMixin, CreateView):
    permission_required = "funding.add_funder"
    template_name = "funding/funder_form.html"
    form_class = FunderForm

    def form_valid(self, form):
        funder = services.funder_create(**form.cleaned_data)
        messages.success(self.request, f"Funder added: {funder.name}")
        return redirect("funding:opportunity-create")


class WatchListView(TemplateView):
    template_name = "funding/watch_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opportunities"] = selectors.watch_list(user=self.request.user)
        context["next_url"] = self.request.get_full_path()
        return context


class WatchListExportView(View):
    """The user's watch list, as CSV."""

    def get(self, request):
        response = csv_file.response("watch-list.csv")
        writer = csv_file.writer(response)
        writer.writerow(["Title", "Funder", "Status", "Closes", "Maximum award (£)", "Link"])
        for o in selectors.watch_list(user=request.user):
            writer.writerow(
                [
                    v
                    for v in (
                        o.title,
                        o.funder.name,
                        o.status_label,
                        timezone.localtime(o.closes_at).strftime("%Y-%m-%d %H:%M"),
                        o.max_award,
                        request.build_absolute_uri(o.get_absolute_url()),
                    )
                ]
            )
        return response


# Saved searches ------------------------------------------------------------------------------


class SavedSearchListView(TemplateView):
    template_name = "funding/saved_search_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["searches"] = selectors.saved_search_list(user=self.request.user)
        return context


class SavedSearchCreateView(FormView):
    template_name = "funding/saved_search_form.html"
    form_class = SavedSearchForm

    def get_initial(self):
        return {
            "query": _query_string(self.request, drop=("page", "sort"))
            if self.request.method == "GET"
            else ""
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        services.saved_search_create(
            user=self.request.user,
            name=data["name"],
            query=data.get("query") or "",
            frequency=data["frequency"],
        )
        messages.success(self.request, f"Search saved: {data['name']}")
        return redirect("funding:saved-search-list")


class SavedSearchDeleteView(ObjectPermissionMixin, View):
    permission_required = "funding.change_savedsearch"
    http_method_names = ["post"]

    def post(self, request, pk):
        search = self.check_object(get_object_or_404(SavedSearch, pk=pk))
        services.saved_search_delete(saved_search=search)
        messages.success(request, f"Search deleted: {search.name}")
        return redirect("funding:saved-search-list")


# Settings and the calendar feed --------------------------------------------------------------


class FundingSettingsView(FormView):
    template_name = "funding/settings.html"
    form_class = PreferencesForm

    def get_initial(self):
        prefs = selectors.preferences_of(self.request.user)
        return {
            "reminder_offsets": ", ".join(str(d) for d in prefs.offsets),
            "email_reminders": prefs.email_reminders,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefs = selectors.preferences_of(self.request.user)
        if prefs.calendar_token:
            context["feed_url"] = self.request.build_absolute_uri(
                reverse("funding:calendar-feed", kwargs={"token": prefs.calendar_token})
            )
            # Calendar apps subscribe to a webcal: address (the same address, another scheme).
            context["webcal_url"] = "webcal:" + context["feed_url"].partition(":")[2]
        return context

    def form_valid(self, form):
        services.preferences_update(
            user=self.request.user,
            offsets=form.cleaned_data["reminder_offsets"],
            email_reminders=form.cleaned_data["email_reminders"],
        )
        messages.success(self.request, "Your reminder settings have been saved")
        return redirect("funding:settings")


class CalendarTokenView(View):
    """Create, replace or turn off the private calendar address."""

    http_method_names = ["post"]

    def post(self, request):
        action = request.POST.get("action")
        if action == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, "Your calendar address has been turned off")
        elif action == "reset":
            had_one = bool(selectors.preferences_of(request.user).calendar_token)
            services.calendar_token_reset(user=request.user)
            messages.success(
                request,
                "Your new calendar address is ready. The old address no longer works"
                if had_one
                else "Your calendar address is ready",
            )
        return redirect("funding:settings")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The private feed. The unguessable token is the only key; a revoked one is not found."""

    def get(self, request, token):
        if not token or len(token) > 64:
            raise Http404
        prefs = (
            FundingPreferences.objects.select_related("user")
            .filter(calendar_token=token, user__is_active=True)
            .first()
        )
        if prefs is None:
            raise Http404
        body = calendar.calendar_for(
            user=prefs.user, base_url=request.build_absolute_uri("/").rstrip("/")
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="funding-deadlines.ics"'
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


# Bids ----------------------------------------------------------------------------------------


class PartnershipFundingView(ObjectPermissionMixin, DetailView):
    permission_required = "funding.view_partnership_bids"
    template_name = "funding/partnership_funding.html"
    slug_field = "ons_code"
    slug_url_kwarg = "code"
    context_object_name = "partnership"

    def get_queryset(self):
        return Partnership.objects.select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pipeline"] = selectors.partnership_pipeline(partnership=self.object)
        context["can_change"] = self.request.user.has_perm("funding.add_bid", self.object)
        context["staff_day_cost"] = selectors.STAFF_DAY_COST
        context["flag_share"] = int(selectors.EFFORT_FLAG_SHARE * 100)
        return context


class PartnershipFundingExportView(PartnershipFundingView):
    def render_to_response(self, context, **response_kwargs):
        response = csv_file.response(f"bids-{self.object.ons_code}.csv")
        writer = csv_file.writer(response)
        writer.writerow(
            [
                "Opportunity",
                "Funder",
                "Closes",
                "Status",
                "Lead officer",
                "Amount requested (£)",
                "Amount awarded (£)",
                "Staff-days",
                "Effort cost (£)",
                "Effort large against amount",
                "Priority",
            ]
        )
        for bid in context["pipeline"].bids:
            writer.writerow(
                (
                    bid.opportunity.title,
                    bid.opportunity.funder.name,
                    timezone.localtime(bid.opportunity.closes_at).strftime("%Y-%m-%d %H:%M"),
                    bid.get_status_display(),
                    bid.lead_officer or "",
                    bid.amount_requested,
                    bid.amount_awarded,
                    bid.staff_days,
                    bid.effort_cost,
                    "Yes" if bid.effort_flag else "No",
                    bid.priority or "",
                )
            )
        return response


class BidCreateView(PartnershipByCodeMixin, FormView):
    permission_required = "funding.add_bid"
    read_permission = "funding.view_partnership_bids"
    template_name = "funding/bid_form.html"
    form_class = BidForm

    def get_initial(self):
        return {"opportunity": self.request.GET.get("opportunity")}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            bid = services.bid_create(
                user=self.request.user,
                partnership=self.partnership,
                opportunity=data["opportunity"],
                lead_officer=data.get("lead_officer"),
                amount_requested=data.get("amount_requested"),
                staff_days=data["staff_days"],
                priority=data.get("priority"),
                notes=data.get("notes", ""),
            )
        except ValidationError as error:
            _apply_services_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Bid started for {bid.opportunity.title}")
        return redirect(bid.get_absolute_url())


class BidObjectMixin(ObjectPermissionMixin):
    model = Bid
    read_permission = "funding.view_bid"

    def get_queryset(self):
        return selectors.bid_detail_queryset()


class BidDetailView(BidObjectMixin, DetailView):
    permission_required = "funding.view_bid"
    template_name = "funding/bid_detail.html"
    context_object_name = "bid"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.object
        context["can_change"] = self.request.user.has_perm("funding.change_bid", bid)
        context["effort_cost"] = selectors.effort_cost(bid)
        context["effort_flag"] = selectors.effort_is_large(bid)
        context["status_form"] = BidStatusForm(bid=bid) if bid.next_statuses else None
        return context


class BidEditView(BidObjectMixin, UpdateView):
    permission_required = "funding.change_bid"
    template_name = "funding/bid_form.html"
    form_class = BidForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.object.partnership
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.object.partnership
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        bid = Bid.objects.select_related("partnership").get(pk=self.object.pk)
        try:
            services.bid_update(
                bid=bid,
                user=self.request.user,
                lead_officer=data.get("lead_officer"),
                amount_requested=data.get("amount_requested"),
                amount_awarded=data.get("amount_awarded"),
                staff_days=data["staff_days"],
                priority=data.get("priority"),
                notes=data.get("notes", ""),
            )
        except ValidationError as error:
            _apply_services_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Your changes have been saved")
        return redirect(bid.get_absolute_url())


class BidStatusView(BidObjectMixin, DetailView):
    """Move a bid on. GET shows the form on its own page (also the error state)."""

    permission_required = "funding.change_bid"
    template_name = "funding/bid_status.html"
    context_object_name = "bid"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BidStatusForm(bid=self.object))
        return context

    def post(self, request, pk):
        self.object = self.get_object()
        if not self.object.next_statuses:
            messages.info(request, "This bid’s status is final")
            return redirect(self.object.get_absolute_url())
        form = BidStatusForm(request.POST, bid=self.object)
        if form.is_valid():
            try:
                bid = services.bid_change_status(
                    bid=self.object,
                    user=request.user,
                    status=form.cleaned_data["status"],
                    amount_awarded=form.cleaned_data.get("amount_awarded"),
                )
            except ValidationError as error:
                _apply_services_errors(form, error)
            else:
                messages.success(request, f"Bid status: {bid.get_status_display()}")
                return redirect(bid.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class BidHistoryView(BidObjectMixin, ObjectHistoryView):
    permission_required = "funding.view_bid"


# Insight and exports -------------------------------------------------------------------------


class InsightView(PermissionMixin, TemplateView):
    permission_required = "funding.view_insight"
    template_name = "funding/insight.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["by_funder"], context["by_theme"] = selectors.funding_insight()
        return context


class InsightExportView(InsightView):
    """The insight tables (by funder, then by theme), as CSV."""

    def get(self, request, *args, **kwargs):
        response = csv_file.response("funding-insight.csv")
        writer = csv_file.writer(response)
        writer.writerow(
            [
                "Breakdown",
                "Name",
                "Opportunities",
                "Median pot (£)",
                "Smallest pot (£)",
                "Median notice (days)",
                "Pots under £10,000 (%)",
                "Under 28 days' notice (%)",
            ]
        )
        by_funder, by_theme = selectors.funding_insight()
        for breakdown, rows in (("Funder", by_funder), ("Theme", by_theme)):
            for row in rows:
                writer.writerow(
                    [
                        v
                        for v in (
                            breakdown,
                            row.label,
                            row.count,
                            row.median_pot,
                            row.smallest_pot,
                            row.median_notice_days,
                            row.small_share,
                            row.short_notice_share,
                        )
                    ]
                )
        return response


class Giving360JsonView(View):
    def get(self, request):
        data = giving360.package(
            selectors.awarded_bids(user=request.user),
            source_url=request.build_absolute_uri(),
            site_url=request.build_absolute_uri("/"),
        )
        response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="awarded-bids-360giving.json"'
        return response


class Giving360CsvView(View):
    def get(self, request):
        bids = selectors.awarded_bids(user=request.user)
        return csv_file.response(
            "awarded-bids-360giving.csv",
            giving360.csv_rows(bids, source_url=request.build_absolute_uri()),
        )
