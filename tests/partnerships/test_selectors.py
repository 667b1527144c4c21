"""Reads: the engagement grid, single points of failure, unconfirmed contacts, attendance and
the dashboard's attention counts."""

import datetime

import pytest

from partnerships import selectors
from partnerships.models import ActionStatus, Level, MembershipStatus, Structure
from tests import factories
from tests.partnerships import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def _member(partnership, slug, **levels):
    agency = factories.AgencyFactory(agency_type=factories.agency_type(slug))
    return factories.MembershipFactory(partnership=partnership, agency=agency, **levels)


def _overview(partnership):
    return selectors.partnership_overview(partnership=partnership, today=TODAY)


def test_health_at_strategic_level_only_is_the_reports_gap(world):
    _member(world.partnership, "health-commissioner", strategic=True)
    overview = _overview(world.partnership)
    gaps = {row.agency_type.slug: row for row in overview.depth_gaps}
    assert "health-commissioner" in gaps
    assert gaps["health-commissioner"].missing_levels == ["tactical", "operational"]


def test_engaged_at_every_level_is_no_gap_and_missing_types_are_absent(world):
    _member(
        world.partnership, "health-commissioner", strategic=True, tactical=True, operational=True
    )
    overview = _overview(world.partnership)
    assert "health-commissioner" not in {r.agency_type.slug for r in overview.depth_gaps}
    absent = {r.agency_type.slug for r in overview.absent}
    assert {"fire", "probation", "la-unitary"} <= absent
    assert "police" not in absent


def test_a_lapsed_member_does_not_count_as_present(world):
    _member(world.partnership, "fire", strategic=True, status=MembershipStatus.LAPSED)
    assert "fire" in {r.agency_type.slug for r in _overview(world.partnership).absent}


def test_two_tier_partnerships_expect_county_and_district(world):
    world.partnership.structure = Structure.TWO_TIER
    slugs = {row.agency_type.slug for row in _overview(world.partnership).grid}
    assert {"la-county", "la-district"} <= slugs
    assert "la-unitary" not in slugs


def test_a_level_with_one_person_and_no_deputy_is_a_single_point_of_failure(world):
    membership = world.partnership.memberships.get()
    membership.strategic = True
    membership.save()
    f.ContactFactory(
        membership=membership,
        level=Level.STRATEGIC,
        name="Solo Person",
        deputy_name="",
        deputy_email="",
    )
    flags = selectors.dependency_flags(list(world.partnership.memberships.all()))
    assert [(fl.level, fl.person, fl.kind) for fl in flags] == [
        (Level.STRATEGIC, "Solo Person", "single")
    ]


def test_a_deputy_removes_the_flag(world):
    membership = world.partnership.memberships.get()
    f.ContactFactory(membership=membership, level=Level.STRATEGIC)
    assert selectors.dependency_flags([membership]) == []


def test_the_same_person_at_two_levels_is_flagged_for_the_whole_membership(world):
    membership = world.partnership.memberships.get()
    for level in (Level.STRATEGIC, Level.TACTICAL):
        f.ContactFactory(
            membership=membership,
            level=level,
            name="Only One",
            email="only.one@example.org",
            deputy_name="",
            deputy_email="",
        )
    flags = selectors.dependency_flags([membership])
    assert {fl.level for fl in flags} == {Level.STRATEGIC, Level.TACTICAL, None}
    whole = next(fl for fl in flags if fl.level is None)
    assert whole.where == "Whole membership" and whole.person == "Only One"


def test_an_engaged_level_with_no_contact_is_flagged(world):
    membership = world.partnership.memberships.get()
    membership.operational = True
    membership.save()
    flags = selectors.dependency_flags([membership])
    assert [(fl.level, fl.kind) for fl in flags] == [(Level.OPERATIONAL, "none")]


def test_contacts_not_confirmed_for_12_months_are_flagged(world):
    membership = world.partnership.memberships.get()
    stale = f.ContactFactory(membership=membership, confirmed_on=TODAY - datetime.timedelta(366))
    f.ContactFactory(
        membership=membership, level=Level.TACTICAL, confirmed_on=TODAY - datetime.timedelta(300)
    )
    never = f.ContactFactory(membership=membership, level=Level.OPERATIONAL, confirmed_on=None)
    assert {c.pk for c in _overview(world.partnership).unconfirmed} == {stale.pk, never.pk}


