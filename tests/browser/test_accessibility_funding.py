"""Every funding page passes axe-core (WCAG 2.2 AA rules), empty and, for forms, with errors."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import Page, at, axe_cases, submit_empty

pytestmark = pytest.mark.browser


def _opportunity(world):
    from core import clock
    from funding.models import Funder, Opportunity, Theme

    funder, _ = Funder.objects.get_or_create(identifier="360G-a11y", defaults={"name": "Fund"})
    opportunity, created = Opportunity.objects.get_or_create(
        title="Serious violence support",
        defaults={
            "funder": funder,
            "description": "For partnerships.",
            "max_award": 50_000,
            "opens_at": clock.now() - timedelta(days=1),
            "closes_at": clock.now() + timedelta(days=20),
        },
    )
    if created:
        opportunity.regions.set([world.region_in])
        opportunity.themes.set(Theme.objects.filter(slug__in=["violence", "youth"]))
    return opportunity


def _bid(world):
    from funding.models import Bid

    bid, _ = Bid.objects.get_or_create(
        partnership=world.partnership,
        opportunity=_opportunity(world),
        defaults={
            "amount_requested": 2_000,
            "staff_days": 6,
            "lead_officer": world.users["manager_this"],
        },
    )
    return bid


def _watched(world):
    from funding.models import Watch

    Watch.objects.get_or_create(user=world.users["manager_this"], opportunity=_opportunity(world))
    _bid(world)


def _saved(world):
    from funding.models import SavedSearch

    SavedSearch.objects.get_or_create(
        user=world.users["manager_this"], name="Youth", defaults={"query": "theme=youth"}
    )


def _with_feed(world):
    from funding.services import calendar_token_reset

    calendar_token_reset(user=world.users["manager_this"])


def _opp_pk(world):
    return {"pk": _opportunity(world).pk}


def _bid_pk(world):
    return {"pk": _bid(world).pk}


def _code(world):
    return {"code": world.partnership.ons_code}


def bad_finder_filter(page):
    page.get_by_label("Closing within (days)").fill("soon")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()


def bad_offsets(page):
    page.get_by_label("Remind me this many days before a closing date").fill("tomorrow")
    page.get_by_role("button", name="Save reminder settings").click()
    page.wait_for_load_state()


def bad_amount(page):
    """The one opportunity is chosen already, so an empty form would save: a bad amount."""
    page.get_by_label("Amount requested (£)").fill("lots")
    page.get_by_role("button", name="Start bid", exact=True).click()
    page.wait_for_load_state()


def bad_status(page):
    page.get_by_role("button", name="Update status").click()
    page.wait_for_load_state()


FUNDING_PAGES = [
    Page("funding-finder-empty", "manager_this", at("funding:finder"), error=bad_finder_filter),
    Page(
        "funding-finder-results",
        "manager_this",
        lambda w: reverse("funding:finder") + "?theme=violence",
        setup=_watched,
    ),
    Page(
        "funding-timetable",
        "manager_this",
        at("funding:timetable"),
        setup=_watched,
        error=bad_finder_filter,
    ),
    Page("funding-timetable-empty", "reviewer_in", at("funding:timetable")),
    Page("funding-watch-list-empty", "staff_this", at("funding:watch-list")),
    Page("funding-watch-list", "manager_this", at("funding:watch-list"), setup=_watched),
    Page("funding-saved-searches-empty", "manager_this", at("funding:saved-search-list")),
    Page("funding-saved-searches", "manager_this", at("funding:saved-search-list"), setup=_saved),
    Page(
        "funding-saved-search-create",
        "manager_this",
        lambda w: reverse("funding:saved-search-create") + "?theme=youth",
        error=submit_empty("Save search"),
    ),
    Page("funding-settings", "manager_this", at("funding:settings"), error=bad_offsets),
    Page("funding-settings-with-feed", "manager_this", at("funding:settings"), setup=_with_feed),
    Page("funding-insight-empty", "reviewer_in", at("funding:insight")),
    Page("funding-insight", "admin", at("funding:insight"), setup=_watched),
    Page(
        "funding-opportunity",
        "manager_this",
        at("funding:opportunity-detail", _opp_pk),
        setup=_watched,
    ),
    Page("funding-opportunity-history", "manager_this", at("funding:opportunity-history", _opp_pk)),
    Page(
        "funding-opportunity-create",
        "reviewer_in",
        at("funding:opportunity-create"),
        error=submit_empty("Publish opportunity"),
    ),
    Page("funding-opportunity-edit", "admin", at("funding:opportunity-edit", _opp_pk)),
    Page(
        "funding-funder-create",
        "admin",
        at("funding:funder-create"),
        error=submit_empty("Add funder"),
    ),
    Page("funding-partnership-empty", "manager_this", at("funding:partnership-funding", _code)),
    Page(
        "funding-partnership",
        "staff_this",
        at("funding:partnership-funding", _code),
        setup=_watched,
    ),
    Page(
        "funding-bid-create",
        "manager_this",
        at("funding:bid-create", _code),
        setup=_opportunity,
        error=bad_amount,
    ),
    Page("funding-bid", "manager_this", at("funding:bid-detail", _bid_pk)),
    Page("funding-bid-read-only", "reviewer_in", at("funding:bid-detail", _bid_pk)),
    Page("funding-bid-edit", "manager_this", at("funding:bid-edit", _bid_pk)),
    Page("funding-bid-status", "manager_this", at("funding:bid-status", _bid_pk), error=bad_status),
    Page("funding-bid-history", "manager_this", at("funding:bid-history", _bid_pk)),
    Page("funding-home-manager", "manager_this", at("home"), setup=_watched),
]


def test_page_names_are_unique():
    names = [case.name for case in FUNDING_PAGES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(FUNDING_PAGES)))
def test_funding_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    if case.setup is not None:
        case.setup(world)
    log_in_as(page, world.user(case.role))
    path = case.url(world)
    response = page.goto(path)
    assert response.status == case.status, f"{path} answered {response.status}"
    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()
    assert_no_axe_violations(page)
