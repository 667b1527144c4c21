"""Data quality of ISTV returns: the share of each return's assaults with location type, method
or arrival time not known, counted at import, shown on the return and trended per department,
and rated against the review's threshold (reviews.ratings.ISTV_NOT_KNOWN_MAX_PERCENT)."""

from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from datasharing import services
from datasharing.models import IstvReturn
from reviews import ratings
from reviews.ratings import AMBER, GREEN, rate_partnerships

from .helpers import istv_csv, istv_row, member_agency, signatory_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def ed(world):
    agency = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    return agency, signatory_for(agency, email="staff.ed@example.org")


def import_month(ed, month, *, rows=10, location=0, method=0, time=0):
    """A return of `rows` assaults for 2025-`month`, the first few with fields not known."""
    agency, user = ed
    day = f"2025-{month:02d}-05"
    lines = [
        istv_row(
            when=f"{day} 23:10",
            arrived="" if n < time else f"{day} 23:50",
            method="unknown" if n < method else "body",
            location="unknown" if n < location else "pub-bar",
            place="" if n < location else "Call Lane",
        )
        for n in range(rows)
    ]
    end = date(2025, month + 1, 1) if month < 12 else date(2026, 1, 1)
    return services.istv_import(
        agency=agency,
        user=user,
        period_start=date(2025, month, 1),
        period_end=date.fromordinal(end.toordinal() - 1),
        text=istv_csv(lines).decode(),
    )


def test_each_return_counts_what_it_leaves_not_known(ed):
    istv_return = import_month(ed, 4, rows=20, location=2, method=5, time=1)
    assert (
        istv_return.location_not_known,
        istv_return.method_not_known,
        istv_return.time_not_known,
    ) == (2, 5, 1)
    assert istv_return.completeness == [
        ("Location", 2, 10),
        ("Method", 5, 25),
        ("Arrival time", 1, 5),
    ]


def test_replacing_a_return_counts_again(ed):
    agency, user = ed
    import_month(ed, 4, rows=10, method=5)
    lines = [istv_row(when="2025-04-06 22:00", arrived="2025-04-06 22:30")] * 4
    replaced = services.istv_import(
        agency=agency,
        user=user,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        text=istv_csv(lines).decode(),
        replace=True,
    )
    assert (replaced.row_count, replaced.method_not_known) == (4, 0)


def test_the_migration_counts_returns_imported_before(ed):
    istv_return = import_month(ed, 4, rows=10, location=3, method=1, time=2)
    IstvReturn.objects.update(location_not_known=0, method_not_known=0, time_not_known=0)
    module = __import__(
        "datasharing.migrations.0003_istv_return_completeness", fromlist=["count_existing"]
    )
    module.count_existing(apps, None)
    istv_return.refresh_from_db()
    assert (
        istv_return.location_not_known,
        istv_return.method_not_known,
        istv_return.time_not_known,
    ) == (3, 1, 2)


def test_the_return_list_shows_its_completeness(client, ed):
    import_month(ed, 4, rows=8, location=2)
    client.force_login(ed[1])
    page = client.get(reverse("datasharing:istv-list")).content.decode()
    assert "Location: 25% (2)" in page and "Method: 0% (0)" in page


def test_the_analysis_trends_quality_per_department(client_for, world, ed):
    import_month(ed, 4, rows=10, method=4)
    import_month(ed, 5, rows=10, method=1)
    page = client_for("manager_this").get(
        reverse("datasharing:istv-analysis", kwargs={"code": world.partnership.ons_code})
    )
    html = page.content.decode()
    assert "Data quality by department" in html
    trend = html[html.index("Data quality by department") :]
    # Newest first: May (10%) then April (40%).
    assert trend.index("1 May 2025") < trend.index("1 Apr 2025")
    assert trend.index("10%") < trend.index("40%")


@pytest.mark.parametrize(("not_known", "rating"), [(2, GREEN), (3, AMBER)])
def test_the_review_rates_the_latest_return_against_the_threshold(
    world, ed, clock, not_known, rating
):
    """10 rows: 20% not known is within ISTV_NOT_KNOWN_MAX_PERCENT, 30% is not. Only the latest
    return counts: an older, poorer one does not hold the rating down."""
    assert ratings.ISTV_NOT_KNOWN_MAX_PERCENT == 20
    import_month(ed, 4, rows=10, location=9)
    import_month(ed, 5, rows=10, time=not_known)
    (result,) = rate_partnerships([world.partnership], today=date(2025, 6, 10))
    istv = result.results["istv"]
    assert istv.rating == rating
    if rating == AMBER:
        assert "Leedsford Hospital Emergency Department" in istv.explanation
        assert "more than 20%" in istv.explanation


def test_the_rules_page_states_the_threshold(client_for):
    page = client_for("reviewer_in").get(reverse("reviews:rules")).content.decode()
    assert f"more than {ratings.ISTV_NOT_KNOWN_MAX_PERCENT}% of its assaults" in page


@pytest.mark.parametrize("months", [1, 8])
def test_quality_pages_queries_do_not_grow_with_returns(
    client_for, world, ed, months, django_assert_max_num_queries
):
    for month in range(1, months + 1):
        import_month(ed, month, rows=3, method=1)
    analysis = reverse("datasharing:istv-analysis", kwargs={"code": world.partnership.ons_code})
    manager, staff = client_for("manager_this"), client_for("anonymous")
    staff.force_login(ed[1])
    manager.get(analysis)  # the first visit of a session reads more (the session, the role)
    staff.get(reverse("datasharing:istv-list"))
    with django_assert_max_num_queries(QUERIES["analysis"]):
        assert manager.get(analysis + "?date_from=01/01/2025").status_code == 200
    with django_assert_max_num_queries(QUERIES["list"]):
        assert staff.get(reverse("datasharing:istv-list")).status_code == 200


QUERIES = {"analysis": 6, "list": 10}
