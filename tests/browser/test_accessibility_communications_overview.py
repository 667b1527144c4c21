"""Every communications overview page passes axe-core (WCAG 2.2 AA rules) at full width and at
320 px: empty, with records, and the budget form with its errors."""

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
    user: Callable  # user(world) -> user
    url: Callable  # url(world) -> path
    error: Callable | None = None  # error(page): puts the page into its error state
    setup: Callable | None = None  # setup(world): records the page shows


def role(name):
    return lambda world: world.users.get(name)


def comms(name, **kwargs):
    def build(world):
        computed = {k: (v(world) if callable(v) else v) for k, v in kwargs.items()}
        return reverse(f"communications:{name}", kwargs=computed)

    return build


def code(world):
    return world.partnership.ons_code


def region(world):
    return world.region_in.code


def press(button):
    def act(page):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def too_much_publicity(page):
    page.get_by_label("Or the name of an initiative").fill("Safer streets week")
    page.get_by_label("Whole budget (£)").fill("100")
    page.get_by_label("Set aside for publicity (£)").fill("500")
    press("Save the budget")(page)


def with_records(world):
    """Every kind of record the overview pages show, and perception figures."""
    from tests.communications.test_overview import full
    from tests.communications.test_perception import with_figures

    full(world, many=3)
    with_figures(world)


def budget_pk(world):
    from communications.models import PublicityBudget
    from tests.communications.test_overview import budget

    budget(world.partnership, initiative="Summer youth programme", total=5_000, publicity=500)
    return PublicityBudget.objects.get().pk


PAGES = [
    Page("index", role("manager_this"), comms("index")),
    Page("index-reviewer", role("reviewer_in"), comms("index")),
    Page("rules", role("staff_this"), comms("rules")),
    Page("partnership-empty", role("manager_this"), comms("partnership", code=code)),
    Page(
        "partnership-with-records",
        role("manager_this"),
        comms("partnership", code=code),
        setup=with_records,
    ),
    Page("perception-empty", role("manager_this"), comms("perception", code=code)),
    Page(
        "perception-with-figures",
        role("staff_this"),
        comms("perception", code=code),
        setup=with_records,
    ),
    Page("budgets-empty", role("manager_this"), comms("budgets", code=code)),
    Page(
        "budgets-with-records",
        role("manager_this"),
        comms("budgets", code=code),
        setup=with_records,
    ),
    Page(
        "budget-create",
        role("manager_this"),
        comms("budget-create", code=code),
        error=press("Save the budget"),
    ),
    Page(
        "budget-create-over",
        role("manager_this"),
        comms("budget-create", code=code),
        error=too_much_publicity,
    ),
    Page("budget-edit", role("manager_this"), comms("budget-edit", code=code, pk=budget_pk)),
    Page("budget-delete", role("manager_this"), comms("budget-delete", code=code, pk=budget_pk)),
    Page("region-empty", role("reviewer_in"), comms("region", code=region)),
    Page(
        "region-with-records", role("reviewer_in"), comms("region", code=region), setup=with_records
    ),
]


def test_page_names_are_unique():
    assert len({case.name for case in PAGES}) == len(PAGES)


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_communications_overview_page_has_no_axe_violations(
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
