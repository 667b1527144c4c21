"""Every good-practice page passes axe-core (WCAG 2.2 AA rules), empty, with content, and in its
error states. Follows tests/browser/test_accessibility.py."""

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
    role: str
    url: Callable  # url(world) -> path
    error: Callable | None = None  # error(page): puts the page into its error state


def press(button):
    def act(page):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def go(query):
    """An error action for a GET form: load the page with bad parameters."""

    def act(page):
        page.goto(page.url.split("?")[0] + "?" + query)

    return act


def clear_title_and_save(page):
    page.get_by_label("Title", exact=True).fill("")
    press("Save changes")(page)


def entry(state, *, complete=True, adopted=False, outcome="worked"):
    def build(world):
        from goodpractice import services
        from goodpractice.models import Entry
        from tests.goodpractice import factories

        title = f"A11y {state} {outcome}{'' if complete else ' incomplete'}"
        found = Entry.objects.filter(title=title).first()
        if found is not None:
            return found
        if state == "draft":
            found = factories.draft(
                partnership=world.partnership, title=title, complete=complete, outcome=outcome
            )
        elif state == "submitted":
            found = factories.submitted(partnership=world.partnership, title=title)
        elif state == "changes_requested":
            found = services.entry_review(
                entry=factories.submitted(partnership=world.partnership, title=title),
                user=world.users["reviewer_in"],
                met_criteria=[],
                decision="request_changes",
                comments="Add the baseline.",
            )
        else:
            found = factories.published(
                partnership=world.partnership,
                title=title,
                outcome=outcome,
                reviewer=world.users["reviewer_in"],
            )
        if adopted:
            from core import clock

            services.adoption_record(
                entry=found,
                partnership=world.other_partnership,
                user=world.users["manager_other"],
                started_on=clock.today(),
                result="partly",
                explanation="It partly worked here.",
            )
        return found

    return build


def gp(name, make=None):
    def build(world):
        kwargs = {"pk": make(world).pk} if make else None
        return reverse(f"goodpractice:{name}", kwargs=kwargs)

    return build


def with_results(world):
    entry("published", adopted=True)(world)
    entry("published", outcome="did_not_work")(world)
    return reverse("goodpractice:search") + "?q=pubwatch"


def home_with_queue(world):
    entry("submitted")(world)
    return reverse("home")


PAGES = [
    Page("search-empty", "manager_other", gp("search"), error=go("outcome=nope&region=X")),
    Page("search-results", "manager_other", with_results),
    Page("criteria", "staff_other", gp("criteria")),
    Page(
        "work-manager",
        "manager_this",
        lambda world: (entry("draft")(world), reverse("goodpractice:work"))[1],
    ),
    Page(
        "work-reviewer",
        "reviewer_in",
        lambda world: (entry("submitted")(world), reverse("goodpractice:work"))[1],
    ),
    Page("work-empty", "reviewer_out", gp("work")),
    Page("home-reviewer-with-queue", "reviewer_in", home_with_queue),
    Page("entry-create", "manager_this", gp("entry-create"), error=press("Save draft")),
    Page("entry-detail-draft", "manager_this", gp("entry-detail", entry("draft"))),
    Page(
        "entry-detail-changes-requested",
        "manager_this",
        gp("entry-detail", entry("changes_requested")),
    ),
    Page(
        "entry-detail-published",
        "manager_other",
        gp("entry-detail", entry("published", adopted=True)),
    ),
    Page(
        "entry-detail-did-not-work",
        "reviewer_in",
        gp("entry-detail", entry("published", outcome="did_not_work")),
    ),
    Page(
        "entry-edit",
        "staff_this",
        gp("entry-edit", entry("changes_requested")),
        error=clear_title_and_save,
    ),
    Page(
        "entry-submit",
        "manager_this",
        gp("entry-submit", entry("draft", complete=False)),
        error=press("Submit for review"),
    ),
    Page(
        "entry-review",
        "reviewer_in",
        gp("entry-review", entry("submitted")),
        error=press("Record the decision"),
    ),
    Page("entry-archive", "reviewer_in", gp("entry-archive", entry("published"))),
    Page("entry-history", "manager_this", gp("entry-history", entry("changes_requested"))),
    Page("entry-data", "manager_this", gp("entry-data", entry("published"))),
    Page(
        "adoption-create",
        "staff_other",
        gp("adoption-create", entry("published")),
        error=press("Record the adoption"),
    ),
]


def test_page_names_are_unique():
    names = [case.name for case in PAGES]
    assert len(names) == len(set(names))


def test_every_goodpractice_page_is_covered():
    from tests.permissions.matrix import url_pattern_names

    covered = {
        "search",
        "criteria",
        "work",
        "entry-create",
        "entry-detail",
        "entry-edit",
        "entry-submit",
        "entry-review",
        "entry-archive",
        "entry-history",
        "entry-data",
        "adoption-create",
    }
    # Not pages: the CSV export and the report download.
    downloads = {"search-export", "entry-report"}
    names = {n.split(":", 1)[1] for n in url_pattern_names() if n.startswith("goodpractice:")}
    assert names == covered | downloads


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    log_in_as(page, world.user(case.role))
    path = case.url(world)
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()
    assert_no_axe_violations(page)
