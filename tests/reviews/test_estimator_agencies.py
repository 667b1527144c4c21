"""The savings estimator splits each part of the saving between the chosen partnership's member
agencies that bear it (police, ambulance trust, emergency department, …), not only by sector."""

import pytest
from django.urls import reverse

from reviews import estimator
from reviews.models import BenefitShare, UnitCost
from reviews.selectors import benefit_agencies
from tests.datasharing.helpers import member_agency

pytestmark = pytest.mark.django_db


def test_parts_add_up_to_their_sector():
    assert estimator.split_whole(100, 3) == [34, 33, 33]
    shares = list(BenefitShare.objects.prefetch_related("agency_types"))
    health, justice, society = shares
    result = estimator.estimate(
        unit_cost=UnitCost.objects.get(slug="violence-with-injury"),
        incidents=10,
        shares=shares,
        agencies={health.pk: ["Ambulance", "ED"], justice.pk: ["Police"], society.pk: []},
    )
    lines = result.lines
    assert lines[0].agencies == [("Ambulance", 12_727), ("ED", 12_726)]
    assert sum(amount for _name, amount in lines[0].agencies) == lines[0].amount
    assert lines[1].agencies == [("Police", lines[1].amount)]
    assert lines[2].agencies == []  # victims and wider society are not an agency


def test_the_partnerships_active_agencies_bear_their_sectors_part(world):
    from partnerships.models import Membership, MembershipStatus

    member_agency(world.partnership, type_slug="emergency-department", name="City ED")
    member_agency(world.partnership, type_slug="ambulance", name="County Ambulance")
    lapsed = member_agency(world.partnership, type_slug="probation", name="Old Probation")
    Membership.objects.filter(agency=lapsed).update(status=MembershipStatus.LAPSED)
    shares = list(BenefitShare.objects.prefetch_related("agency_types"))
    by_slug = {share.slug: share.pk for share in shares}
    agencies = benefit_agencies(partnership=world.partnership, shares=shares)
    assert sorted(agencies[by_slug["health"]]) == ["City ED", "County Ambulance"]
    assert agencies[by_slug["criminal-justice"]] == ["Leedsford Police"]
    assert agencies[by_slug["wider-society"]] == []


def test_the_page_shows_each_agencys_part_of_the_partnership_it_may_read(world, client_for):
    member_agency(world.partnership, type_slug="emergency-department", name="City ED")
    url = reverse("reviews:estimator")
    query = {"crime_type": "robbery", "incidents": "3", "partnership": world.partnership.ons_code}
    body = client_for("manager_this").get(url, query).content.decode()
    assert "City ED" in body and "Leedsford Police" in body and "£33,960" in body
    # Another partnership's manager cannot choose it: the form says so, nothing is shown.
    refused = client_for("manager_other").get(url, query).content.decode()
    assert "govuk-error-summary" in refused and "Choose a partnership from the list" in refused
    assert "City ED" not in refused
    # Without a partnership the split is by sector only, as before.
    plain = client_for("manager_this").get(url, {"crime_type": "robbery", "incidents": "3"})
    assert "City ED" not in plain.content.decode()


@pytest.mark.parametrize("members", [1, 12])
def test_estimator_queries_do_not_grow_with_agencies(
    world, client_for, members, django_assert_max_num_queries
):
    for n in range(members):
        member_agency(world.partnership, type_slug="ambulance", name=f"Ambulance {n}")
    client = client_for("manager_this")
    url = reverse("reviews:estimator")
    query = {"crime_type": "robbery", "incidents": "3", "partnership": world.partnership.ons_code}
    client.get(url, query)
    with django_assert_max_num_queries(12):
        assert client.get(url, query).status_code == 200
