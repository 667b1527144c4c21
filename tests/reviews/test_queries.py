"""The region dashboard and its export run a fixed number of queries: the same for a region of
one partnership as for a region of 60, each with members of several kinds, documents, actions,
bids, ISTV returns and agreements."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from core import clock
from datasharing.models import IstvReturn
from partnerships.models import Action, Document, DocumentKind
from tests import factories
from tests.datasharing.helpers import make_agreement, member_agency
from tests.funding.factories import BidFactory

# The dashboard's reads: regions for the filter, partnerships, and the kept ratings (one query).
# Ratings not kept for today are worked out together: agency types, memberships, their contacts,
# documents, actions (counted), prescribed datasets, their owner types, the covering agreements
# (one: chosen and read in the ranking query), deliveries (summarised), ISTV returns (summarised for
# coverage, and the latest return per department), bids (counted), outcome indicators, their
# windows and populations, communications (brands, current plans, stories issued, coverage
# balance); then kept (one upsert). The dashboard reads only the partnerships' names, so those to
# rate are read again whole first.
RATING_QUERIES = 19
WARM_DASHBOARD_QUERIES = 3
COLD_DASHBOARD_QUERIES = WARM_DASHBOARD_QUERIES + 1 + RATING_QUERIES + 1


def _rich(partnership, today, n):
    police = member_agency(partnership, type_slug="police", name=f"{partnership.name} Police")
    member_agency(partnership, type_slug="health-commissioner", name=f"{partnership.name} ICB")
    ed = member_agency(
        partnership,
        type_slug="emergency-department",
        name=f"{partnership.name} ED",
        site_code=f"RX{n:03}",
    )
    Document.objects.create(
        partnership=partnership,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Partnership plan",
        review_due_on=today - timedelta(days=n),
    )
    Action.objects.create(
        partnership=partnership,
        title="Street lighting audit",
        owner=police,
        due_on=today - timedelta(days=n % 7),
        status="in_progress",
    )
    BidFactory(partnership=partnership, status="awarded", decided_on=today - timedelta(days=30))
    IstvReturn.objects.create(
        agency=ed,
        site_code=f"RX{n:03}",
        period_start=today - timedelta(days=40),
        period_end=today - timedelta(days=10),
        row_count=n,
    )


@pytest.fixture
def one_rich_partnership(world):
    today = clock.today()
    _rich(world.partnership, today, 0)
    make_agreement(world, status="active")
    return world


def _add_59(world):
    today = clock.today()
    for n in range(1, 60):
        _rich(factories.PartnershipFactory(name=f"Town {n:02}", region=world.region_in), today, n)


def _forget_kept_ratings():
    from reviews.models import StoredRatings

    StoredRatings.objects.all().delete()


def test_dashboard_reads_are_pinned_at_1_and_60_partnerships(
    one_rich_partnership, django_assert_num_queries, django_assert_max_num_queries
):
    from reviews import selectors

    world = one_rich_partnership
    user = world.user("reviewer_in")
    assert user.scope.is_reviewer  # roles are read once per request, before the page
    with django_assert_num_queries(COLD_DASHBOARD_QUERIES):  # nothing kept yet
        one = selectors.dashboard(user=user, today=clock.today())
    assert [row.partnership.name for row in one.rows] == ["Leedsford"]
    with django_assert_num_queries(WARM_DASHBOARD_QUERIES):  # all kept
        again = selectors.dashboard(user=user, today=clock.today())
    assert again.rows[0].results == one.rows[0].results
    _add_59(world)
    # One kept, 59 not (which have no agreement, so the agreement records are not read).
    with django_assert_max_num_queries(COLD_DASHBOARD_QUERIES):
        sixty = selectors.dashboard(user=user, today=clock.today(), sort="coverage")
    assert len(sixty.rows) == 60 and sixty.regions[0]["partnerships"] == 60
    with django_assert_num_queries(WARM_DASHBOARD_QUERIES):
        warm = selectors.dashboard(user=user, today=clock.today(), sort="coverage")
    assert [(r.partnership.pk, r.results) for r in warm.rows] == [
        (r.partnership.pk, r.results) for r in sixty.rows
    ]
    _forget_kept_ratings()
    with django_assert_num_queries(COLD_DASHBOARD_QUERIES):
        cold = selectors.dashboard(user=user, today=clock.today(), sort="coverage")
    assert [(r.partnership.pk, r.results) for r in cold.rows] == [
        (r.partnership.pk, r.results) for r in sixty.rows
    ]


def _count(client, url, **params) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("url_name", ["reviews:dashboard", "reviews:dashboard-export"])
def test_dashboard_page_and_export_run_the_same_queries_at_1_and_60(
    one_rich_partnership, client_for, url_name
):
    """The whole request, with whatever the middleware reads, is the same at 1 and 60: with
    the ratings kept, and with none kept."""
    world = one_rich_partnership
    client = client_for("reviewer_in")
    url = reverse(url_name)
    client.get(url)  # warm the session and keep the ratings
    warm_one, body = _count(client, url)
    assert "Town " not in body
    _forget_kept_ratings()
    cold_one, _body = _count(client, url)
    assert cold_one == warm_one + 1 + RATING_QUERIES + 1  # the whole partnerships, then kept
    _add_59(world)
    _forget_kept_ratings()
    cold_sixty, body = _count(client, url, sort="coverage")
    # The page's table shows the first 50 of the 60 (DashboardView.PAGE_SIZE); the export all.
    if url_name == "reviews:dashboard":
        rows = re.findall(r">(Town \d\d|Leedsford)<", body)
        assert len(rows) == 50 and "60 partnerships" in body and "Boltham" not in body
    else:
        assert body.count("Town ") >= 59 and "Leedsford" in body and "Boltham" not in body
    warm_sixty, warm_body = _count(client, url, sort="coverage")
    assert warm_body.count("Town ") == body.count("Town ")
    assert (cold_sixty, warm_sixty) == (cold_one, warm_one)
