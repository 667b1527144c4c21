"""The communications dimension of the review: each branch of its rule, the facts read in
bulk, kept ratings going stale when a story or coverage changes, and the pages that show it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from communications.models import Brand, Coverage, Stage, Story, Tone
from communications.selectors import Balance, ReviewFacts
from core import clock
from partnerships.models import DocumentKind
from reviews import ratings as r
from tests.partnerships.factories import DocumentFactory

from .test_stored_ratings import _changes

pytestmark = pytest.mark.django_db


def facts(brand=True, plan=True, issued=1, positive=2, negative=1):
    return ReviewFacts(brand, plan, issued, Balance(positive=positive, negative=negative))


@pytest.mark.parametrize(
    ("given", "rating", "reason"),
    [
        (facts(), r.GREEN, "Green: a brand, a current plan, 1 story issued"),
        (facts(brand=False, issued=0), r.RED, "Red: no brand and no story issued"),
        (facts(brand=False), r.AMBER, "Amber: no brand"),
        (facts(issued=0), r.AMBER, "Amber: no story issued in the last quarter"),
        (facts(plan=False), r.AMBER, "Amber: no current communications plan"),
        (facts(positive=1, negative=1), r.AMBER, "Amber: no more positive than negative"),
        (facts(positive=0, negative=0), r.AMBER, "Amber: no more positive than negative"),
    ],
)
def test_each_branch_of_the_rule(given, rating, reason):
    result = r.rate_communications(facts=given)
    assert result.rating == rating
    assert result.explanation.startswith(reason)


def _story(partnership, owner, *, days_ago):
    return Story.objects.create(
        partnership=partnership,
        owner=owner,
        title="Help points open",
        stage=Stage.ISSUED,
        issued_on=clock.today() - timedelta(days=days_ago),
    )


def _coverage(partnership, tone, *, days_ago=5):
    return Coverage.objects.create(
        partnership=partnership,
        outlet_name="Leedsford Echo",
        headline="Help points open",
        published_on=clock.today() - timedelta(days=days_ago),
        tone=tone,
    )


def test_the_partnership_s_records_give_each_rating(world):
    p, owner = world.partnership, world.users["manager_this"]

    def rating():
        (row,) = r.rate_partnerships([p], today=clock.today())
        return row.results["communications"]

    assert rating().rating == r.RED
    _story(p, owner, days_ago=120)  # before the last quarter: does not count
    assert rating().rating == r.RED
    Brand.objects.create(partnership=p, public_name="Safer Leedsford")
    assert rating().rating == r.AMBER
    _story(p, owner, days_ago=10)
    DocumentFactory(partnership=p, kind=DocumentKind.COMMUNICATIONS_PLAN, title="Comms plan")
    _coverage(p, Tone.POSITIVE)
    _coverage(p, Tone.NEGATIVE, days_ago=200)  # outside the quarter
    result = rating()
    assert result.rating == r.GREEN, result.reason
    assert result.facts == {
        "brand": True,
        "plan": True,
        "stories_issued": 1,
        "positive": 1,
        "negative": 0,
    }


def test_a_new_story_and_new_coverage_make_the_kept_rating_stale(world):
    p, owner = world.partnership, world.users["manager_this"]
    Brand.objects.create(partnership=p, public_name="Safer Leedsford")
    _, after = _changes(p, "communications", lambda: _story(p, owner, days_ago=3))
    assert after.facts["stories_issued"] == 1
    _, after = _changes(p, "communications", lambda: _coverage(p, Tone.POSITIVE))
    assert after.facts["positive"] == 1


def test_the_rules_page_and_the_dashboard_show_the_dimension(world, client_for):
    rules = client_for("admin").get(reverse("reviews:rules")).content.decode()
    assert 'id="communications"' in rules
    assert "No brand, and no story issued in the last 3 months." in rules
    client = client_for("reviewer_in")
    html = client.get(reverse("reviews:dashboard")).content.decode()
    row = next(part for part in re.split(r"<tr\b", html) if world.partnership.name in part)
    cell = next(c for c in row.split("<td")[1:] if "#communications" in c)
    assert ">Red</strong>" in cell
    review = client.get(reverse("reviews:review", args=[world.partnership.ons_code]))
    body = re.sub(r"\s+", " ", review.content.decode())
    own = re.split(r'id="rating-|</dl>', body.split('id="rating-communications"')[1])[0]
    assert "Communications" in own and "no brand and no story issued" in own
    assert reverse("communications:partnership", args=[world.partnership.ons_code]) in own
