"""The brand, brand sheet, channels, coverage and calendar pages pass axe-core (WCAG 2.2 AA
rules) at full width and at 320 px, empty, with records, and in their error states."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_cases

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Page:
    name: str
    user: Callable
    url: Callable
    error: Callable | None = None
    setup: Callable | None = None


def role(name):
    return lambda world: world.users.get(name)


def comms(name, **kwargs):
    def build(world):
        computed = {k: (v(world) if callable(v) else v) for k, v in kwargs.items()}
        return reverse(f"communications:{name}", kwargs=computed)

    return build


def code(world):
    return world.partnership.ons_code


def press(button):
    def act(page):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def with_brand(world):
    from communications.models import Brand

    Brand.objects.create(
        partnership=world.partnership,
        public_name="Safer Leedsford",
        strapline="A safe place to live",
        primary_colour="#1d70b8",
        secondary_colour="#ffdd00",
        voice="Plain and calm.",
        key_messages="Crime is falling\nThe city centre is safe at night",
    )


def with_records(world):
    from communications.models import CalendarItem, Channel, Coverage, Story

    channel = Channel.objects.create(
        partnership=world.partnership,
        name="Leedsford Evening Post",
        kind="local_paper",
        frequency="daily",
        standing_slot="Weekly page",
        reach=42_000,
        contact_name="Sam Reporter",
        contact_email="news@example.org",
    )
    story = Story.objects.create(
        partnership=world.partnership, title="Violence falls", owner=world.users["manager_this"]
    )
    for n, tone in enumerate(["positive", "neutral", "negative"]):
        Coverage.objects.create(
            partnership=world.partnership,
            channel=channel if n else None,
            outlet_name="" if n else "Northern Daily",
            story=story if n == 1 else None,
            headline=f"Piece {n}",
            url="https://news.example.org/piece" if n else "",
            published_on=date(2026, 11, 1 + n),
            tone=tone,
            partnership_quoted=n == 1,
        )
    CalendarItem.objects.create(
        partnership=world.partnership,
        kind="campaign",
        title="Safer nights out",
        starts_on=date(2099, 12, 1),
        ends_on=date(2099, 12, 31),
        location="City centre",
    )
    CalendarItem.objects.create(
        partnership=world.partnership, kind="briefing", title="Past", starts_on=date(2020, 1, 1)
    )


def empty_public_name(page):
    page.get_by_label("Public name").fill("")
    press("Save the brand")(page)


def bad_filter(page):
    page.get_by_label("Day").first.fill("40")
    press("Show coverage")(page)


PAGES = [
    Page("brand-empty", role("manager_this"), comms("brand", code=code)),
    Page("brand-set", role("staff_this"), comms("brand", code=code), setup=with_brand),
    Page("brand-sheet", role("reviewer_in"), comms("brand-sheet", code=code), setup=with_brand),
    Page(
        "brand-edit",
        role("manager_this"),
        comms("brand-edit", code=code),
        error=empty_public_name,
    ),
    Page("channels-empty", role("manager_this"), comms("channels", code=code)),
    Page("channels", role("manager_this"), comms("channels", code=code), setup=with_records),
    Page(
        "channel-create",
        role("manager_this"),
        comms("channel-create", code=code),
        error=press("Save the channel"),
    ),
    Page("coverage-empty", role("staff_this"), comms("coverage", code=code)),
    Page(
        "coverage-full",
        role("manager_this"),
        comms("coverage", code=code),
        setup=with_records,
        error=bad_filter,
    ),
    Page(
        "coverage-create",
        role("manager_this"),
        comms("coverage-create", code=code),
        setup=with_records,
        error=press("Save the coverage"),
    ),
    Page("calendar-empty", role("staff_this"), comms("calendar", code=code)),
    Page("calendar", role("manager_this"), comms("calendar", code=code), setup=with_records),
    Page(
        "calendar-create",
        role("manager_this"),
        comms("calendar-create", code=code),
        error=press("Save to the calendar"),
    ),
]


def test_page_names_are_unique():
    assert len({case.name for case in PAGES}) == len(PAGES)


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_communications_records_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    if case.setup is not None:
        case.setup(world)
    path = case.url(world)
    user = case.user(world)
    if user is not None:
        log_in_as(page, user)
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()
    assert_no_axe_violations(page)