def test_attendance_rate_covers_the_last_12_months(world):
    membership = world.partnership.memberships.get()
    group = f.GroupFactory(partnership=world.partnership)
    for days, attended in [(10, True), (40, False), (100, True), (200, True), (400, False)]:
        meeting = f.MeetingFactory(group=group, held_on=TODAY - datetime.timedelta(days))
        f.AttendanceFactory(meeting=meeting, membership=membership, attended=attended)
    member = _overview(world.partnership).memberships[0]
    assert (member.meetings_attended, member.meetings_expected) == (3, 4)
    assert member.attendance_rate == 75


def test_action_progress_counts_and_overdue(world):
    f.ActionFactory(
        partnership=world.partnership,
        owner=world.agency,
        due_on=TODAY - datetime.timedelta(1),
        status=ActionStatus.IN_PROGRESS,
    )
    f.ActionFactory(
        partnership=world.partnership,
        owner=world.agency,
        due_on=TODAY - datetime.timedelta(1),
        status=ActionStatus.DONE,
    )
    f.ActionFactory(
        partnership=world.partnership, owner=world.agency, due_on=TODAY + datetime.timedelta(1)
    )
    progress = _overview(world.partnership).progress
    assert progress.total == 3
    assert len(progress.overdue) == 1
    assert progress.done_percent == 33


def test_attention_for_managers_and_staff_but_not_reviewers(world):
    f.DocumentFactory(partnership=world.partnership, review_due_on=TODAY - datetime.timedelta(1))
    f.ActionFactory(
        partnership=world.partnership, owner=world.agency, due_on=TODAY - datetime.timedelta(3)
    )
    f.ContactFactory(
        membership=world.partnership.memberships.get(),
        deputy_name="",
        deputy_email="",
        confirmed_on=None,
    )
    for role in ("manager_this", "staff_this"):
        [item] = selectors.attention_for(user=world.user(role), today=TODAY)
        assert item.partnership == world.partnership
        assert (
            item.overdue_reviews,
            item.overdue_actions,
            item.single_points,
            item.unconfirmed_contacts,
        ) == (1, 1, 1, 1)
    assert selectors.attention_for(user=world.user("reviewer_in"), today=TODAY) == []
    [other] = selectors.attention_for(user=world.user("manager_other"), today=TODAY)
    assert other.partnership == world.other_partnership and other.total == 0


def test_strategic_level_only_means_no_other_level_in_the_summary_and_the_table(world):
    """Issue 17: fire and probation also attend tactical meetings, so only health is at
    strategic level only; the summary, the table's red cells and the rating agree."""
    _member(world.partnership, "health-commissioner", strategic=True)
    _member(world.partnership, "fire", strategic=True, tactical=True)
    _member(world.partnership, "probation", strategic=True, tactical=True)
    overview = _overview(world.partnership)
    assert [row.agency_type.slug for row in overview.depth_gaps] == ["health-commissioner"]
    assert [row.agency_type.slug for row in overview.grid if row.is_depth_gap] == [
        "health-commissioner"
    ]
    assert selectors.is_strategic_only({Level.STRATEGIC})
    assert not selectors.is_strategic_only({Level.STRATEGIC, Level.TACTICAL})
    assert not selectors.is_strategic_only(set())


def _one_person_in_three_places(partnership):
    """Jess Young is the only contact of two agencies, at two levels of one of them."""
    police = partnership.memberships.get()
    fire = _member(partnership, "fire", strategic=True)
    for membership, level in (
        (police, Level.STRATEGIC),
        (police, Level.TACTICAL),
        (fire, Level.STRATEGIC),
    ):
        f.ContactFactory(
            membership=membership,
            level=level,
            name="Jess Young",
            email="jess.young@example.org",
            deputy_name="",
            deputy_email="",
        )


def test_single_points_of_failure_are_counted_per_person(world):
    _one_person_in_three_places(world.partnership)
    overview = _overview(world.partnership)
    assert len(overview.single_points) == 4  # two levels and the whole police membership; fire
    assert overview.single_point_people == 1
    assert all(
        flag.contact is not None and flag.contact.name == "Jess Young"
        for flag in overview.single_points
    )
    [item] = selectors.attention_for(user=world.user("manager_this"), today=TODAY)
    assert item.single_points == 1
