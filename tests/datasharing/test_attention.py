"""The data-sharing home panel: overdue deliveries for the people who can act on them."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from accounts.services import role_assign
from datasharing.selectors import attention_for
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
            (p.name, row.agency.name, row.dataset.code)
            for p, row in attention_for(user=user, today=today)["overdue"]
        ]

    police_row = ("Leedsford", "Leedsford Police", "police-recorded-crime")
    assert overdue(world.users["manager_this"]) == [police_row]
    assert overdue(world.users["staff_this"]) == [police_row]
    assert overdue(council_staff) == []  # the council's partnership, but not its stream
    assert overdue(world.users["staff_other"]) == []
