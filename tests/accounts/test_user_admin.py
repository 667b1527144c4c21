"""Administrators create users and give them roles from the portal's own pages."""

import pytest
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User


@pytest.fixture
def admin_client(client_for):
    return client_for("admin")


def test_admin_creates_a_user_and_assigns_agency_staff_role(admin_client, world):
    response = admin_client.post(
        reverse("accounts:user-create"),
        {
            "full_name": "Jo Analyst",
            "email": "Jo.Analyst@example.org",
            "job_title": "Analyst",
        },
    )
    user = User.objects.get(email="jo.analyst@example.org")
    assert response["Location"] == user.get_absolute_url()

    add = reverse("accounts:role-add", kwargs={"pk": user.pk})
    response = admin_client.post(
        add, {"role": Role.AGENCY_STAFF, "agency": world.agency.pk, "is_signatory": "on"}
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.agency == world.agency and assignment.is_signatory
    assert user.scope.agency_ids == {world.agency.pk}


def test_admin_marks_agency_staff_as_their_agency_press_officer(admin_client, world):
    user = User.objects.create_user(email="press@example.org", full_name="Pat Press")
    add = reverse("accounts:role-add", kwargs={"pk": user.pk})
    response = admin_client.post(
        add, {"role": Role.AGENCY_STAFF, "agency": world.agency.pk, "is_press_officer": "on"}
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.is_press_officer and not assignment.is_signatory
    assert str(assignment).endswith("(press officer)")
    assert user.scope.press_officer_agency_ids == {world.agency.pk}
    assert not user.scope.signatory_agency_ids


def test_role_needs_its_scope_and_refuses_duplicates(admin_client, world):
    user = world.users["staff_this"]
    add = reverse("accounts:role-add", kwargs={"pk": user.pk})
    html = admin_client.post(add, {"role": Role.REVIEWER}).content.decode()
    assert "There is a problem" in html and "Select the region this reviewer covers" in html
    html = admin_client.post(
        add, {"role": Role.AGENCY_STAFF, "agency": world.agency.pk, "is_signatory": "on"}
    ).content.decode()
    assert "already has that role" in html
    assert RoleAssignment.objects.filter(user=user).count() == 1


def test_scope_fields_not_needed_by_the_role_are_ignored(admin_client, world):
    user = world.users["staff_this"]
    add = reverse("accounts:role-add", kwargs={"pk": user.pk})
    admin_client.post(
        add,
        {
            "role": Role.MANAGER,
            "partnership": world.partnership.pk,
            "region": world.region_in.pk,
            "is_signatory": "on",
            "is_press_officer": "on",
        },
    )
    assignment = RoleAssignment.objects.get(user=user, role=Role.MANAGER)
    assert assignment.region is None and not assignment.is_signatory
    assert not assignment.is_press_officer


def test_duplicate_email_is_refused_with_error_summary(admin_client, world):
    html = admin_client.post(
        reverse("accounts:user-create"),
        {
            "full_name": "Copy",
            "email": world.users["admin"].email.upper(),
        },
    ).content.decode()
    assert "There is a problem" in html and "already exists" in html


def test_removing_a_role_takes_away_its_access(admin_client, world, client_for):
    user = world.users["manager_this"]
    assignment = user.role_assignments.get()
    admin_client.post(
        reverse("accounts:role-remove", kwargs={"pk": user.pk, "assignment_pk": assignment.pk})
    )
    manager = client_for("manager_this")
    url = reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})
    assert manager.get(url).status_code == 404


def test_user_history_shows_who_changed_what(admin_client, world):
    user = world.users["staff_this"]
    admin_client.post(reverse("accounts:settings"), {})  # admin's own change; not this user
    user.full_name = "Renamed Person"
    user.save()
    html = admin_client.get(
        reverse("accounts:user-history", kwargs={"pk": user.pk})
    ).content.decode()
    assert "Renamed Person" in html and "Changed" in html


@pytest.mark.parametrize("rows", [1, 50])
def test_user_list_query_count_is_constant(
    admin_client, world, rows, django_assert_max_num_queries
):
    from tests.factories import UserFactory

    UserFactory.create_batch(rows)
    # 13: one of them is django-otp loading the device that verified the administrator's session.
    with django_assert_max_num_queries(13):
        assert admin_client.get(reverse("accounts:user-list")).status_code == 200
