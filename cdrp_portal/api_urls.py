"""The REST API: /api/v1/ routes, the OpenAPI schema at /api/schema/ and a documentation page at
/api/docs/. API views answer 401/403 themselves, so they are exempt from the sign-in redirect."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import Resolver404, include, path, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

import core.api_schema  # noqa: F401  (registers the bearer-token scheme with drf-spectacular)
from communications.api import (
    CalendarItemViewSet,
    ChannelViewSet,
    CoverageViewSet,
    PublicityBudgetViewSet,
    StoryViewSet,
)
from datasharing.api import (
    AgreementViewSet,
    DatasetViewSet,
    DeliveryViewSet,
    IstvReturnViewSet,
)
from funding.api import BidViewSet, OpportunityViewSet
from goodpractice.api import EntryViewSet
from outcomes.api import FigureViewSet, IndicatorViewSet, PopulationViewSet
from partnerships.api import ContactViewSet, MembershipViewSet, PartnershipViewSet
from reviews.api import ReviewStatusViewSet


class Router(DefaultRouter):
    include_root_view = True


router = Router()
router.register("partnerships", PartnershipViewSet, basename="partnership")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("contacts", ContactViewSet, basename="contact")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("datasets", DatasetViewSet, basename="dataset")
router.register("deliveries", DeliveryViewSet, basename="delivery")
router.register("istv-returns", IstvReturnViewSet, basename="istv-return")
router.register("funding-opportunities", OpportunityViewSet, basename="opportunity")
router.register("bids", BidViewSet, basename="bid")
router.register("good-practice-entries", EntryViewSet, basename="entry")
router.register("outcome-indicators", IndicatorViewSet, basename="outcome-indicator")
router.register("outcome-figures", FigureViewSet, basename="outcome-figure")
router.register("outcome-populations", PopulationViewSet, basename="outcome-population")
router.register("review-status", ReviewStatusViewSet, basename="review-status")
router.register("stories", StoryViewSet, basename="story")
router.register("coverage", CoverageViewSet, basename="coverage")
router.register("channels", ChannelViewSet, basename="channel")
router.register("calendar-items", CalendarItemViewSet, basename="calendar-item")
router.register("publicity-budgets", PublicityBudgetViewSet, basename="publicity-budget")


def _exempt(patterns):
    """Mark every API view login_not_required (LoginRequiredMiddleware would redirect)."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            _exempt(pattern.url_patterns)
        else:
            pattern.callback = login_not_required(pattern.callback)
    return patterns


class ApiDocsView(TemplateView):
    """A server-rendered page about the API (no scripts from elsewhere)."""

    template_name = "accounts/api_docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["endpoints"] = [
            {"prefix": prefix, "name": viewset.__name__, "doc": (viewset.__doc__ or "").strip()}
            for prefix, viewset, _basename in router.registry
        ]
        return context


@csrf_exempt
@login_not_required
def not_found(request, rest):
    """Any other address under /api/v1/: the API's 404 (JSON, in the error format), never the
    pages' HTML one."""
    message = "Not found."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            message = f"Not found. Addresses end with a slash: {request.path}/"
    return JsonResponse(
        {"detail": message, "errors": [{"field": None, "message": message}]}, status=404
    )


api_v1 = ([*_exempt(list(router.urls)), path("<path:rest>", not_found, name="not-found")], "api")

urlpatterns = [
    path("v1/", include(api_v1)),
    path(
        "schema/",
        login_not_required(SpectacularAPIView.as_view(permission_classes=[])),
        name="api-schema",
    ),
    path("docs/", ApiDocsView.as_view(), name="api-docs"),
]
