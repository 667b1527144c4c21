"""Partnership work written into a contact's job description or the agency's commissioning
contracts (report ch. 2.3.2): a fact per membership that the single-person dependency view
shows and the review's dependencies rating uses."""

from django.urls import reverse

from core import clock
from partnerships.models import Contact, Membership
from reviews import ratings


def _single_person(world):
    """The world's police membership rests on one person at strategic level."""
    membership = Membership.objects.get(partnership=world.partnership, agency=world.agency)
    membership.strategic = True
    membership.save()
    Contact.objects.create(
        membership=membership, level="strategic", name="Pat Lone", email="pat.lone@example.org"
    )
    return membership


def _dependencies(world):
    return ratings.rate_partnerships([world.partnership], today=clock.today())[0].results[
        "dependencies"
    ]


def test_a_dependency_written_into_the_job_description_is_named_not_counted(world):
    membership = _single_person(world)
    before = _dependencies(world)
    assert before.rating == ratings.AMBER
    membership.in_job_description = True
    membership.save()
    after = _dependencies(world)
    assert after.rating == ratings.GREEN
    assert "written into job descriptions or contracts: Leedsford Police" in after.explanation
    assert after.facts["written_in"] and not after.facts["single_points"]


def test_commissioning_contracts_count_as_written_in(world):
    membership = _single_person(world)
    membership.in_commissioning_contracts = True
    membership.save()
    assert _dependencies(world).rating == ratings.GREEN


def test_more_than_the_amber_limit_unwritten_is_red_and_written_ones_are_still_named():
    result = ratings.rate_dependencies(
        single_points=[f"Agency {i} (board)" for i in range(ratings.DEPENDENCIES_AMBER_MAX + 1)],
        written_in=["Written Agency (board)"],
    )
    assert result.rating == ratings.RED
    assert "1 more rests on one person" in result.explanation


def test_the_manager_records_it_and_the_pages_show_it(world, client_for):
    membership = _single_person(world)
    code = world.partnership.ons_code
    client = client_for("manager_this")
    edit = reverse("partnerships:member-edit", kwargs={"code": code, "pk": membership.pk})
    response = client.post(
        edit, {"strategic": "on", "status": "active", "in_job_description": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership.refresh_from_db()
    assert membership.in_job_description and not membership.in_commissioning_contracts
    assert membership.history.first().in_job_description  # in the history
    detail = client.get(membership.get_absolute_url()).content.decode()
    assert "a successor inherits it" in detail
    overview = client.get(
        reverse("partnerships:partnership-detail", kwargs={"code": code})
    ).content.decode()
    assert "The job description" in overview
    rules = client.get(reverse("reviews:rules")).content.decode()
    assert "job description or the agency’s commissioning contracts" in rules
