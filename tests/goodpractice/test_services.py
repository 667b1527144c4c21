"""The good-practice workflow: draft → submitted → changes requested / published → archived,
mandatory criteria before publication, notifications, and adoptions."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Notification
from core import clock
from goodpractice import services
from goodpractice.models import (
    Adoption,
    Criterion,
    CriterionCheck,
    Entry,
    ReviewDecision,
    Status,
)

from .factories import all_criteria_ids, draft, published, submitted

pytestmark = pytest.mark.django_db


def test_a_draft_needs_only_a_title_and_keeps_its_derived_fields(world):
    entry = draft(
        partnership=world.partnership,
        user=world.users["manager_this"],
        complete=False,
        title="Idea",
    )
    assert entry.status == Status.DRAFT and entry.first_year_cost is None
    entry = services.entry_update(
        entry=entry,
        user=world.users["manager_this"],
        setup_cost=1_000,
        running_cost=2_500,
        problem="Graffiti on the underpass",
    )
    assert entry.first_year_cost == 3_500
    assert "Graffiti" in entry.search_document and world.partnership.name in entry.search_document


def test_submission_needs_a_complete_entry(world):
    entry = draft(partnership=world.partnership, complete=False)
    with pytest.raises(ValidationError) as error:
        services.entry_submit(entry=entry, user=world.users["manager_this"])
    missing = error.value.message_dict
    assert {
        "summary",
        "problem",
        "response",
        "effect",
        "context",
        "outcome",
        "contact_name",
        "themes",
    } <= set(missing)
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT


def test_an_evaluated_entry_needs_its_report(world):
    entry = draft(partnership=world.partnership, evaluation="independent", evaluation_url="")
    with pytest.raises(ValidationError) as error:
        services.entry_submit(entry=entry, user=None)
    assert "evaluation_url" in error.value.message_dict


def test_submission_tells_the_regions_reviewers_only(world):
    entry = submitted(partnership=world.partnership, user=world.users["manager_this"])
    assert entry.status == Status.SUBMITTED and entry.submitted_at is not None
    told = set(
        Notification.objects.filter(subject__startswith="Good practice to review").values_list(
            "user__email", flat=True
        )
    )
    assert told == {world.users["reviewer_in"].email}


def test_publication_needs_every_mandatory_criterion(world):
    entry = submitted(partnership=world.partnership, user=world.users["manager_this"])
    mandatory = Criterion.objects.filter(is_mandatory=True).first()
    met = [pk for pk in all_criteria_ids() if pk != mandatory.pk]
    with pytest.raises(ValidationError) as error:
        services.entry_review(
            entry=entry, user=world.users["reviewer_in"], met_criteria=met, decision="publish"
        )
    assert mandatory.text in str(error.value)
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED
    assert not ReviewDecision.objects.exists() and not CriterionCheck.objects.exists()


def test_optional_criteria_may_be_unmet_at_publication(world):
    entry = submitted(partnership=world.partnership, user=world.users["manager_this"])
    mandatory = list(Criterion.objects.filter(is_mandatory=True).values_list("pk", flat=True))
    entry = services.entry_review(
        entry=entry, user=world.users["reviewer_in"], met_criteria=mandatory, decision="publish"
    )
    assert entry.status == Status.PUBLISHED and entry.published_at is not None
    unmet = CriterionCheck.objects.filter(entry=entry, is_met=False)
    assert unmet.count() == Criterion.objects.filter(is_mandatory=False).count()


def test_changes_requested_reach_the_author_and_the_author_revises(world):
    author = world.users["staff_this"]
    entry = submitted(partnership=world.partnership, user=author)
    with pytest.raises(ValidationError):  # asking for changes needs comments
        services.entry_review(
            entry=entry,
            user=world.users["reviewer_in"],
            met_criteria=[],
            decision="request_changes",
            comments="  ",
        )
    entry = services.entry_review(
        entry=entry,
        user=world.users["reviewer_in"],
        met_criteria=[],
        decision="request_changes",
        comments="State the baseline period.",
    )
    assert entry.status == Status.CHANGES_REQUESTED
    notice = Notification.objects.get(user=author, subject__startswith="Changes requested")
    assert "State the baseline period." in notice.body
    assert notice.url == entry.get_absolute_url()
    # The author revises and submits again; the reviewer publishes; the author hears again.
    services.entry_update(entry=entry, user=author, effect="Fell 18% against 2022–23.")
    services.entry_submit(entry=entry, user=author)
    entry = services.entry_review(
        entry=entry,
        user=world.users["reviewer_in"],
        met_criteria=all_criteria_ids(),
        decision="publish",
        comments="Thank you.",
    )
    assert entry.status == Status.PUBLISHED
    assert Notification.objects.filter(user=author, subject__startswith="Published").exists()
    assert ReviewDecision.objects.filter(entry=entry).count() == 2


def test_only_the_right_states_move(world):
    entry = draft(partnership=world.partnership)
    with pytest.raises(ValidationError):
        services.entry_review(
            entry=entry,
            user=world.users["admin"],
            met_criteria=all_criteria_ids(),
            decision="publish",
        )
    with pytest.raises(ValidationError):
        services.entry_archive(entry=entry, user=world.users["admin"])
    entry = services.entry_submit(entry=entry, user=None)
    with pytest.raises(ValidationError):
        services.entry_update(entry=entry, user=None, title="Changed while in review")
    with pytest.raises(ValidationError):
        services.entry_review(
            entry=entry, user=world.users["admin"], met_criteria=[], decision="approve-everything"
        )
    entry = services.entry_review(
        entry=entry, user=world.users["admin"], met_criteria=all_criteria_ids(), decision="publish"
    )
    with pytest.raises(ValidationError):
        services.entry_submit(entry=entry, user=None)
    entry = services.entry_archive(entry=entry, user=world.users["admin"])
    assert entry.status == Status.ARCHIVED and entry.archived_at is not None


def test_history_records_who_changed_what(world):
    manager = world.users["manager_this"]
    entry = draft(partnership=world.partnership, user=manager)
    services.entry_update(entry=entry, user=manager, title="Safer nights, revised")
    latest = entry.history.first()
    assert latest.title == "Safer nights, revised" and latest.history_user == manager


def test_an_adoption_by_another_partnership(world):
    entry = published(
        partnership=world.partnership,
        user=world.users["manager_this"],
        reviewer=world.users["reviewer_in"],
    )
    adoption = services.adoption_record(
        entry=entry,
        partnership=world.other_partnership,
        user=world.users["manager_other"],
        started_on=clock.today() - timedelta(days=90),
        result="partly",
        explanation="Worked in the centre, not in the suburbs.",
    )
    assert adoption.pk and Adoption.objects.filter(entry=entry).count() == 1
    assert Notification.objects.filter(
        user=world.users["manager_this"], subject__contains="tried"
    ).exists()


def test_adoption_rules(world):
    entry = published(partnership=world.partnership, reviewer=world.users["admin"])
    with pytest.raises(ValidationError):  # its own partnership
        services.adoption_record(
            entry=entry,
            partnership=world.partnership,
            user=None,
            started_on=clock.today(),
            result="worked",
            explanation="x",
        )
    with pytest.raises(ValidationError):  # in the future
        services.adoption_record(
            entry=entry,
            partnership=world.other_partnership,
            user=None,
            started_on=clock.today() + timedelta(days=3),
            result="worked",
            explanation="x",
        )
    with pytest.raises(ValidationError):  # not a result
        services.adoption_record(
            entry=entry,
            partnership=world.other_partnership,
            user=None,
            started_on=clock.today(),
            result="fabulous",
            explanation="x",
        )
    unpublished = draft(partnership=world.partnership, title="Not yet")
    with pytest.raises(ValidationError):
        services.adoption_record(
            entry=unpublished,
            partnership=world.other_partnership,
            user=None,
            started_on=clock.today(),
            result="worked",
            explanation="x",
        )
    assert not Adoption.objects.exists()


def test_the_published_checklist_is_reference_data(world):
    slugs = set(Criterion.objects.values_list("slug", flat=True))
    assert {
        "problem-evidence",
        "response-repeatable",
        "baseline",
        "cost-stated",
        "context-stated",
        "contact-named",
    } <= slugs
    assert Entry.objects.count() == 0
