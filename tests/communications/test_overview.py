"""The partnership's communications page: each part with records and empty, and its queries
pinned (the same with one record of each kind as with many). Also the makers the other
overview tests use."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from communications.models import (
    Brand,
    CalendarItem,
    Channel,
    Coverage,
    PublicityBudget,
    Stage,
    Story,
)
from core import clock
from partnerships.models import Action, Document, DocumentKind

pytestmark = pytest.mark.django_db


# Makers ------------------------------------------------------------------------------------


def brand(partnership, name="Safer Leedsford"):
    return Brand.objects.create(
        partnership=partnership, public_name=name, strapline="Safe at night"
    )


def channel(partnership, name="Leedsford Echo", slot=""):
    return Channel.objects.create(
        partnership=partnership,
        name=name,
        kind="local_paper",
        frequency="weekly",
        standing_slot=slot,
    )


def story(
    partnership,
    owner,
    *,
    title="Night-time economy assaults fall",
    stage=Stage.IDEA,
    issued_on=None,
):
    return Story.objects.create(
        partnership=partnership, title=title, owner=owner, stage=stage, issued_on=issued_on
    )


def coverage(
    partnership, *, tone="positive", published_on=None, quoted=False, outlet="Radio Leedsford"
):
    return Coverage.objects.create(
        partnership=partnership,
        outlet_name=outlet,
        published_on=published_on or clock.today(),
        headline=f"A {tone} piece",
        tone=tone,
        partnership_quoted=quoted,
    )


def calendar_item(partnership, *, title="Weekly media briefing", starts_on=None, kind="briefing"):
    return CalendarItem.objects.create(
        partnership=partnership, kind=kind, title=title, starts_on=starts_on or clock.today()
    )


def action(partnership, agency, title="Street lighting audit", due_in=30):
    return Action.objects.create(
        partnership=partnership,
        title=title,
        owner=agency,
        due_on=clock.today() + timedelta(days=due_in),
    )


def budget(partnership, *, action=None, initiative="", total=10_000, publicity=500):
    return PublicityBudget.objects.create(
        partnership=partnership,
        action=action,
        initiative=initiative,
        total=total,
        publicity=publicity,
    )


def plan(partnership, *, review_due_on=None, period_end=None):
    return Document.objects.create(
        partnership=partnership,
        kind=DocumentKind.COMMUNICATIONS_PLAN,
        title="Communications plan",
        review_due_on=review_due_on,
        period_end=period_end,
    )


def page(client_for, world, role="manager_this", name="communications:partnership", **kwargs):
    address = reverse(name, kwargs={"code": world.partnership.ons_code, **kwargs})
    response = client_for(role).get(address)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's words with tags and runs of spaces removed, for phrase checks."""
    import re
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def full(world, *, many=1, first=0):
    """Records of every kind the overview shows, `many` of each (numbered from `first`)."""
    p, owner = world.partnership, world.user("manager_this")
    today = clock.today()
    if not Brand.objects.filter(partnership=p).exists():
        brand(p)
    for n in range(first, first + many):
        channel(p, name=f"Leedsford Echo {n}", slot="A weekly page" if n == 0 else "")
        story(p, owner, title=f"Story {n}", stage=Stage.ISSUED, issued_on=today - timedelta(days=3))
        story(p, owner, title=f"Idea {n}")
        coverage(p, tone="positive", quoted=True)
        coverage(p, tone="negative", published_on=today - timedelta(days=10))
        calendar_item(p, title=f"Briefing {n}", starts_on=today + timedelta(days=n + 1))
        budget(p, action=action(p, world.agency, title=f"Action {n}"), total=10_000, publicity=500)
        action(p, world.agency, title=f"Unbudgeted {n}")


# The page ----------------------------------------------------------------------------------


def test_a_first_time_manager_is_told_the_next_step_in_every_part(world, client_for):
    words = text_of(page(client_for, world))
    assert "No brand is set yet" in words
    assert "No channels are recorded yet" in words
    assert "No stories yet" in words
    assert "No coverage is logged for the last 3 months" in words
    assert "Nothing is in the calendar yet" in words
    assert "No publicity budget is set yet" in words
    assert "There are no survey results or recorded violence figures" in words
    assert "Communications" in words and "Publicity budgets" in words


