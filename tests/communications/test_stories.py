"""The stories pipeline: services, pages, permissions and the whole flow from a good-practice
entry to an issued story, with press officers approving in their own sessions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Notification
from communications.models import Channel, Stage, Story, StoryApproval
from communications.services import stories as services
from tests import factories
from tests.communications.stories_helpers import council, press_officer, story
from tests.goodpractice.factories import draft as entry_draft
from tests.goodpractice.factories import published as entry_published

pytestmark = pytest.mark.django_db


def client_as(user):
    from django.test import Client

    c = Client()
    factories.login_verified(c, user)
    return c


# Services -------------------------------------------------------------------------------


def test_a_story_with_a_draft_starts_drafted_and_without_one_as_an_idea(world):
    assert story(world, stage="idea").stage == Stage.IDEA
    assert story(world, title="Another").stage == Stage.DRAFTED


def test_writing_the_draft_makes_an_idea_drafted(world):
    made = story(world, stage="idea")
    services.story_update(story=made, title="Safer nights", body="Written now.")
    made.refresh_from_db()
    assert made.stage == Stage.DRAFTED and made.body == "Written now."


def test_a_story_sent_for_approval_can_no_longer_be_changed(world):
    made = story(world, stage="awaiting_approval")
    with pytest.raises(ValidationError, match="return it to draft first"):
        services.story_update(story=made, title="Changed")


def test_an_idea_cannot_be_sent_for_approval(world):
    with pytest.raises(ValidationError, match="Write the draft"):
        services.story_send_for_approval(story=story(world, stage="idea"), agencies=[world.agency])


def test_sending_needs_at_least_one_agency_and_only_members(world):
    made = story(world)
    with pytest.raises(ValidationError, match="at least one agency"):
        services.story_send_for_approval(story=made, agencies=[])
    with pytest.raises(ValidationError, match="only agencies that are members"):
        services.story_send_for_approval(story=made, agencies=[world.other_agency])
    made.refresh_from_db()
    assert made.stage == Stage.DRAFTED and not made.approvals.exists()


def test_sending_tells_each_agencys_press_officers_once(world):
    police_officer = press_officer(world.agency, "police.press@example.org")
    council_officer = press_officer(council(world), "council.press@example.org")
    made = story(world)
    services.story_send_for_approval(
        story=made, agencies=[world.agency, council_officer.role_assignments.get().agency]
    )
    made.refresh_from_db()
    assert made.stage == Stage.AWAITING_APPROVAL and made.sent_for_approval_at is not None
    assert made.approvals.count() == 2
    for user in (police_officer, council_officer):
        notices = Notification.objects.filter(user=user)
        assert [n.subject for n in notices] == [
            f"Approve a story for {user.role_assignments.get().agency}: Safer nights in the city"
        ]
    # staff_this is not a press officer: not told
    assert not Notification.objects.filter(user=world.user("staff_this")).exists()


def test_only_the_agencys_press_officer_approves(world):
    made = story(world, stage="awaiting_approval")
    approval = made.approvals.get()
    with pytest.raises(ValidationError, match="Only a press officer of Leedsford Police"):
        services.story_approve(approval=approval, user=world.user("staff_this"))
    other = press_officer(world.other_agency, "boltham.press@example.org")
    with pytest.raises(ValidationError, match="Only a press officer"):
        services.story_approve(approval=approval, user=other)
    approval.refresh_from_db()
    assert not approval.is_approved


def test_the_last_approval_approves_the_story_and_tells_its_owner(world):
    council_agency = council(world)
    made = story(world, stage="awaiting_approval", agencies=[world.agency, council_agency])
    police = made.approvals.get(agency=world.agency)
    council_approval = made.approvals.get(agency=council_agency)
    services.story_approve(
        approval=police, user=press_officer(world.agency, "police.press@example.org")
    )
    made.refresh_from_db()
    assert made.stage == Stage.AWAITING_APPROVAL
    officer = press_officer(council_agency, "council.press@example.org")
    services.story_approve(approval=council_approval, user=officer)
    made.refresh_from_db()
    council_approval.refresh_from_db()
    assert made.stage == Stage.APPROVED
    assert council_approval.approved_by == officer and council_approval.approved_at is not None
    owner_notices = Notification.objects.filter(user=world.user("manager_this"))
    assert [n.subject for n in owner_notices] == ["Story approved: Safer nights in the city"]
    with pytest.raises(ValidationError, match="not awaiting approval"):
        services.story_approve(approval=council_approval, user=officer)


def test_returning_to_draft_clears_the_approvals(world):
    made = story(world, stage="approved")
    services.story_return_to_draft(story=made)
    made.refresh_from_db()
    assert made.stage == Stage.DRAFTED and made.sent_for_approval_at is None
    assert not StoryApproval.objects.filter(story=made).exists()
    with pytest.raises(ValidationError, match="Only a story sent for approval"):
        services.story_return_to_draft(story=made)


def test_a_story_is_issued_only_once_approved(world):
    made = story(world, stage="awaiting_approval")
    with pytest.raises(ValidationError, match="once every agency has approved"):
        services.story_issue(story=made, issued_on=date(2026, 12, 2))
    made = story(world, stage="approved", title="Approved one")
    services.story_issue(story=made, issued_on=date(2026, 12, 2))
    made.refresh_from_db()
    assert made.stage == Stage.ISSUED and made.issued_on == date(2026, 12, 2)


def test_a_channel_of_another_partnership_is_refused(world):
    channel = Channel.objects.create(
        partnership=world.other_partnership,
        name="Boltham News",
        kind="local_paper",
        frequency="weekly",
    )
    with pytest.raises(ValidationError):
        services.story_create(
            partnership=world.partnership,
            owner=world.user("manager_this"),
            title="X",
            channel=channel,
        )


# Drafts from sources ---------------------------------------------------------------------


def test_the_draft_from_a_good_practice_entry_has_its_facts(world):
    entry = entry_draft(partnership=world.partnership, title="Safer nights in Leedsford")
    drafted = services.story_draft_from(entry)
    assert drafted["title"] == "Safer nights in Leedsford"
    assert "A tasking group for the city centre at night." in drafted["facts"]
    assert "Violence with injury fell 18%" in drafted["facts"]
    assert "Police, council licensing, Pubwatch, the hospital" in drafted["facts"]


def test_the_draft_from_a_completed_action_has_its_facts(world):
    from partnerships.models import Action, Priority

    priority = Priority.objects.create(
        partnership=world.partnership, title="Night-time economy", problem_statement="-"
    )
    action = Action.objects.create(
        partnership=world.partnership,
        priority=priority,
        title="Help points in the city centre",
        owner=world.agency,
        due_on=date(2026, 11, 30),
        status="done",
    )
    facts = services.story_draft_from(action)["facts"]
    assert "Completed action: Help points in the city centre" in facts
    assert "Priority: Night-time economy" in facts
    assert "Owner agency: Leedsford Police" in facts
    assert "Due date: 30 November 2026" in facts


def test_the_draft_from_an_improved_outcome_compares_12_months_with_the_12_before(world):
    from outcomes.models import Figure, Indicator

    indicator = Indicator.objects.get(code="robbery")
    Figure.objects.filter(indicator=indicator).delete()
    world.partnership.population = 100_000
    world.partnership.save()
    start = date(2024, 1, 1)
    for quarter in range(8):
        month = start.month + 3 * quarter
        Figure.objects.create(
            partnership=world.partnership,
            indicator=indicator,
            period_type="quarter",
            period_start=date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1),
            value=100 if quarter < 4 else 80,
        )
    drafted = services.story_draft_from(indicator, partnership=world.partnership)
    assert drafted["title"] == "Robbery per 1,000 residents down 20% in Leedsford"
    assert "Latest 12 months (Jan 2025 to Dec 2025): 3.20 per 1,000 residents" in drafted["facts"]
    assert "Previous 12 months: 4.00 per 1,000 residents" in drafted["facts"]
    assert "Down 20% (better)" in drafted["facts"]


# Pages ------------------------------------------------------------------------------------


def test_starting_from_an_entry_fills_in_its_facts(world, client_for):
    entry = entry_draft(partnership=world.partnership, title="Safer nights in Leedsford")
    url = reverse("communications:story-create", kwargs={"code": world.partnership.ons_code})
    page = client_for("manager_this").get(f"{url}?entry={entry.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="Safer nights in Leedsford"' in html
    assert "Violence with injury fell 18%" in html


def test_a_published_entry_of_another_partnership_starts_a_story_from_its_page(world, client_for):
    entry = entry_published(partnership=world.other_partnership, title="Boltham nights")
    client = client_for("manager_this")
    detail = client.get(reverse("goodpractice:entry-detail", args=[entry.pk])).content.decode()
    url = reverse("communications:story-create", kwargs={"code": world.partnership.ons_code})
    assert f'href="{url}?entry={entry.pk}"' in detail
    assert "Start a story" in detail
    page = client.get(f"{url}?entry={entry.pk}")
    assert page.status_code == 200
    assert 'value="Boltham nights"' in page.content.decode()
    staff = client_for("staff_this").get(reverse("goodpractice:entry-detail", args=[entry.pk]))
    assert "Start a story" not in staff.content.decode()


def test_a_source_of_another_partnership_is_not_found(world, client_for):
    entry = entry_draft(partnership=world.other_partnership, title="Boltham nights")
    url = reverse("communications:story-create", kwargs={"code": world.partnership.ons_code})
    client = client_for("manager_this")
    assert client.get(f"{url}?entry={entry.pk}").status_code == 404
    assert client.get(f"{url}?action=99999999").status_code == 404
    assert client.get(f"{url}?indicator=nonsense").status_code == 404
    assert client.get(f"{url}?entry=99999999999999999999999").status_code == 404


def test_the_create_form_sent_empty_says_what_to_enter(world, client_for):
    url = reverse("communications:story-create", kwargs={"code": world.partnership.ons_code})
    page = client_for("manager_this").post(url, {"planned_on_0": "31", "planned_on_1": "2"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Enter the headline" in html
    assert "This field is required" not in html
    assert not Story.objects.exists()


def test_the_list_filters_by_stage_and_shows_approvals_n_of_m(world, client_for):
    story(world, stage="idea", title="An idea")
    story(world, stage="awaiting_approval", title="Waiting one")
    url = reverse("communications:stories", kwargs={"code": world.partnership.ons_code})
    html = client_for("staff_this").get(url).content.decode()
    assert "An idea" in html and "Waiting one" in html and "0 of 1" in html
    html = client_for("staff_this").get(url, {"stage": "idea"}).content.decode()
    assert "An idea" in html and "Waiting one" not in html
    html = client_for("staff_this").get(url, {"stage": "nonsense"}).content.decode()
    assert "An idea" in html and "Waiting one" in html


def test_the_export_is_csv_injection_safe(world, client_for):
    story(world, title='=HYPERLINK("http://x")')
    url = reverse("communications:stories-export", kwargs={"code": world.partnership.ons_code})
    answer = client_for("manager_this").get(url)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    text = answer.content.decode("utf-8-sig")
    assert text.startswith("Headline,Stage,Owner,Channel,Planned date,Approvals")
    assert "'=HYPERLINK" in text and "Drafted" in text and "0 of 0" in text


def test_the_queue_lists_what_waits_for_the_press_officers_agencies(world):
    officer = press_officer(world.agency, "police.press@example.org")
    story(world, stage="awaiting_approval", title="Waiting for police")
    story(world, stage="drafted", title="Not sent yet")
    html = client_as(officer).get(reverse("communications:approvals")).content.decode()
    assert "Waiting for police" in html and "Not sent yet" not in html
    html = client_as(world.user("staff_this")).get(reverse("communications:approvals"))
    assert "You are not a press officer" in html.content.decode()


# The whole flow ---------------------------------------------------------------------------


def test_from_a_good_practice_entry_to_an_issued_story(world, client_for):
    code = world.partnership.ons_code
    council_agency = council(world)
    police_officer = press_officer(world.agency, "police.press@example.org")
    council_officer = press_officer(council_agency, "council.press@example.org")
    fire = factories.AgencyFactory(name="Leedsford Fire", agency_type=factories.agency_type("fire"))
    factories.MembershipFactory(partnership=world.partnership, agency=fire)
    fire_officer = press_officer(fire, "fire.press@example.org")
    boltham_officer = press_officer(world.other_agency, "boltham.press@example.org")
    entry = entry_draft(partnership=world.partnership, title="Safer nights in Leedsford")
    manager = client_for("manager_this")

    # The manager starts it from the entry, facts filled in, and writes the draft.
    create = reverse("communications:story-create", kwargs={"code": code})
    answer = manager.post(
        f"{create}?entry={entry.pk}",
        {
            "title": "Safer nights in Leedsford",
            "facts": services.story_draft_from(entry)["facts"],
            "body": "Violence in the city centre at night has fallen by almost a fifth.",
            "planned_on_0": "11",
            "planned_on_1": "12",
            "planned_on_2": "2026",
        },
    )
    made = Story.objects.get()
    assert answer.status_code == 302 and answer["Location"] == made.get_absolute_url()
    assert made.entry == entry and made.stage == Stage.DRAFTED
    assert made.planned_on == date(2026, 12, 11)

    # It goes to the police and the council.
    send = reverse("communications:story-send", kwargs={"pk": made.pk})
    assert "Leedsford Council" in manager.get(send).content.decode()
    answer = manager.post(send, {"agencies": [world.agency.pk, council_agency.pk]})
    assert answer.status_code == 302
    made.refresh_from_db()
    assert made.stage == Stage.AWAITING_APPROVAL
    police_approval = made.approvals.get(agency=world.agency)
    council_approval = made.approvals.get(agency=council_agency)

    def approve_url(approval):
        return reverse(
            "communications:story-approve", kwargs={"pk": made.pk, "approval_pk": approval.pk}
        )

    # Others cannot approve: fire (a reader) is refused, Boltham's officer is told nothing exists.
    assert client_as(fire_officer).post(approve_url(police_approval)).status_code == 403
    assert client_as(boltham_officer).post(approve_url(police_approval)).status_code == 404
    assert client_as(boltham_officer).get(made.get_absolute_url()).status_code == 404
    # The council's officer cannot approve for the police.
    assert client_as(council_officer).post(approve_url(police_approval)).status_code == 403

    # Each press officer approves for their own agency, in their own session.
    police = client_as(police_officer)
    page = police.get(made.get_absolute_url()).content.decode()
    assert 'Approve<span class="govuk-visually-hidden"> for Leedsford Police' in page
    assert "for Leedsford Council</span>" not in page
    assert police.post(approve_url(police_approval)).status_code == 302
    made.refresh_from_db()
    assert made.stage == Stage.AWAITING_APPROVAL
    council_client = client_as(council_officer)
    assert council_client.post(approve_url(council_approval)).status_code == 302
    made.refresh_from_db()
    assert made.stage == Stage.APPROVED
    page = manager.get(made.get_absolute_url()).content.decode()
    assert "2 of 2 agencies have approved" in page
    assert "council.press@example.org" in page or council_officer.get_full_name() in page

    # The manager issues it.
    issue = reverse("communications:story-issue", kwargs={"pk": made.pk})
    answer = manager.post(issue, {"issued_on_0": "12", "issued_on_1": "12", "issued_on_2": "2026"})
    assert answer.status_code == 302
    made.refresh_from_db()
    assert made.stage == Stage.ISSUED and made.issued_on == date(2026, 12, 12)


def test_a_press_officer_who_may_not_read_a_story_gets_404(world):
    made = story(world, stage="awaiting_approval")
    outsider = press_officer(world.other_agency, "boltham.press@example.org")
    url = reverse("communications:story", kwargs={"pk": made.pk})
    assert client_as(outsider).get(url).status_code == 404


def test_the_outcome_indicator_source_must_be_active(world, client_for):
    from outcomes.models import Indicator

    indicator = Indicator.objects.order_by("pk").first()
    indicator.is_active = False
    indicator.save()
    url = reverse("communications:story-create", kwargs={"code": world.partnership.ons_code})
    assert client_for("manager_this").get(f"{url}?indicator={indicator.pk}").status_code == 404


def test_reviewers_read_stories_but_cannot_send_them(world, client_for):
    made = story(world)
    reviewer = client_for("reviewer_in")
    assert reviewer.get(made.get_absolute_url()).status_code == 200
    send = reverse("communications:story-send", kwargs={"pk": made.pk})
    assert reviewer.post(send, {"agencies": [world.agency.pk]}).status_code == 403


def test_a_completed_action_offers_a_story_to_the_manager_only(world, client_for):
    from partnerships.models import Action

    action = Action.objects.create(
        partnership=world.partnership,
        title="Help points",
        owner=world.agency,
        due_on=date(2026, 11, 30),
        status="done",
    )
    url = reverse("partnerships:action-list", kwargs={"code": world.partnership.ons_code})
    link = f"?action={action.pk}"
    assert link in client_for("manager_this").get(url).content.decode()
    assert link not in client_for("staff_this").get(url).content.decode()


def test_the_new_story_page_offers_the_outcomes_that_improved(world, client_for):
    from tests.outcomes.helpers import indicator, population, quarterly

    population(world.partnership, 2023, 100_000)
    population(world.partnership, 2024, 100_000)
    quarterly(world.partnership, "robbery", [50] * 4 + [40] * 4)  # down 20%: better
    quarterly(world.partnership, "violence-with-injury", [200] * 4 + [260] * 4)  # worse
    url = reverse("communications:story-create", kwargs={"code": world.partnership.ons_code})
    html = client_for("manager_this").get(url).content.decode()
    robbery = indicator("robbery")
    assert f'href="?indicator={robbery.pk}"' in html
    assert "Robbery per 1,000 residents</a>: down 20% (better)" in html
    assert f'?indicator={indicator("violence-with-injury").pk}"' not in html
    started = client_for("manager_this").get(f"{url}?indicator={robbery.pk}").content.decode()
    assert "Outcomes that improved" not in started and "Started from" in started
