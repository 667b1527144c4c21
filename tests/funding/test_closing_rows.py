"""The home panel's funding deadlines are built in Python (funding_rows.closing_bids and
closing_opportunities) from plain values, and are the HTML the template loops wrote from the
records, to the byte."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from funding.models import Bid, BidStatus, Opportunity, Watch
from funding.selectors import closing_soon
from funding.templatetags.funding_rows import closing_bids, closing_opportunities
from tests.funding.factories import BidFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

# The loops funding/panels/closing_soon.html had before its rows were built in Python.
TEMPLATE_BIDS = """{% for bid in bids %}
  <li><a class="govuk-link" href="{{ bid.get_absolute_url }}">{{ bid.opportunity.title }}</a> ({{ bid.partnership }}, {{ bid.get_status_display|lower }}): closes {{ bid.opportunity.closes_at|govuk_datetime:"j F Y" }}</li>
  {% endfor %}"""
TEMPLATE_OPPORTUNITIES = """{% for opportunity in watched %}
  <li><a class="govuk-link" href="{{ opportunity.get_absolute_url }}">{{ opportunity.title }}</a>: closes {{ opportunity.closes_at|govuk_datetime:"j F Y" }}</li>
  {% endfor %}"""


@pytest.fixture
def closing(world, clock):
    """Bids of both active statuses (and one submitted, not shown) and watched opportunities closing at midnight, midday and
    other times, with words that need escaping."""
    now = clock.current
    manager = world.users["manager_this"]
    world.partnership.name = "Leeds & <Bradford>"
    world.partnership.save()
    times = [
        now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=3),
        now.replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=5),
        now.replace(hour=23, minute=18) + timedelta(days=9),
    ]
    made = [
        OpportunityFactory(title=title, opens_at=now - timedelta(days=9), closes_at=when)
        for title, when in zip(
            ["<script>alert('x')</script> & fund", "O'Brien's \"fund\"", "Plain fund"],
            times,
            strict=True,
        )
    ]
    for opportunity, status in zip(
        made, [BidStatus.CONSIDERING, BidStatus.PREPARING, BidStatus.SUBMITTED], strict=True
    ):
        BidFactory(
            partnership=world.partnership,
            opportunity=opportunity,
            lead_officer=manager,
            amount_requested=1_000,
            staff_days=1,
            status=status,
        )
        Watch.objects.create(user=manager, opportunity=opportunity)
    return made


def test_rows_are_what_the_template_wrote(world, closing, clock):
    manager = world.users["manager_this"]
    bids, watched = closing_soon(user=manager)
    assert len(bids) == 2 and len(watched) == 3
    # The records the panel read before, in the same order.
    bid_records = list(
        Bid.objects.filter(pk__in=[bid.pk for bid in bids])
        .select_related("opportunity", "partnership")
        .order_by("opportunity__closes_at", "id")
    )
    opportunity_records = list(
        Opportunity.objects.filter(pk__in=[o.pk for o in watched]).order_by("closes_at", "id")
    )
    assert [b.pk for b in bid_records] == [b.pk for b in bids]
    assert [o.pk for o in opportunity_records] == [o.pk for o in watched]
    assert closing_bids(bids) == Template(TEMPLATE_BIDS).render(Context({"bids": bid_records}))
    assert closing_opportunities(watched) == Template(TEMPLATE_OPPORTUNITIES).render(
        Context({"watched": opportunity_records})
    )
    html = closing_bids(bids) + closing_opportunities(watched)
    for words in (
        "Leeds &amp; &lt;Bradford&gt;, considering",
        ", preparing",
        "midnight",
        "midday",
        "11:18pm",
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; fund",
        "O&#x27;Brien&#x27;s &quot;fund&quot;",
    ):
        assert words in html, words
    assert "submitted" not in html


def test_the_panel_reads_its_rows_in_two_queries(world, closing):
    manager = world.users["manager_this"]
    assert manager.scope.managed_partnership_ids  # the user's roles, read once a request
    with CaptureQueriesContext(connection) as queries:
        closing_soon(user=manager)
    assert len(queries) == 2
