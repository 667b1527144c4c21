"""The outcomes pages: what they show, their queries pinned at 1 and 50 rows, and the cache."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outcomes.models import Figure, Target
from tests import factories
from tests.test_cache_rules import tables_read, unruled  # noqa: F401  (tables_read: a fixture)

from .helpers import indicator, monthly, population, quarterly

pytestmark = pytest.mark.django_db
VAP = "violence-against-the-person"


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def pages(world):
    code = world.partnership.ons_code
    return {
        "index": reverse("outcomes:index"),
        "partnership": reverse("outcomes:partnership", kwargs={"code": code}),
        "comparison": reverse("outcomes:comparison", kwargs={"code": code}),
        "export": reverse("outcomes:partnership-export", kwargs={"code": code}),
        "region": reverse("outcomes:region", kwargs={"code": world.region_in.code}),
        "rules": reverse("outcomes:rules"),
        "home": reverse("home"),
    }


def _rows(world, n):
    """n partnerships in the group (and region), n quarters and months of figures each, n
    targets on n priorities."""
    from partnerships.models import Priority

    world.partnership.most_similar_group = "Group X"
    world.partnership.save()
    members = [world.partnership] + [
        factories.PartnershipFactory(
            name=f"Peer {i}", region=world.region_in, most_similar_group="Group X"
        )
        for i in range(n - 1)
    ]
    for member in members:
        population(member, 2024, 100_000 + member.pk)
        quarterly(member, VAP, [300 + i for i in range(n)], start=date(2020, 4, 1))
        monthly(member, "ed-assault-attendances", [20] * n, start=date(2021, 1, 1))
    for i in range(n):
        priority = Priority.objects.create(
            partnership=world.partnership, title=f"Priority {i}", problem_statement="-"
        )
        Target.objects.create(
            priority=priority,
            indicator=indicator(VAP),
            baseline_end=date(2021, 3, 31),
            target_change=-10,
            target_date=date(2030, 3, 31),
        )


def _clear():
    from outcomes.models import Population
    from partnerships.models import Partnership, Priority

    Target.objects.all().delete()
    Priority.objects.all().delete()
    Figure.objects.all().delete()
    Population.objects.all().delete()
    Partnership.objects.filter(name__startswith="Peer ").delete()


# Counted with nothing kept (the work itself), and for a manager (the home page's panel).
QUERIES = {
    "index": 7,
    "partnership": 15,
    "comparison": 10,  # no figures read: the comparison shows no series
    "export": 12,
    "region": 10,
    "rules": 5,
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_queries_are_the_same_at_1_and_50_rows(world, client_for, settings, name):
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for("admin")
    url = pages(world)[name]
    _rows(world, 1)
    _, one = get(client, url)
    _clear()
    _rows(world, 50)
    html, fifty = get(client, url)
    assert one == fifty == QUERIES[name], (one, fifty)


def test_the_home_panel_queries_are_the_same_at_1_and_50_targets(world, client_for, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for("manager_this")
    _rows(world, 1)
    html, one = get(client, reverse("home"))
    assert "Outcomes" in html and "Priority 0" in html
    _clear()
    _rows(world, 50)
    html, fifty = get(client, reverse("home"))
    assert one == fifty
    assert "Priority 49" in html


def test_kept_pages_are_read_again_without_their_work(world, client_for):
    _rows(world, 3)
    client = client_for("manager_this")
    for name in ("partnership", "comparison"):
        first, first_count = get(client, pages(world)[name])
        second, second_count = get(client, pages(world)[name])
        assert second_count < first_count
    # A new figure anywhere is seen at once.
    Figure.objects.create(  # saved one at a time, as a person's entry is
        partnership=world.partnership,
        indicator=indicator(VAP),
        period_type="quarter",
        period_start=date(2030, 4, 1),
        value=999,
    )
    html, _ = get(client, pages(world)["partnership"])
    assert "999" in html


def test_every_model_the_outcomes_pages_read_has_a_version_rule(world, client_for, tables_read):  # noqa: F811
    _rows(world, 2)
    for role in ("admin", "reviewer_in", "manager_this", "staff_this"):
        client = client_for(role)
        for name, url in pages(world).items():
            if name in ("region",) and role in ("manager_this", "staff_this"):
                continue
            client.get(url)
    assert {"outcomes-partnership", "outcomes-comparison", "outcomes-region"} <= set(tables_read)
    assert unruled(tables_read) == {}


def test_the_partnership_page_shows_band_trend_and_targets(world, client_for):
    _rows(world, 8)
    html, _ = get(client_for("manager_this"), pages(world)["partnership"])
    assert "Violence against the person per 1,000 residents" in html
    assert "Within the normal range" in html or "Significantly" in html
    assert "Up " in html or "Down " in html or "About the same" in html
    assert "Priority 0" in html
    assert "Record a survey result" in html
    html, _ = get(client_for("staff_this"), pages(world)["partnership"])
    assert "Record a survey result" not in html
    assert "Remove<span" not in html


def test_the_export_lists_every_figure(world, client_for):
    _rows(world, 2)
    response = client_for("staff_this").get(pages(world)["export"])
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 4  # header, two quarters and two months


def test_a_manager_records_a_survey_result(world, client_for):
    client = client_for("manager_this")
    url = reverse("outcomes:survey-create", kwargs={"code": world.partnership.ons_code})
    data = {
        "indicator": indicator("feel-unsafe-after-dark").pk,
        "period_type": "quarter",
        "period_start_0": "12",
        "period_start_1": "May",
        "period_start_2": "2025",
        "value": "23.5",
        "sample_size": "1,200",
        "source_note": "Residents’ survey 2025",
    }
    assert client.post(url, data).status_code == 302
    figure = Figure.objects.get(partnership=world.partnership)
    assert (figure.period_start, figure.value, figure.sample_size) == (date(2025, 4, 1), 23.5, 1200)
    assert figure.history.count() == 1
    bad = {**data, "value": "101", "sample_size": "lots", "source_note": ""}
    html = client.post(url, bad).content.decode()
    assert "The share must be 100 or less" in html
    assert "The sample size must be a whole number" in html
    assert "Enter the source" in html
    empty = client.post(url, {}).content.decode()
    assert "This field is required" not in empty and "Enter the share" in empty


def test_a_manager_sets_and_removes_a_target(world, client_for):
    from partnerships.models import Priority

    priority = Priority.objects.create(
        partnership=world.partnership, title="City centre violence", problem_statement="-"
    )
    client = client_for("manager_this")
    code = world.partnership.ons_code
    url = reverse("outcomes:target-create", kwargs={"code": code})
    data = {
        "priority": priority.pk,
        "indicator": indicator("violence-with-injury").pk,
        "baseline_end_0": "31",
        "baseline_end_1": "3",
        "baseline_end_2": "2024",
        "target_change": "-10",
        "target_date_0": "31",
        "target_date_1": "3",
        "target_date_2": "2026",
    }
    assert client.post(url, data).status_code == 302
    target = Target.objects.get()
    assert str(target) == "Violence with injury per 1,000 residents down 10.0% by March 2026"
    html = client.post(url, {**data, "target_date_2": "2023"}).content.decode()
    assert "The target date must be after the end of the baseline" in html
    delete = reverse("outcomes:target-delete", kwargs={"code": code, "pk": target.pk})
    assert client.post(delete).status_code == 302
    assert not Target.objects.exists()


def test_a_target_of_another_partnership_is_not_found_under_this_code(world, client_for):
    from partnerships.models import Priority

    priority = Priority.objects.create(
        partnership=world.other_partnership, title="Theirs", problem_statement="-"
    )
    target = Target.objects.create(
        priority=priority,
        indicator=indicator(VAP),
        baseline_end=date(2024, 3, 31),
        target_change=-5,
        target_date=date(2026, 3, 31),
    )
    url = reverse(
        "outcomes:target-delete", kwargs={"code": world.partnership.ons_code, "pk": target.pk}
    )
    assert client_for("admin").post(url).status_code == 404
    assert Target.objects.exists()


def test_unknown_codes_are_not_found(client_for):
    client = client_for("admin")
    assert (
        client.get(reverse("outcomes:partnership", kwargs={"code": "E22XXXX"})).status_code == 404
    )
    assert client.get(reverse("outcomes:region", kwargs={"code": "nowhere"})).status_code == 404
