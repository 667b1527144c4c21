"""Meetings that produce actions: an agenda, minutes (text or a document from the register)
and actions arising, each an action-plan action with its owner and due date; overdue actions
arising show on the group's later meetings."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from partnerships import services
from partnerships.models import Action, Membership
from tests import factories
from tests.partnerships import factories as f


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def board(world):
    group = f.GroupFactory(partnership=world.partnership, name="Leedsford board")
    return world, group


def test_a_meeting_records_its_agenda_and_minutes_from_the_register(board, client_for):
    world, group = board
    document = f.DocumentFactory(partnership=world.partnership, title="Board minutes, May")
    membership = Membership.objects.get(partnership=world.partnership, agency=world.agency)
    url = reverse(
        "partnerships:meeting-add", kwargs={"code": world.partnership.ons_code, "pk": group.pk}
    )
    response = client_for("manager_this").post(
        url,
        {
            **_date("held_on", clock.today() - timedelta(days=2)),
            "expected": [membership.pk],
            "attended": [membership.pk],
            "agenda": "Apologies\nThe plan",
            "minutes": "Agreed the plan.",
            "minutes_document": document.pk,
        },
    )
    assert response.status_code == 302
    meeting = group.meetings.get()
    assert (meeting.agenda, meeting.minutes, meeting.minutes_document) == (
        "Apologies\nThe plan",
        "Agreed the plan.",
        document,
    )
    page = client_for("staff_this").get(meeting.get_absolute_url()).content.decode()
    assert "Board minutes, May" in page and "<li>The plan</li>" in page


def test_minutes_must_come_from_the_partnerships_own_register(board, client_for):
    world, group = board
    theirs = f.DocumentFactory(partnership=world.other_partnership)
    membership = Membership.objects.get(partnership=world.partnership, agency=world.agency)
    with pytest.raises(ValidationError):
        services.meeting_record(
            group=group,
            held_on=clock.today(),
            expected=[membership],
            attended=[],
            minutes_document=theirs,
        )
    url = reverse(
        "partnerships:meeting-add", kwargs={"code": world.partnership.ons_code, "pk": group.pk}
    )
    response = client_for("manager_this").post(
        url,
        {
            **_date("held_on", clock.today()),
            "expected": [membership.pk],
            "minutes_document": theirs.pk,
        },
    )
    assert response.status_code == 200
    assert "Choose a document from the partnership’s register" in response.content.decode()


def test_an_action_arising_joins_the_action_plan(board, client_for):
    world, group = board
    meeting = f.MeetingFactory(group=group)
    url = reverse(
        "partnerships:meeting-action-add",
        kwargs={"code": world.partnership.ons_code, "pk": meeting.pk},
    )
    client = client_for("manager_this")
    empty = client.post(url, {})
    assert empty.status_code == 200 and "Enter what will be done" in empty.content.decode()
    due = clock.today() + timedelta(days=14)
    response = client.post(
        url,
        {
            "title": "Invite the ICB to the board",
            "owner": world.agency.pk,
            "status": "not_started",
            **_date("due_on", due),
        },
    )
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    action = Action.objects.get()
    assert (action.arising_from, action.owner, action.due_on, action.partnership) == (
        meeting,
        world.agency,
        due,
        world.partnership,
    )
    assert action.history.first().arising_from_id == meeting.pk
    plan = client.get(
        reverse("partnerships:action-list", kwargs={"code": world.partnership.ons_code})
    ).content.decode()
    assert "Invite the ICB to the board" in plan


def test_overdue_actions_arising_show_on_the_groups_next_meetings_only(board, client_for):
    world, group = board
    today = clock.today()
    first = f.MeetingFactory(group=group, held_on=today - timedelta(days=60))
    second = f.MeetingFactory(group=group, held_on=today - timedelta(days=30))
    other_group = f.GroupFactory(partnership=world.partnership, name="Tasking group")
    other_meeting = f.MeetingFactory(group=other_group, held_on=today - timedelta(days=5))
    for title, due, status in (
        ("Overdue one", -10, "in_progress"),
        ("Done one", -10, "done"),
        ("Not yet due", 10, "not_started"),
    ):
        f.ActionFactory(
            partnership=world.partnership,
            owner=world.agency,
            arising_from=first,
            title=title,
            due_on=today + timedelta(days=due),
            status=status,
        )
    client = client_for("manager_this")
    later = client.get(second.get_absolute_url()).content.decode()
    section = later.split('id="overdue-earlier"')[1].split("</table>")[0]
    assert "Overdue one" in section
    assert "Done one" not in section and "Not yet due" not in section
    own = client.get(first.get_absolute_url()).content.decode()
    assert 'id="overdue-earlier"' not in own  # its own actions are listed as arising
    assert "Overdue one" in own.split('id="arising"')[1]
    elsewhere = client.get(other_meeting.get_absolute_url()).content.decode()
    assert "Overdue one" not in elsewhere


def test_the_meeting_page_runs_the_same_queries_at_1_and_many_actions(board, client_for):
    world, group = board
    today = clock.today()
    earlier = f.MeetingFactory(group=group, held_on=today - timedelta(days=60))
    meeting = f.MeetingFactory(group=group, held_on=today - timedelta(days=3))
    client = client_for("manager_this")

    def add(n):
        for i in range(n):
            agency = factories.AgencyFactory()
            factories.MembershipFactory(partnership=world.partnership, agency=agency)
            f.ActionFactory(
                partnership=world.partnership,
                owner=agency,
                arising_from=earlier,
                due_on=today - timedelta(days=1 + i),
            )
            f.ActionFactory(partnership=world.partnership, owner=agency, arising_from=meeting)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(captured)

    add(1)
    client.get(meeting.get_absolute_url())
    one = count()
    add(40)
    assert count() == one
