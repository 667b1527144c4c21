"""ISTV-derived indicators match a hand count of the returns, and are recounted on upload."""

from datetime import date

import pytest

from outcomes import services
from outcomes.models import Figure
from tests.datasharing.helpers import istv_csv, istv_row, member_agency

pytestmark = pytest.mark.django_db

# (assault date and time, location type): April and May 2025. 4 April 2025 is a Friday.
ASSAULTS_APRIL = [
    ("2025-04-04 21:00", "pub-bar"),  # Friday 21:00, pub: night-time economy
    ("2025-04-04 20:59", "pub-bar"),  # Friday before 21:00: not
    ("2025-04-05 02:59", "pub-bar"),  # Saturday 02:59 (Friday night): night-time economy
    ("2025-04-05 03:00", "pub-bar"),  # Saturday 03:00: not
    ("2025-04-05 23:30", "pub-bar"),  # Saturday night: night-time economy
    ("2025-04-06 01:15", "pub-bar"),  # Sunday 01:15 (Saturday night): night-time economy
    ("2025-04-06 22:00", "pub-bar"),  # Sunday night: not
    ("2025-04-05 23:00", "street"),  # Saturday night in the street: not licensed premises
    ("2025-04-10 23:00", "pub-bar"),  # Thursday: not
    ("2025-04-19 22:10", "home"),  # Saturday, at home: not
]
ASSAULTS_MAY = [
    ("2025-05-02 22:00", "pub-bar"),  # Friday night, pub: night-time economy
    ("2025-05-14 12:00", "shop"),
]


def _import(agency, rows, start, end, user):
    from datasharing import services as datasharing_services

    text = istv_csv(
        [istv_row(site="RX101", when=when, arrived="", location=loc) for when, loc in rows]
    ).decode()
    return datasharing_services.istv_import(
        agency=agency, user=user, period_start=start, period_end=end, text=text
    )


def _hand_count(rows):
    """The same rule, counted by hand from the list above: the comments say which count."""
    from datetime import datetime

    total, night = 0, 0
    for when, location in rows:
        moment = datetime.strptime(when, "%Y-%m-%d %H:%M")
        weekday, hour = moment.isoweekday(), moment.hour
        total += 1
        friday_or_saturday_night = (
            (weekday == 5 and hour >= 21)
            or (weekday == 6 and (hour < 3 or hour >= 21))
            or (weekday == 7 and hour < 3)
        )
        night += friday_or_saturday_night and location == "pub-bar"
    return total, night


@pytest.fixture
def ed(world):
    return member_agency(
        world.partnership, type_slug="emergency-department", name="Leedsford ED", site_code="RX101"
    )


def _figures(partnership):
    return {
        (f.indicator.code, f.period_start): int(f.value)
        for f in Figure.objects.filter(partnership=partnership).select_related("indicator")
    }


def test_istv_figures_match_a_hand_count(world, ed):
    user = world.users["admin"]
    _import(ed, ASSAULTS_APRIL, date(2025, 4, 1), date(2025, 4, 30), user)
    _import(ed, ASSAULTS_MAY, date(2025, 5, 1), date(2025, 6, 30), user)  # June: no assaults
    services.istv_figures_refresh(partnership_ids=None)
    april, may = _hand_count(ASSAULTS_APRIL), _hand_count(ASSAULTS_MAY)
    assert april == (10, 4) and may == (2, 1)  # the comments above agree with the rule
    assert _figures(world.partnership) == {
        ("ed-assault-attendances", date(2025, 4, 1)): april[0],
        ("ed-assault-attendances", date(2025, 5, 1)): may[0],
        ("ed-assault-attendances", date(2025, 6, 1)): 0,
        ("night-time-economy-assaults", date(2025, 4, 1)): april[1],
        ("night-time-economy-assaults", date(2025, 5, 1)): may[1],
        ("night-time-economy-assaults", date(2025, 6, 1)): 0,
    }
    assert _figures(world.other_partnership) == {}
    # Idempotent: a second run changes nothing.
    before = list(Figure.objects.order_by("pk").values_list("pk", "value"))
    services.istv_figures_refresh(partnership_ids=None)
    assert list(Figure.objects.order_by("pk").values_list("pk", "value")) == before


def test_istv_figures_match_the_demo_returns_counted_by_hand():
    """The demo's Leeds emergency department returns, counted by hand in Python, against the
    service's counts worked out in the database."""
    from datetime import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from datasharing.models import IstvAssault
    from partnerships.models import Partnership

    call_command("seed_demo", allow_without_debug=True, verbosity=0)
    leeds = Partnership.objects.get(ons_code="E22000345")
    services.istv_figures_refresh(partnership_ids=[leeds.pk])
    expected_all, expected_night = {}, {}
    eds = leeds.memberships.filter(agency__agency_type__slug="emergency-department").values_list(
        "agency_id", flat=True
    )
    for when, code in IstvAssault.objects.filter(agency_id__in=list(eds)).values_list(
        "assault_datetime", "location_type__code"
    ):
        local: datetime = timezone.localtime(when)
        month = local.date().replace(day=1)
        expected_all[month] = expected_all.get(month, 0) + 1
        night = (
            (local.isoweekday() == 5 and local.hour >= 21)
            or (local.isoweekday() == 6 and (local.hour < 3 or local.hour >= 21))
            or (local.isoweekday() == 7 and local.hour < 3)
        )
        if night and code == "pub-bar":
            expected_night[month] = expected_night.get(month, 0) + 1
    assert expected_all, "the demo has ISTV returns for Leeds"
    got = _figures(leeds)
    for month, count in expected_all.items():
        assert got[("ed-assault-attendances", month)] == count
        assert got[("night-time-economy-assaults", month)] == expected_night.get(month, 0)


def test_an_istv_upload_recounts_on_commit(world, ed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _import(ed, ASSAULTS_MAY, date(2025, 5, 1), date(2025, 5, 31), world.users["admin"])
    assert _figures(world.partnership)[("ed-assault-attendances", date(2025, 5, 1))] == 2


def test_the_nightly_job_is_in_the_beat_schedule():
    from cdrp_portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "outcomes.tasks.recount_istv_figures" in tasks
