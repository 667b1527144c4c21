"""The forward calendar of briefings, campaigns and events, its forms and its iCal feed.

The feed follows funding's security model: its address holds the user's private calendar token
(the one funding's settings create, replace and turn off), so it works without a session, and it
answers only while the token's owner may read the partnership."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import FormView, TemplateView

from core import clock
from funding import selectors as funding_selectors
from funding import services as funding_services
from funding.models import FundingPreferences
from partnerships.models import Partnership

from .. import calendar_feed
from ..forms.records import CalendarItemForm
from ..models import CalendarItem
from ..services import records as services
from .brand import READ, CommsChangeMixin, CommsPageMixin, RecordMixin, apply_errors


def _feed_urls(request, partnership) -> dict:
    token = funding_selectors.preferences_of(request.user).calendar_token
    if not token:
        return {}
    feed_url = request.build_absolute_uri(
        reverse(
            "communications:calendar-feed",
            kwargs={"code": partnership.ons_code, "token": token},
        )
    )
    return {"feed_url": feed_url, "webcal_url": "webcal:" + feed_url.partition(":")[2]}


class CalendarView(CommsPageMixin, TemplateView):
    """Upcoming items first; past ones on request (?past=1)."""

    template_name = "communications/calendar/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        show_past = self.request.GET.get("past") == "1"
        context["upcoming"] = list(
            services.calendar_upcoming(partnership=self.partnership, today=today)
        )
        context["show_past"] = show_past
        if show_past:
            context["past"] = list(
                services.calendar_past(partnership=self.partnership, today=today)
            )
        context.update(_feed_urls(self.request, self.partnership))
        return context


class CalendarAddressView(CommsPageMixin, View):
    """Create the user's private calendar address, if they have none, and come back."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not funding_selectors.preferences_of(request.user).calendar_token:
            funding_services.calendar_token_reset(user=request.user)
        messages.success(request, "Your private calendar address is ready")
        return redirect("communications:calendar", code=self.partnership.ons_code)


class CalendarFormMixin:
    template_name = "communications/brand/form.html"
    form_class = CalendarItemForm
    editing = False

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "editing": self.editing,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url_name"] = "communications:calendar"
        context["back_text"] = "Back to the calendar"
        return context


class CalendarCreateView(CommsChangeMixin, CalendarFormMixin, FormView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Add to the calendar"
        context["intro"] = (
            "A media briefing, a campaign (like a night-time-economy campaign before Christmas) "
            "or an event."
        )
        return context

    def form_valid(self, form):
        try:
            item = services.calendar_item_create(
                partnership=self.partnership, values=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Added to the calendar: {item.title}")
        return redirect("communications:calendar", code=self.partnership.ons_code)


class CalendarEditView(RecordMixin, CalendarFormMixin, FormView):
    model = CalendarItem
    editing = True

    def get_initial(self):
        initial = {name: getattr(self.record, name) for name in services.CALENDAR_FIELDS}
        initial["story"] = self.record.story_id
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Change {self.record.title}"
        return context

    def form_valid(self, form):
        try:
            item = services.calendar_item_update(item=self.record, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Calendar saved: {item.title}")
        return redirect("communications:calendar", code=self.partnership.ons_code)


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The private feed. The unguessable token is the only key: a revoked token, a deactivated
    owner, or an owner who may not read the partnership, and it is not found."""

    def get(self, request, code, token):
        if not token or len(token) > 64:
            raise Http404
        prefs = (
            FundingPreferences.objects.select_related("user")
            .filter(calendar_token=token, user__is_active=True)
            .first()
        )
        if prefs is None:
            raise Http404
        partnership = get_object_or_404(Partnership, ons_code=code)
        if not prefs.user.has_perm(READ, partnership):
            raise Http404
        body = calendar_feed.feed_for(
            partnership=partnership, base_url=request.build_absolute_uri("/").rstrip("/")
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="calendar-{partnership.ons_code}.ics"'
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


def urlpatterns(prefix: str) -> list:
    return [
        path(prefix + "calendar/", CalendarView.as_view(), name="calendar"),
        path(prefix + "calendar/new/", CalendarCreateView.as_view(), name="calendar-create"),
        path(prefix + "calendar/<int:pk>/edit/", CalendarEditView.as_view(), name="calendar-edit"),
        path(prefix + "calendar/address/", CalendarAddressView.as_view(), name="calendar-address"),
        path(
            prefix + "calendar/feed/<str:token>.ics",
            CalendarFeedView.as_view(),
            name="calendar-feed",
        ),
    ]
