"""Outcomes journeys in a real browser: a manager uploads the ONS-shaped sample, sees Leeds's
figures, trend and band against its group, sets a target and sees its progress on the
outcomes page and the home page; a bad upload imports nothing and lists every problem."""

from datetime import date

import pytest
from playwright.sync_api import expect

from outcomes import ons
from outcomes.models import Figure
from tests import factories
from tests.outcomes.helpers import csv_text, population, quarterly

from .dates import fill_date

pytestmark = pytest.mark.browser


def _leeds_and_its_group(world):
    """The manager's partnership is Leeds (the sample's code), in a group of four; 2023/24 is
    already loaded, a little higher than the sample's 2024/25, and the peers have both years."""
    from partnerships.models import Priority

    leeds = world.partnership
    leeds.ons_code = "E22000345"
    leeds.name = "Leeds"
    leeds.most_similar_group = "Group 4: large cities"
    leeds.save()
    world.other_partnership.ons_code = "E22000099"  # Bolton, the sample's other partnership
    world.other_partnership.save()
    population(leeds, 2023, 822_483)
    population(leeds, 2024, 829_413)
    quarterly(leeds, "violence-against-the-person", [6700, 6600, 6500, 6400])
    quarterly(leeds, "violence-with-injury", [2200, 2150, 2100, 2050])
    for n, level in enumerate((1.0, 1.4, 0.7)):
        peer = factories.PartnershipFactory(
            name=f"Peer city {n}",
            region=world.region_in,
            most_similar_group=leeds.most_similar_group,
        )
        population(peer, 2023, 500_000)
        population(peer, 2024, 500_000)
        quarterly(peer, "violence-against-the-person", [round(4000 * level)] * 8)
        quarterly(peer, "violence-with-injury", [round(1300 * level)] * 8)
    Priority.objects.create(
        partnership=leeds,
        title="Violence with injury in the city centre",
        problem_statement="Night-time assaults around the city centre",
    )
    return leeds


def _upload(page, rows, header):
    page.get_by_label("CSV file (up to 5 MB)").set_input_files(
        files=[
            {"name": "crime.csv", "mimeType": "text/csv", "buffer": csv_text(rows, header).encode()}
        ]
    )
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_load_state()


def test_a_manager_uploads_the_ons_sample_and_sets_a_target(
    page, world, log_in_as, assert_no_axe_violations
):
    leeds = _leeds_and_its_group(world)
    log_in_as(page, world.users["manager_this"])
    page.goto("/")
    page.get_by_role("link", name="Outcomes", exact=True).first.click()
    page.get_by_role("link", name="Upload recorded crime (ONS table)").click()
    expect(page.get_by_role("link", name="sample file (CSV)")).to_be_visible()
    sample = ons.crime_sample_rows()
    _upload(page, sample[1:], sample[0])
    # Bolton's rows are not the manager's: left out, and said so.
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Imported 4 rows for 1 partnership; 4 rows for other partnerships left out"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes")
    assert (
        Figure.objects.filter(partnership=leeds, period_start=date(2025, 1, 1)).count() == 4
    )  # four offence columns
    summary = page.locator("table").filter(has_text="Group average")
    vap = summary.get_by_role("row").filter(has_text="Violence against the person per 1,000")
    expect(vap).to_contain_text("Apr 2024 to Mar 2025")
    expect(vap).to_contain_text("Down 10% (better)")  # 23,870 against 26,200 offences
    expect(vap).to_contain_text("Within the normal range")
    expect(page.locator("#indicator-violence-with-injury")).to_be_visible()
    assert_no_axe_violations(page)

    # The comparison lists the group.
    page.get_by_role("link", name="Compare with the group").click()
    expect(page.get_by_role("row").filter(has_text="Peer city 1").first).to_contain_text(
        "Significantly higher"
    )

    # A target for the priority, and its progress.
    page.go_back()
    page.get_by_role("button", name="Set a target").click()
    page.get_by_label("Priority").select_option(label="Violence with injury in the city centre")
    page.get_by_label("Indicator").select_option(label="Violence with injury per 1,000 residents")
    fill_date(page, "Baseline: the 12 months ending", "31/03/2024")
    page.get_by_label("Target change (%)").fill("-10")
    fill_date(page, "Target date", "31/03/2026")
    page.get_by_role("button", name="Save the target").click()
    progress = page.locator("table").filter(has_text="Latest 12 months").first
    expect(progress).to_contain_text("Moving towards the target")
    page.goto("/")
    expect(page.get_by_text("Violence with injury in the city centre")).to_be_visible()


def test_a_bad_upload_imports_nothing_and_lists_every_problem(page, world, log_in_as):
    leeds = _leeds_and_its_group(world)
    before = Figure.objects.count()
    log_in_as(page, world.users["manager_this"])
    page.goto("/outcomes/upload/recorded-crime/")
    header = ons.crime_sample_rows()[0]
    _upload(
        page,
        [
            ["E22999999", "Atlantis", "2024/25", "Q1", 1, 1, 1, 1, 1],
            [leeds.ons_code, "Leeds", "2024/25", "Q2", "6O50", 1960, 2560, 388, 8700],
            [leeds.ons_code, "Leeds", "2024/25", "Q3", 5890, 1905, 2490, 371, 8650],
            [leeds.ons_code, "Leeds", "2024/25", "Q3", 5890, 1905, 2490, 371, 8650],
        ],
        header,
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The file has 3 problems, so nothing was imported"
    )
    report = page.locator("#file-report")
    expect(report.get_by_role("row").filter(has_text="Row 2")).to_contain_text("E22999999")
    expect(report.get_by_role("row").filter(has_text="Row 3")).to_contain_text("6O50")
    expect(report.get_by_role("row").filter(has_text="Row 5")).to_contain_text("also on row 4")
    assert Figure.objects.count() == before
