"""Stories in any stage, and the press officers who approve them, for the stories tests."""

from accounts.models import Role
from accounts.services import role_assign
from communications.services import stories as services
from tests import factories


def press_officer(agency, email):
    user = factories.UserFactory(email=email)
    role_assign(user=user, role=Role.AGENCY_STAFF, agency=agency, is_press_officer=True)
    return user


def council(world):
    """A council that is a member of the world's partnership."""
    agency = factories.AgencyFactory(
        name="Leedsford Council", agency_type=factories.agency_type("la-unitary")
    )
    factories.MembershipFactory(partnership=world.partnership, agency=agency)
    return agency


def story(world, *, stage="drafted", title="Safer nights in the city", agencies=None, **fields):
    """A story of the world's partnership, owned by its manager, taken to `stage`."""
    made = services.story_create(
        partnership=world.partnership,
        owner=world.user("manager_this"),
        title=title,
        facts=fields.pop("facts", "Violence with injury fell 18%."),
        body="" if stage == "idea" else fields.pop("body", "The city centre is safer at night."),
        **fields,
    )
    if stage in ("idea", "drafted"):
        return made
    agencies = agencies or [world.agency]
    made = services.story_send_for_approval(story=made, agencies=agencies)
    if stage == "awaiting_approval":
        return made
    for approval in made.approvals.select_related("agency"):
        officer = press_officer(approval.agency, f"po{approval.pk}@example.org")
        services.story_approve(approval=approval, user=officer)
    made.refresh_from_db()
    if stage == "approved":
        return made
    from core import clock

    return services.story_issue(story=made, issued_on=clock.today())
