"""Changing a follow-up action's title, owner and due date: through its edit page, for those who
may add actions to the partnership, checked like a new action, kept in its history, and
reminded about again when its due date moves."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from reviews import services
from reviews.models import FollowUpAction, FollowUpReminderSent
from tests import factories


def _action(world, due_on=None, **extra):
    return FollowUpAction.objects.create(
        partnership=world.partnership,
        title="Chase the ISTV returns",
        owner_text="Police",
        due_on=due_on or timezone.localdate() + timedelta(days=7),
        created_by=world.user("reviewer_in"),
        **extra,
    )


def _url(action):
    return reverse(
        "reviews:action-edit", kwargs={"code": action.partnership.ons_code, "pk": action.pk}
    )


def _data(due, **fields):
    return {
        "title": "Chase the ISTV returns",
        "owner_text": "Police",
        "due_on_0": due.day,
        "due_on_1": due.month,
        "due_on_2": due.year,
        **fields,
    }


def test_the_form_shows_the_action_as_it_is(world, client_for):
    action = _action(world, owner_agency=world.agency)
    body = client_for("reviewer_in").get(_url(action)).content.decode()
    assert "Change “Chase the ISTV returns”" in body
    assert 'value="Chase the ISTV returns"' in body
    assert f'<option value="{world.agency.pk}" selected>' in body
    assert f'value="{action.due_on.day}"' in body and f'value="{action.due_on.year}"' in body
    assert 'name="status"' not in body  # the status has its own page


def test_a_reviewer_changes_title_owner_and_due_date_and_the_history_shows_it(world, client_for):
    action = _action(world)
    due = action.due_on + timedelta(days=14)
    client = client_for("reviewer_in")
    response = client.post(
        _url(action),
        _data(due, title="Agree ISTV sharing", owner_agency=world.agency.pk, owner_text=""),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "reviews:review", kwargs={"code": world.partnership.ons_code}
    )
    action.refresh_from_db()
    assert (action.title, action.owner_agency, action.owner_text, action.due_on) == (
        "Agree ISTV sharing",
        world.agency,
        "",
        due,
    )
    assert action.status == "open" and action.created_by == world.user("reviewer_in")
    latest = action.history.latest()
    assert latest.history_type == "~" and latest.history_user == world.user("reviewer_in")
    history = client.get(
        reverse(
            "reviews:action-history", kwargs={"code": world.partnership.ons_code, "pk": action.pk}
        )
    ).content.decode()
    assert "Chase the ISTV returns" in history and "Agree ISTV sharing" in history


def test_saving_without_changes_adds_nothing_to_the_history(world, client_for):
    action = _action(world)
    response = client_for("admin").post(_url(action), _data(action.due_on))
    assert response.status_code == 302
    assert action.history.count() == 1


def test_the_review_page_links_to_the_edit_page(world, client_for):
    action = _action(world)
    body = (
        client_for("reviewer_in")
        .get(reverse("reviews:review", kwargs={"code": world.partnership.ons_code}))
        .content.decode()
    )
    assert f'href="{_url(action)}"' in body


@pytest.mark.parametrize("role", ["reviewer_in", "admin"])
def test_the_status_page_links_to_the_edit_page_for_those_who_may_edit(world, client_for, role):
    action = _action(world)
    status = reverse(
        "reviews:action-status", kwargs={"code": world.partnership.ons_code, "pk": action.pk}
    )
    assert f'href="{_url(action)}"' in client_for(role).get(status).content.decode()
    # The edit page does not link to itself.
    assert f'href="{_url(action)}"' not in client_for(role).get(_url(action)).content.decode()


def test_the_status_page_has_no_edit_link_for_those_who_may_not_edit(
    world, client_for, monkeypatch
):
    """Should the edit rule ever be narrower than the status page's, the link follows it."""
    from reviews import views

    action = _action(world)
    monkeypatch.setattr(views.ActionEditView, "permission_required", "reviews.edit_unit_costs")
    status = reverse(
        "reviews:action-status", kwargs={"code": world.partnership.ons_code, "pk": action.pk}
    )
    body = client_for("reviewer_in").get(status).content.decode()
    assert "Update “Chase the ISTV returns”" in body and _url(action) not in body
    assert client_for("reviewer_in").get(_url(action)).status_code == 403


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"owner_text": ""}, "Enter who owns the action, or choose an agency"),
        ({"title": ""}, "Enter what needs to happen"),
        ({"due_on_0": "31", "due_on_1": "2"}, "Due date must be a real date"),
        ({"due_on_0": "", "due_on_1": "", "due_on_2": ""}, "Enter the due date"),
    ],
)
def test_bad_input_is_shown_in_the_error_summary_and_nothing_changes(
    world, client_for, fields, message
):
    action = _action(world)
    response = client_for("reviewer_in").post(_url(action), _data(action.due_on, **fields))
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    assert body.count("<title>Error: ") == 1
    assert FollowUpAction.objects.get(pk=action.pk).title == "Chase the ISTV returns"
    assert action.history.count() == 1


