"""Publicity budgets: the list with its totals and the prompt for actions with none, and adding,
changing and removing one, with every rule checked in the form and in the service."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communications.models import PublicityBudget
from communications.services import budgets as services
from tests import factories
from tests.communications.test_overview import action, budget, page, text_of

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"communications:{name}", kwargs={"code": world.partnership.ons_code, **kwargs})


def post(client_for, world, name, data, role="manager_this", **kwargs):
    return client_for(role).post(url(world, name, **kwargs), data)


def test_the_list_shows_each_budget_its_share_and_the_partnership_total(world, client_for):
    p = world.partnership
    budget(p, action=action(p, world.agency, "Taxi marshals"), total=20_000, publicity=1_000)
    budget(p, initiative="Summer youth programme", total=5_000, publicity=1_500)
    action(p, world.agency, "CCTV review", due_in=10)
    action(p, world.agency, "Street pastors", due_in=20)
    words = text_of(page(client_for, world, name="communications:budgets"))
    assert "Taxi marshals (action in the plan) £20,000 £1,000 5.0%" in words
    assert "Summer youth programme £5,000 £1,500 30.0%" in words
    assert "Partnership total £25,000 £2,500 10.0%" in words
    assert "Budgeting for publicity in every initiative: 2 actions in the plan have no" in words
    assert "CCTV review (due" in words and "Street pastors (due" in words
    assert words.index("CCTV review") < words.index("Street pastors")


def test_an_empty_list_says_what_to_add(world, client_for):
    words = text_of(page(client_for, world, name="communications:budgets"))
    assert "No publicity budget is set yet. Add one for each action in the plan" in words
    staff = text_of(page(client_for, world, role="staff_this", name="communications:budgets"))
    assert "The partnership’s manager adds them" in staff
    assert "Add a publicity budget" not in staff


def test_a_manager_adds_a_budget_for_an_initiative(world, client_for):
    response = post(
        client_for,
        world,
        "budget-create",
        {"initiative": " Safer streets week ", "total": "8,000", "publicity": "400"},
    )
    assert response.status_code == 302
    saved = PublicityBudget.objects.get()
    assert (saved.initiative, saved.total, saved.publicity, saved.action) == (
        "Safer streets week",
        8000,
        400,
        None,
    )
    assert saved.history.first().history_user == world.user("manager_this")


def test_a_manager_adds_a_budget_for_an_action_and_it_leaves_the_prompt(world, client_for):
    taxi = action(world.partnership, world.agency, "Taxi marshals")
    post(client_for, world, "budget-create", {"action": taxi.pk, "total": "100", "publicity": "0"})
    assert PublicityBudget.objects.get().action == taxi
    words = text_of(page(client_for, world, name="communications:budgets"))
    assert "no publicity budget set" not in words


def _errors(response) -> str:
    assert response.status_code == 200
    return text_of(response.content.decode())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose an action from the plan or name the initiative"),
        ({"initiative": "Week"}, "Enter the whole budget"),
        (
            {"initiative": "Week", "total": "100", "publicity": "101"},
            "The amount set aside for publicity must not be more than the whole budget",
        ),
        (
            {"initiative": "Week", "total": "0", "publicity": "0"},
            "The whole budget must be £1 or more",
        ),
        (
            {"initiative": "Week", "total": "ten", "publicity": "-1"},
            "The whole budget must be a whole number of pounds, like 12,000",
        ),
        (
            {"initiative": "Week", "total": "99999999999999999999", "publicity": "1"},
            "The whole budget must be £2,000,000,000 or less",
        ),
        ({"initiative": "x" * 201, "total": "1", "publicity": "1"}, "200 characters or fewer"),
        ({"action": "99999999999999999999999", "total": "1", "publicity": "1"}, "from the list"),
    ],
)
def test_bad_input_comes_back_with_its_error_and_nothing_is_saved(world, client_for, data, message):
    words = _errors(post(client_for, world, "budget-create", data))
    assert "There is a problem" in words
    assert message in words
    assert "This field is required" not in words
    assert PublicityBudget.objects.count() == 0


def test_an_action_and_an_initiative_together_are_refused(world, client_for):
    taxi = action(world.partnership, world.agency)
    data = {"action": taxi.pk, "initiative": "Week", "total": "10", "publicity": "1"}
    words = _errors(post(client_for, world, "budget-create", data))
    assert "Choose an action from the plan or name an initiative, not both" in words
    assert PublicityBudget.objects.count() == 0


def test_an_action_of_another_partnership_cannot_be_chosen(world, client_for):
    theirs = action(world.other_partnership, world.other_agency, "Their action")
    data = {"action": theirs.pk, "total": "10", "publicity": "1"}
    words = _errors(post(client_for, world, "budget-create", data))
    assert "Select the action in the plan from the list" in words
    assert "Their action" not in words
    assert PublicityBudget.objects.count() == 0


def test_each_action_has_one_budget(world, client_for):
    taxi = action(world.partnership, world.agency, "Taxi marshals")
    budget(world.partnership, action=taxi)
    form_page = text_of(page(client_for, world, name="communications:budget-create"))
    assert "Taxi marshals" not in form_page
    data = {"action": taxi.pk, "total": "10", "publicity": "1"}
    words = _errors(post(client_for, world, "budget-create", data))
    assert "Select the action in the plan from the list" in words
    assert PublicityBudget.objects.count() == 1


def test_the_service_keeps_the_rules_whoever_calls_it(world):
    user, p = world.user("manager_this"), world.partnership
    theirs = action(world.other_partnership, world.other_agency)
    ours = action(p, world.agency)
    cases = [
        ({"action": theirs, "initiative": ""}, services.ACTION_ELSEWHERE),
        ({"action": ours, "initiative": "Week"}, services.ACTION_OR_INITIATIVE),
        ({"action": None, "initiative": "  "}, services.NEITHER),
    ]
    for where, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.budget_create(user=user, partnership=p, total=10, publicity=1, **where)
    with pytest.raises(ValidationError, match="not be more than"):
        services.budget_create(
            user=user, partnership=p, action=ours, initiative="", total=10, publicity=11
        )
    services.budget_create(
        user=user, partnership=p, action=ours, initiative="", total=10, publicity=1
    )
    with pytest.raises(ValidationError, match="already has a publicity budget"):
        services.budget_create(
            user=user, partnership=p, action=ours, initiative="", total=10, publicity=1
        )
    assert PublicityBudget.objects.count() == 1


def test_editing_keeps_the_budgets_own_action_in_the_list(world, client_for):
    taxi = action(world.partnership, world.agency, "Taxi marshals")
    saved = budget(world.partnership, action=taxi, total=1_000, publicity=100)
    form_page = page(client_for, world, name="communications:budget-edit", pk=saved.pk)
    assert "Taxi marshals" in form_page and 'value="1000"' in form_page
    response = post(
        client_for,
        world,
        "budget-edit",
        {"action": taxi.pk, "total": "2,000", "publicity": "300"},
        pk=saved.pk,
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.total, saved.publicity) == (2000, 300)


def test_editing_to_more_publicity_than_budget_is_refused(world, client_for):
    saved = budget(world.partnership, initiative="Week", total=1_000, publicity=100)
    words = _errors(
        post(
            client_for,
            world,
            "budget-edit",
            {"initiative": "Week", "total": "50", "publicity": "60"},
            pk=saved.pk,
        )
    )
    assert "must not be more than the whole budget" in words
    saved.refresh_from_db()
    assert saved.total == 1_000


def test_removing_a_budget(world, client_for):
    saved = budget(world.partnership, initiative="Week")
    assert "Remove the budget" in page(
        client_for, world, name="communications:budget-delete", pk=saved.pk
    )
    assert post(client_for, world, "budget-delete", {}, pk=saved.pk).status_code == 302
    assert not PublicityBudget.objects.exists()


def test_a_budget_is_found_only_under_its_own_partnership(world, client_for):
    saved = budget(world.other_partnership, initiative="Theirs")
    response = client_for("admin").get(url(world, "budget-edit", pk=saved.pk))
    assert response.status_code == 404


def _count(client, address) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


# The request's reads (session, user, roles, the partnership) and the page's (budgets with
# their actions, actions with none).
BUDGET_QUERIES = 6


def test_the_list_runs_the_same_queries_at_one_budget_and_thirty(world, client_for):
    client = client_for("manager_this")
    address = url(world, "budgets")
    client.get(address)
    budget(world.partnership, action=action(world.partnership, world.agency, "First"))
    action(world.partnership, world.agency, "Unbudgeted")
    assert _count(client, address) == BUDGET_QUERIES
    for n in range(29):
        a = action(world.partnership, factories.AgencyFactory(name=f"Owner {n}"), f"Action {n}")
        budget(world.partnership, action=a)
        action(world.partnership, world.agency, f"Unbudgeted {n}")
    assert _count(client, address) == BUDGET_QUERIES
