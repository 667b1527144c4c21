"""Good practice in a real browser, one test per step of the issue's journey: a manager writes
and submits an entry; a reviewer asks for changes; the author revises and resubmits; the
reviewer publishes; another partnership finds it by search and records an adoption. Each test
sets up the steps before it through the services (fast), then does its own step in the browser.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Notification
from goodpractice import services
from goodpractice.models import Adoption, Entry, Status
from tests.goodpractice.factories import all_criteria_ids, submitted

pytestmark = pytest.mark.browser

TITLE = "Help points and behave or be banned"


def _submitted(world):
    return submitted(partnership=world.partnership, user=world.users["manager_this"], title=TITLE)


def _changes_requested(world):
    return services.entry_review(
        entry=_submitted(world),
        user=world.users["reviewer_in"],
        met_criteria=[],
        decision="request_changes",
        comments="Give the baseline period for the 18% fall.",
    )


def _published(world):
    return services.entry_review(
        entry=_submitted(world),
        user=world.users["reviewer_in"],
        met_criteria=all_criteria_ids(),
        decision="publish",
    )


def _text(page, label, value):
    page.get_by_label(label, exact=True).fill(value)


def test_a_manager_writes_and_submits_an_entry(page, world, log_in_as):
    log_in_as(page, world.users["manager_this"])
    page.goto("/good-practice/")
    page.get_by_role("link", name="Write an entry").first.click()
    _text(page, "Title", TITLE)
    _text(page, "Summary", "A night-time economy group with help points and a ban scheme.")
    page.get_by_label("Night-time economy", exact=True).check()
    _text(
        page,
        "The problem and its analysis",
        "Violence with injury up a third in two years, at weekends after 22:00.",
    )
    _text(page, "The response", "Help points; one Pubwatch ban covers every venue.")
    _text(page, "Effect: what changed", "Violence with injury down 18%.")
    _text(page, "Mechanism: why it worked", "Repeat troublemakers removed.")
    _text(page, "Context: where and for whom", "A city centre with 180 licensed premises.")
    page.get_by_label("Urban", exact=True).check()
    _text(page, "Implementation: what it took", "A coordinator at half time.")
    _text(page, "Set-up cost (£)", "45000")
    _text(page, "Running cost a year (£)", "38000")
    page.get_by_label("Worked", exact=True).check()
    _text(page, "Contact name", "Morgan Manager")
    _text(page, "Contact email address", "manager@example.org")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("strong.govuk-tag", has_text="Draft")).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()  # the link styled as a button
    expect(page.get_by_role("heading", name="Submit for review")).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("strong.govuk-tag", has_text="Submitted for review")).to_be_visible()
    assert Entry.objects.get(title=TITLE).status == Status.SUBMITTED
    assert Notification.objects.filter(
        user=world.users["reviewer_in"], subject__contains=TITLE
    ).exists()


def test_a_reviewer_asks_for_changes(page, world, log_in_as):
    _submitted(world)
    log_in_as(page, world.users["reviewer_in"])
    page.goto("/good-practice/yours/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=f"Review: {TITLE}")).to_be_visible()
    page.get_by_label("The problem is stated with evidence (mandatory)").check()
    page.get_by_label("Ask for changes").check()
    page.get_by_role("button", name="Record the decision").click()
    # No comments: refused with the error summary, nothing changed.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell the author what to change")
    page.get_by_label("Comments for the author").fill("Give the baseline period for the 18% fall.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("strong.govuk-tag", has_text="Changes requested")).to_be_visible()
    notice = Notification.objects.get(
        user=world.users["manager_this"], subject__startswith="Changes requested"
    )
    assert "baseline period" in notice.body


def test_the_author_revises_and_resubmits(page, world, log_in_as):
    _changes_requested(world)
    log_in_as(page, world.users["manager_this"])
    page.goto("/accounts/notifications/")
    expect(page.get_by_text("Changes requested: " + TITLE).first).to_be_visible()
    page.goto("/good-practice/yours/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("Give the baseline period")
    page.get_by_role("button", name="Edit the entry").click()
    _text(
        page,
        "Effect: what changed",
        "Violence with injury down 18% against the 2021 to 2023 baseline.",
    )
    page.get_by_role("button", name="Save changes").click()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("strong.govuk-tag", has_text="Submitted for review")).to_be_visible()
    entry = Entry.objects.get(title=TITLE)
    assert "2021 to 2023" in entry.effect and entry.status == Status.SUBMITTED


def test_the_reviewer_publishes(page, world, log_in_as):
    entry = _submitted(world)
    log_in_as(page, world.users["reviewer_in"])
    page.goto(f"/good-practice/entries/{entry.pk}/review/")
    page.get_by_label("Publish", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("mandatory criterion")
    for box in page.locator('input[name="criteria"]').all():
        box.check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Published. The author has been told")).to_be_visible()
    assert Entry.objects.get(pk=entry.pk).status == Status.PUBLISHED


def test_another_partnership_finds_it_and_records_an_adoption(page, world, log_in_as):
    entry = _published(world)
    log_in_as(page, world.users["manager_other"])
    page.goto("/good-practice/")
    page.get_by_label("Search by keyword").fill("help points")
    page.get_by_label("Night-time economy").check()
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name="1 entry")).to_be_visible()
    expect(page.locator(".gp-reason").first).to_contain_text(re.compile("match", re.IGNORECASE))
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Record that you tried it").click()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Partly worked here").check()
    page.get_by_label("What happened, and why").fill("Help points worked; bans did not catch on.")
    page.get_by_role("button", name="Record the adoption").click()
    adoptions = page.locator("#adoptions + .portal-scroll-x table")
    expect(adoptions).to_contain_text("Boltham")
    expect(adoptions).to_contain_text("Partly worked here")
    assert Adoption.objects.filter(entry=entry, partnership=world.other_partnership).exists()


def test_the_entry_page_prints_without_navigation_or_buttons(page, world, log_in_as):
    entry = _published(world)
    log_in_as(page, world.users["manager_other"])
    page.goto(entry.get_absolute_url())
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()  # with JS
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Record that you tried it")).to_be_hidden()
    expect(page.get_by_role("heading", name="The problem and its analysis")).to_be_visible()
    expect(page.locator(".gp-print-only")).to_be_visible()
