"""A priority's targets and their progress, in the evidence chain and the action plan."""

from datetime import date

import pytest
from django.urls import reverse

from outcomes import services
from outcomes.models import Target
from tests.partnerships.factories import PriorityFactory

from .helpers import csv_text, indicator, population

pytestmark = pytest.mark.django_db


def test_the_overview_names_each_priority_s_target(world, client_for):
    priority = PriorityFactory(partnership=world.partnership, title="Night-time violence")
    url = reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})
    client = client_for("manager_this")
    assert "No indicator measures this priority yet." in client.get(url).content.decode()

    target = Target.objects.create(
        priority=priority,
        indicator=indicator("violence-with-injury"),
        baseline_end=date(2025, 3, 31),
        target_change=-10,
        target_date=date(2027, 3, 31),
    )
    page = client.get(url).content.decode()  # the cached overview is worked out again
    assert "No indicator measures this priority yet." not in page
    assert "down 10.0% by March 2027" in page
    assert str(target.indicator) in page


def test_the_action_plan_shows_each_priority_s_target_and_its_progress(world, client_for):
    priority = PriorityFactory(partnership=world.partnership, title="Night-time violence")
    url = reverse("partnerships:action-list", kwargs={"code": world.partnership.ons_code})
    client = client_for("manager_this")
    assert "Targets and progress" not in client.get(url).content.decode()

    Target.objects.create(
        priority=priority,
        indicator=indicator("violence-with-injury"),
        baseline_end=date(2025, 3, 31),
        target_change=-10,
        target_date=date(2027, 3, 31),
    )
    page = client.get(url).content.decode()
    assert "Targets and progress" in page
    assert "down 10.0% by March 2027: no figures yet" in page


def test_the_cached_overview_follows_a_new_figure(world, client_for):
    """The overview is kept between visits; a figure written later shows on the next one."""
    priority = PriorityFactory(partnership=world.partnership, title="Night-time violence")
    Target.objects.create(
        priority=priority,
        indicator=indicator("violence-with-injury"),
        baseline_end=date(2024, 3, 31),
        target_change=-10,
        target_date=date(2027, 3, 31),
    )
    population(world.partnership, 2023, 100_000)
    population(world.partnership, 2024, 100_000)
    url = reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})
    client = client_for("manager_this")
    assert "down 10.0% by March 2027: no figures yet" in client.get(url).content.decode()
    assert "down 10.0% by March 2027: no figures yet" in client.get(url).content.decode()

    code = world.partnership.ons_code
    rows = [
        [code, "Leedsford", year, f"Q{quarter}", "900", str(injuries), "40", "3000"]
        for year, injuries in (("2023/24", 250), ("2024/25", 200))
        for quarter in range(1, 5)
    ]
    services.crime_import(user=world.users["manager_this"], text=csv_text(rows))
    page = client.get(url).content.decode()
    assert "down 10.0% by March 2027: no figures yet" not in page
    assert "down 10.0% by March 2027: target met, -20.0% since the baseline" in page
