"""The data-sharing home panel: overdue deliveries for the people who can act on them."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.services import role_assign
from datasharing import services
from datasharing.models import PrescribedDataset, StoredOverdue
from datasharing.overdue import OverdueStream, overdue_streams
from datasharing.selectors import CoverageStatus, attention_for, coverage_rows_for
from tests import factories

from .helpers import make_agreement, member_agency

pytestmark = pytest.mark.django_db


def test_managers_see_every_members_overdue_stream_and_staff_only_their_agencys(world, clock):
    today = date(2025, 7, 10)
    clock.current = timezone.make_aware(datetime(2025, 7, 10, 12))
    council = member_agency(world.partnership)  # receives the police data below
    make_agreement(world, status="active", start=date(2025, 1, 1))  # Q1 crime data is late
    council_staff = factories.UserFactory(email="council.staff@example.org")
    role_assign(user=council_staff, role=Role.AGENCY_STAFF, agency=council)

    def overdue(user):
        return [
            (p.name, row.agency_name, row.dataset_name)
            for p, row in attention_for(user=user, today=today)["overdue"]
        ]

    police_row = ("Leedsford", "Leedsford Police", "Recorded crime by sub-category")
    assert overdue(world.users["manager_this"]) == [police_row]
    assert overdue(world.users["staff_this"]) == [police_row]
    assert overdue(council_staff) == []  # the council's partnership, but not its stream
    assert overdue(world.users["staff_other"]) == []


def _late_police_crime(world, clock):
    clock.current = timezone.make_aware(datetime(2025, 7, 10, 12))
    member_agency(world.partnership)
    make_agreement(world, status="active", start=date(2025, 1, 1))  # Q1 crime data is late
    return date(2025, 7, 10)


def test_kept_overdue_streams_are_the_coverage_rules_overdue_rows(world, clock):
    today = _late_police_crime(world, clock)
    worked_out = [
        [row.agency.pk, row.dataset.name, row.agency.name, row.detail]
        for row in coverage_rows_for(partnerships=[world.partnership], today=today, exact=False)[
            world.partnership.pk
        ]
        if row.status == CoverageStatus.OVERDUE
    ]
    assert worked_out  # the police stream
    first = overdue_streams([world.partnership], today=today)[world.partnership.pk]
    kept = StoredOverdue.objects.get(partnership=world.partnership)
    assert kept.streams == worked_out and kept.worked_on == today and not kept.stale
    again = overdue_streams([world.partnership], today=today)[world.partnership.pk]
    assert first == again == [OverdueStream(*stream) for stream in worked_out]


def test_a_kept_row_is_read_in_one_query(world, clock, django_assert_num_queries):
    today = _late_police_crime(world, clock)
    overdue_streams([world.partnership], today=today)
    with django_assert_num_queries(1):
        overdue_streams([world.partnership], today=today)


def test_recording_the_delivery_takes_the_stream_off_the_home_panel(world, clock):
    today = _late_police_crime(world, clock)
    manager = world.users["manager_this"]
    assert attention_for(user=manager, today=today)["overdue"]
    assert not StoredOverdue.objects.get(partnership=world.partnership).stale
    services.delivery_record(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        received_on=today,
        record_count=1240,
    )
    assert StoredOverdue.objects.get(partnership=world.partnership).stale
    assert attention_for(user=manager, today=today)["overdue"] == []


def test_a_row_worked_out_on_another_day_is_worked_out_again(world, clock):
    today = _late_police_crime(world, clock)
    StoredOverdue.objects.create(partnership=world.partnership, worked_on=date(2025, 7, 9))
    assert overdue_streams([world.partnership], today=today)[world.partnership.pk]
    assert StoredOverdue.objects.get(partnership=world.partnership).worked_on == today


def test_a_change_to_reference_data_makes_every_row_stale(world, clock):
    today = _late_police_crime(world, clock)
    overdue_streams([world.partnership, world.other_partnership], today=today)
    dataset = PrescribedDataset.objects.get(code="police-recorded-crime")
    dataset.save()
    assert set(StoredOverdue.objects.values_list("stale", flat=True)) == {True}


HOME_STAFF_QUERIES = 20  # agency staff, nothing cached, every stream kept


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return len(queries)


def test_home_with_nothing_cached_reads_kept_streams_whatever_the_partnerships(
    world, clock, client_for, settings
):
    """Nothing in the page cache: the data-sharing panel reads the kept overdue streams in one
    query for all the partnerships shown, so a second visit costs the same at one partnership
    as at four, and less than working the streams out."""
    settings.PAGE_CACHE_SECONDS = 0
    _late_police_crime(world, clock)
    staff = client_for("staff_this")
    worked_out = _home_queries(staff)
    one = _home_queries(staff)
    for n in range(3):
        partnership = factories.PartnershipFactory(name=f"Town {n}", region=world.region_in)
        factories.MembershipFactory(partnership=partnership, agency=world.agency)
    _home_queries(staff)  # works out the new partnerships' streams
    assert _home_queries(staff) == one == HOME_STAFF_QUERIES
    assert worked_out >= one + 5, (worked_out, one)


@pytest.mark.parametrize(("user", "queries"), [("manager_this", 3), ("staff_this", 5)])
def test_the_panel_reads_in_a_fixed_number_of_queries(
    world, clock, client_for, django_assert_num_queries, user, queries
):
    """Reviews due, memberships (agency staff), partnerships shown, their kept overdue rows and
    agreements awaiting the user's signature (signatories), each in one query."""
    today = _late_police_crime(world, clock)
    reader = world.users[user]
    panel = attention_for(user=reader, today=today)  # keeps the overdue rows, reads the scope
    assert panel["overdue"] and panel["reviews"] == []
    with django_assert_num_queries(queries):
        again = attention_for(user=reader, today=today)
    assert again == panel
    page = client_for(user).get(reverse("home")).content.decode()
    assert "Overdue deliveries" in page and "Recorded crime by sub-category" in page
