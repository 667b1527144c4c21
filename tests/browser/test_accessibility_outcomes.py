"""Every outcomes page passes axe-core (WCAG 2.2 AA rules) at full width and at 320 px, empty,
with figures, and in its error states."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_cases
from tests.outcomes.helpers import CRIME_HEADER, csv_text

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Page:
    name: str
    user: Callable  # user(world) -> user, or None for anonymous
    url: Callable  # url(world) -> path
    error: Callable | None = None  # error(page): puts the page into its error state
    setup: Callable | None = None  # setup(world): records the page shows


def role(name):
    return lambda world: world.users.get(name)


def out(name, **kwargs):
    def build(world):
        computed = {k: (v(world) if callable(v) else v) for k, v in kwargs.items()}
        return reverse(f"outcomes:{name}", kwargs=computed)

    return build


def code(world):
    return world.partnership.ons_code


def press(button):
    def act(page):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def upload(rows, header=CRIME_HEADER):
    def act(page):
        page.get_by_label("CSV file (up to 5 MB)").set_input_files(
            files=[
                {
                    "name": "bad.csv",
                    "mimeType": "text/csv",
                    "buffer": csv_text(rows, header).encode(),
                }
            ]
        )
        press("Check and import")(page)

    return act


def bad_crime_rows(page):
    upload(
        [
            ["E22999999", "Nowhere", "2024/25", "Q1", "1", "1", "1", "1"],
            ["E22999999", "Nowhere", "2024/25", "Q1", "1a", "1", "1", "1"],
        ]
    )(page)
    expect(page.locator("#file-report")).to_be_visible()


def with_figures(world):
    """A group of four with eight quarters each, a target, and survey results."""
    from datetime import date

    from outcomes.models import Target
    from partnerships.models import Priority
    from tests import factories
    from tests.outcomes.helpers import indicator, population, quarterly

    members = [world.partnership] + [
        factories.PartnershipFactory(name=f"Peer {n}", region=world.region_in) for n in range(3)
    ]
    for n, member in enumerate(members):
        member.most_similar_group = "Group 4: large cities"
        member.save()
        population(member, 2024, 200_000)
        quarterly(
            member, "violence-against-the-person", [1500 + 300 * n - 20 * q for q in range(8)]
        )
        quarterly(member, "violence-with-injury", [500 + 10 * q for q in range(8)])
    priority = Priority.objects.create(
        partnership=world.partnership, title="Violence in the city centre", problem_statement="-"
    )
    Target.objects.create(
        priority=priority,
        indicator=indicator("violence-with-injury"),
        baseline_end=date(2024, 3, 31),
        target_change=-10,
        target_date=date(2026, 3, 31),
    )


def target(world):
    from outcomes.models import Target

    with_figures(world)
    return Target.objects.get().pk


PAGES = [
    Page("index", role("manager_this"), out("index")),
    Page("index-reviewer", role("reviewer_in"), out("index")),
    Page("rules", role("anonymous"), out("rules")),
    Page("partnership-empty", role("manager_this"), out("partnership", code=code)),
    Page(
        "partnership-with-figures",
        role("manager_this"),
        out("partnership", code=code),
        setup=with_figures,
    ),
    Page("comparison-empty", role("staff_this"), out("comparison", code=code)),
    Page(
        "comparison-with-figures",
        role("staff_this"),
        out("comparison", code=code),
        setup=with_figures,
    ),
    Page("region-empty", role("reviewer_in"), out("region", code=lambda w: w.region_in.code)),
    Page(
        "region-with-figures",
        role("reviewer_in"),
        out("region", code=lambda w: w.region_in.code),
        setup=with_figures,
    ),
    Page(
        "crime-upload", role("manager_this"), out("crime-upload"), error=press("Check and import")
    ),
    Page("crime-upload-report", role("admin"), out("crime-upload"), error=bad_crime_rows),
    Page(
        "population-upload",
        role("manager_this"),
        out("population-upload"),
        error=upload([["E22999999", "20x4", "many"]], ["CSP code", "Year", "Population"]),
    ),
    Page(
        "survey-create",
        role("manager_this"),
        out("survey-create", code=code),
        error=press("Save the result"),
    ),
    Page(
        "target-create",
        role("manager_this"),
        out("target-create", code=code),
        error=press("Save the target"),
    ),
    Page(
        "target-create-with-priorities",
        role("manager_this"),
        out("target-create", code=code),
        setup=with_figures,
        error=press("Save the target"),
    ),
    Page("target-delete", role("manager_this"), out("target-delete", code=code, pk=target)),
]


def test_page_names_are_unique():
    assert len({case.name for case in PAGES}) == len(PAGES)


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_outcomes_page_has_no_axe_violations(
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
