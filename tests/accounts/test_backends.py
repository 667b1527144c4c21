import pytest
from django.urls import reverse


def test_an_administrator_by_role_can_use_the_django_admin(client_for, world):
    admin = world.users["admin"]
    assert not admin.is_superuser and admin.is_staff
    html = client_for("admin").get(reverse("admin:index")).content.decode()
    assert "Role assignments" in html and "Partnerships" in html
    response = client_for("admin").get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["reviewer_in", "manager_this", "staff_this"])
def test_other_roles_hold_no_model_permissions(world, role):
    user = world.users[role]
    assert not user.has_perm("accounts.change_user")
    assert user.get_all_permissions() == set()


def test_being_an_administrator_does_not_override_the_rules(world):
    import rules

    admin = world.users["admin"]
    # A rule-defined permission is decided by its rule only (here: no object, so refused).
    assert rules.perm_exists("partnerships.view_partnership")
    assert not admin.has_perm("partnerships.view_partnership", None)
    assert admin.has_perm("partnerships.view_partnership", world.partnership)
