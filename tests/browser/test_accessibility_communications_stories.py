"""Every stories page passes axe-core (WCAG 2.2 AA rules): the list empty and full, a story's
page, and the form to start one, in its error state too."""

from collections.abc import Callable
from dataclasses import dataclass

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


def stories_url(world):
    return reverse("communications:stories", kwargs={"code": world.partnership.ons_code})


def create_url(world):
    return reverse("communications:story-create", kwargs={"code": world.partnership.ons_code})


def many(world):
    from tests.communications.stories_helpers import story

    for stage in ("idea", "drafted", "awaiting_approval", "approved", "issued"):
        story(world, stage=stage, title=f"A story at {stage}")


def story_url(world):
    from tests.communications.stories_helpers import story

    return story(world, stage="approved").get_absolute_url()


def press(button):
    def act(page):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


PAGES = [
    Page("stories-empty", role("manager_this"), stories_url),
    Page("stories-full", role("manager_this"), stories_url, setup=many),
    Page("story", role("manager_this"), story_url),
    Page("story-create", role("manager_this"), create_url, error=press("Save the story")),
    Page("approvals", role("staff_this"), lambda world: reverse("communications:approvals")),
]


def test_page_names_are_unique():
    assert len({case.name for case in PAGES}) == len(PAGES)


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_stories_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    if case.setup is not None:
        case.setup(world)
    path = case.url(world)
    log_in_as(page, case.user(world))
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()
    assert_no_axe_violations(page)