def test_the_page_shows_each_part_with_records(world, client_for):
    p, owner = world.partnership, world.user("manager_this")
    today = clock.today()
    brand(p)
    channel(p, "Leedsford Echo", slot="Page 7 every Thursday")
    channel(p, "Residents’ newsletter")
    Channel.objects.create(
        partnership=p, name="Old radio", kind="radio", frequency="daily", is_active=False
    )
    story(p, owner, title="Fewer assaults", stage=Stage.ISSUED, issued_on=today)
    story(p, owner, title="Draft", stage=Stage.DRAFTED)
    story(p, owner, title="Draft 2", stage=Stage.DRAFTED)
    coverage(p, tone="positive", quoted=True)
    coverage(p, tone="positive")
    coverage(p, tone="neutral")
    coverage(p, tone="negative", quoted=True)
    coverage(p, tone="negative", published_on=today - timedelta(days=200))  # before the 3 months
    calendar_item(
        p,
        title="Christmas night-time campaign",
        starts_on=today + timedelta(days=5),
        kind="campaign",
    )
    calendar_item(p, title="Last month’s briefing", starts_on=today - timedelta(days=30))
    budgeted = action(p, world.agency, "Taxi marshals")
    action(p, world.agency, "CCTV review")
    budget(p, action=budgeted, total=20_000, publicity=1_000)
    budget(p, initiative="Summer youth programme", total=5_000, publicity=500)

    words = text_of(page(client_for, world, role="staff_this"))
    assert "The brand is set: Safer Leedsford , “Safe at night”" in words
    assert "2 channels in use" in words
    assert "Leedsford Echo Page 7 every Thursday Weekly" in words
    assert "Old radio" not in words
    assert "Idea 0 Drafted 2 Awaiting approval 0 Approved 0 Issued 1 Covered 0" in words
    assert "Positive 2 Neutral 1 Negative 1" in words
    assert "2 of 4 (50%)" in words
    assert "Christmas night-time campaign" in words
    assert "Last month’s briefing" not in words
    assert "£1,500 of £25,000 is set aside for publicity (6.0%)" in words
    assert "1 action in the plan has no publicity budget" in words


def test_the_perception_headline_links_to_the_perception_page(world, client_for):
    html = page(client_for, world)
    assert reverse("communications:perception", kwargs={"code": world.partnership.ons_code}) in html


def test_readers_who_may_not_change_get_no_prompt_to_add(world, client_for):
    html = page(client_for, world, role="reviewer_in")
    assert (
        reverse("communications:budget-create", kwargs={"code": world.partnership.ons_code})
        not in html
    )


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_page_runs_the_same_queries_with_one_record_of_each_kind_or_many(world, client_for):
    client = client_for("manager_this")
    url = reverse("communications:partnership", kwargs={"code": world.partnership.ons_code})
    client.get(url)  # sessions and roles settled
    empty = _count(client, url)
    full(world, many=1)
    one = _count(client, url)
    full(world, many=12, first=1)
    many = _count(client, url)
    assert one == many == empty
    assert one == OVERVIEW_QUERIES


# The request's own reads (session, user, roles, the partnership) and the page's: brand,
# channels, stories by stage, coverage balance, calendar, budgets, actions with none, and
# the gap's indicators, windows and populations (its 12-month sums are one more once any
# outcome figure exists: see test_perception).
OVERVIEW_QUERIES = 14


def test_the_last_quarter_starts_the_same_day_three_months_before():
    from communications.selectors import last_quarter, months_before

    assert last_quarter(date(2026, 12, 2)) == (date(2026, 9, 2), date(2026, 12, 2))
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 3) == date(2025, 10, 15)


def test_the_header_and_the_partnership_pages_link_to_communications(world, client_for):
    from core.navigation import NAVIGATION

    item = next(item for item in NAVIGATION if item.url_name == "communications:index")
    assert item.visible(world.user("staff_other")) and item.visible(world.user("reviewer_out"))
    home = client_for("manager_this").get(reverse("home")).content.decode()
    assert f'href="{reverse("communications:index")}"' in home
    code = world.partnership.ons_code
    overview = client_for("manager_this").get(
        reverse("partnerships:partnership-detail", kwargs={"code": code})
    )
    assert f'href="{reverse("communications:partnership", kwargs={"code": code})}"' in (
        overview.content.decode()
    )


def test_the_index_lists_only_the_partnerships_the_user_may_read(world, client_for):
    words = text_of(client_for("staff_this").get(reverse("communications:index")).content.decode())
    assert "Leedsford" in words and "Boltham" not in words
    reviewer = client_for("reviewer_in").get(reverse("communications:index")).content.decode()
    assert reverse("communications:region", kwargs={"code": world.region_in.code}) in reviewer
    assert reverse("communications:region", kwargs={"code": world.region_out.code}) not in reviewer