def test_an_agency_outside_the_partnership_cannot_own_the_action(world, client_for):
    action = _action(world)
    response = client_for("reviewer_in").post(
        _url(action), _data(action.due_on, owner_agency=world.other_agency.pk)
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    action.refresh_from_db()
    assert action.owner_agency is None


def test_the_service_checks_the_owner_as_well(world):
    action = _action(world)
    with pytest.raises(ValidationError) as error:
        services.follow_up_update(
            action=action,
            title="x",
            owner_agency=world.other_agency,
            owner_text="",
            due_on=action.due_on,
        )
    assert "owner_agency" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.follow_up_update(
            action=action, title="x", owner_agency=None, owner_text="", due_on=action.due_on
        )
    assert "owner_text" in error.value.error_dict
    action.refresh_from_db()
    assert action.title == "Chase the ISTV returns"


def test_an_action_of_another_partnership_is_not_found(world, client_for):
    other = FollowUpAction.objects.create(
        partnership=world.other_partnership,
        title="Elsewhere",
        owner_text="Police",
        due_on=timezone.localdate(),
    )
    url = reverse(
        "reviews:action-edit", kwargs={"code": world.partnership.ons_code, "pk": other.pk}
    )
    assert client_for("reviewer_in").get(url).status_code == 404
    assert client_for("reviewer_in").post(url, _data(other.due_on)).status_code == 404


def test_a_manager_may_not_edit_and_an_outsider_is_told_nothing(world, client_for):
    action = _action(world)
    assert (
        client_for("manager_this")
        .post(_url(action), _data(action.due_on, title="Hijack"))
        .status_code
        == 403
    )
    assert (
        client_for("reviewer_out")
        .post(_url(action), _data(action.due_on, title="Hijack"))
        .status_code
        == 404
    )
    action.refresh_from_db()
    assert action.title == "Chase the ISTV returns"


def test_a_moved_due_date_is_reminded_again_when_it_comes(world):
    today = timezone.localdate()
    action = _action(world, due_on=today)
    assert services.follow_up_reminders_send(today=today) == 1
    assert services.follow_up_reminders_send(today=today) == 0
    new_due = today + timedelta(days=5)
    services.follow_up_update(
        action=action, title=action.title, owner_agency=None, owner_text="Police", due_on=new_due
    )
    assert services.follow_up_reminders_send(today=today + timedelta(days=4)) == 0
    assert services.follow_up_reminders_send(today=new_due) == 1
    assert services.follow_up_reminders_send(today=new_due + timedelta(days=1)) == 0
    notes = Notification.objects.filter(user=world.user("reviewer_in")).order_by("pk")
    assert [
        f"was due on {due:%-d %B %Y}" in note.body
        for note, due in zip(notes, (today, new_due), strict=True)
    ] == [True, True]
    assert sorted(FollowUpReminderSent.objects.values_list("due_on", flat=True)) == [today, new_due]


def test_moving_it_back_to_a_date_already_reminded_about_does_not_remind_twice(world):
    today = timezone.localdate()
    action = _action(world, due_on=today)
    assert services.follow_up_reminders_send(today=today) == 1
    for due in (today + timedelta(days=3), today):
        services.follow_up_update(
            action=action, title=action.title, owner_agency=None, owner_text="Police", due_on=due
        )
    assert services.follow_up_reminders_send(today=today + timedelta(days=3)) == 0
    assert Notification.objects.filter(user=world.user("reviewer_in")).count() == 1


def test_changing_only_the_title_does_not_remind_again(world):
    today = timezone.localdate()
    action = _action(world, due_on=today)
    assert services.follow_up_reminders_send(today=today) == 1
    services.follow_up_update(
        action=action, title="Renamed", owner_agency=None, owner_text="Police", due_on=today
    )
    assert services.follow_up_reminders_send(today=today) == 0


def test_an_edit_of_another_member_agency_is_accepted(world, client_for):
    second = factories.AgencyFactory(name="Leedsford Council")
    factories.MembershipFactory(partnership=world.partnership, agency=second)
    action = _action(world, owner_agency=world.agency)
    response = client_for("reviewer_in").post(
        _url(action), _data(action.due_on, owner_agency=second.pk, owner_text="")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner_agency == second
