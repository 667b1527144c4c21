"""seed_scale fills an empty PostgreSQL database with a national-shaped dataset of any size."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client

from accounts.models import User
from cdrp_portal.management.commands.bench import Command as Bench
from cdrp_portal.management.commands.seed_scale import BENCH_ACCOUNTS
from communications.models import CalendarItem, Channel, Coverage, Story, StoryApproval
from core import clock
from datasharing.models import Agreement, DataUse, Delivery, IstvAssault, StreamNote
from funding.models import Bid, Opportunity, Watch
from goodpractice.models import Entry
from outcomes.models import Figure, Indicator
from partnerships.models import Action, Agency, Attendance, Document, Meeting, Partnership, Priority
from reviews.models import FollowUpAction, StoredRatings
from reviews.ratings import DIMENSION_KEYS
from reviews.stored import stored_ratings
from tests import factories

pytestmark = pytest.mark.django_db

SMALL = {
    "partnerships": 12,
    "agencies": 80,
    "users": 150,
    "agreements": 60,
    "deliveries": 900,
    "istv_assaults": 700,
    "opportunities": 50,
    "bids": 40,
    "watches": 200,
    "goodpractice_entries": 120,
    "outcome_months": 4,
    "stories": 90,
    "coverage": 150,
    "calendar_items": 30,
    "documents": 90,
    "priorities": 40,
    "actions": 200,
    "meetings": 150,
    "follow_up_actions": 30,
    "data_uses": 120,
    "stream_notes": 30,
}


def test_a_small_run_makes_the_sizes_asked_for_and_the_benchmark_accounts(require_postgres):
    Partnership.objects.all().delete()
    call_command("seed_scale", allow_without_debug=True, **SMALL)
    assert Partnership.objects.count() == 12
    assert Agreement.objects.count() == 60
    assert Delivery.objects.count() == 900
    assert IstvAssault.objects.count() == 700
    assert Opportunity.objects.count() == 50
    assert Bid.objects.count() == 40
    assert Watch.objects.count() == 200
    assert Entry.objects.count() == 120
    indicators = Indicator.objects.filter(is_active=True).count()
    assert Figure.objects.count() == 12 * indicators * 4
    assert Figure.objects.values("period_start").distinct().count() == 4
    assert User.objects.filter(email__in=BENCH_ACCOUNTS.values()).count() == len(BENCH_ACCOUNTS)
    assert (Story.objects.count(), Coverage.objects.count(), CalendarItem.objects.count()) == (
        90,
        150,
        30,
    )
    assert Channel.objects.count() == 12 * 5
    assert not Coverage.objects.exclude(partnership=F("channel__partnership")).exists()
    assert not StoryApproval.objects.exclude(
        agency__memberships__partnership=F("story__partnership")
    ).exists()
    staff = User.objects.get(email=BENCH_ACCOUNTS["staff"])
    assert staff.scope.press_officer_agency_ids
    call_command("seed_scale", check_seeded=True)
    with pytest.raises(CommandError, match="already holds partnerships"):
        call_command("seed_scale", allow_without_debug=True, **SMALL)


def test_a_small_run_ends_with_every_partnership_s_kept_ratings_current(
    require_postgres, django_assert_num_queries
):
    Partnership.objects.all().delete()
    call_command("seed_scale", allow_without_debug=True, **SMALL)
    today = clock.today()
    kept = StoredRatings.objects.filter(rated_on=today, stale=False)
    assert sorted(kept.values_list("partnership_id", flat=True)) == sorted(
        Partnership.objects.values_list("pk", flat=True)
    )
    assert all(set(row.results) == set(DIMENSION_KEYS) for row in kept)
    partnerships = list(Partnership.objects.all())
    with django_assert_num_queries(1):  # read as kept, nothing worked out again
        rows = stored_ratings(partnerships, today=today)
    assert [row.partnership.pk for row in rows] == [p.pk for p in partnerships]


def test_a_small_run_gives_every_partnership_a_plan_meetings_and_data_uses(require_postgres):
    Partnership.objects.all().delete()
    call_command("seed_scale", allow_without_debug=True, **SMALL)
    assert (
        Document.objects.count(),
        Priority.objects.count(),
        Action.objects.count(),
        Meeting.objects.count(),
        FollowUpAction.objects.count(),
        DataUse.objects.count(),
        StreamNote.objects.count(),
    ) == (90, 40, 200, 150, 30, 120, 30)
    today = clock.today()
    for partnership in Partnership.objects.all():
        assert partnership.documents.filter(kind="strategic_assessment").exists()
        assert partnership.priorities.exists()
        assert partnership.groups.count() == 4
        assert partnership.actions.filter(priority__isnull=False).exists()
        assert partnership.review_actions.filter(status="open").exists()
    assert Action.objects.filter(status="done").exists()
    assert Action.objects.filter(due_on__lt=today).exclude(status="done").exists()
    assert Action.objects.filter(arising_from__isnull=False).exists()
    assert Attendance.objects.exists()
    # Every use is of a stream its partnership really has deliveries for.
    stream = ("partnership_id", "agency_id", "dataset_id")
    used = set(DataUse.objects.values_list(*stream)) | set(StreamNote.objects.values_list(*stream))
    assert used <= set(Delivery.objects.values_list(*stream))
    assert not Action.objects.exclude(owner__memberships__partnership=F("partnership")).exists()
    # The benchmark's pages have something to show: its staff account's agency has a stream
    # in the manager's partnership with uses and notes, and its latest meeting has business.
    manager = User.objects.get(email=BENCH_ACCOUNTS["manager"])
    staff = User.objects.get(email=BENCH_ACCOUNTS["staff"])
    partnership = manager.role_assignments.get().partnership
    police = staff.role_assignments.get().agency
    assert DataUse.objects.filter(partnership=partnership, agency=police, action__isnull=False)
    assert DataUse.objects.filter(partnership=partnership, agency=police, document__isnull=False)
    assert StreamNote.objects.filter(partnership=partnership, agency=police).exists()
    latest = Meeting.objects.filter(group__partnership=partnership, held_on__lte=today).first()
    assert latest.actions_arising.exists()
    assert latest.attendances.exists()


LOOP_PAGES = {
    "document data",
    "our review",
    "follow-up action",
    "follow-up progress",
    "meeting",
    "your data",
    "your data: one stream",
}


def test_the_benchmark_has_every_page_of_issue_18_and_each_serves(require_postgres):
    Partnership.objects.all().delete()
    call_command("seed_scale", allow_without_debug=True, **SMALL)
    users = {role: User.objects.get(email=email) for role, email in BENCH_ACCOUNTS.items()}
    pages = {label: (role, path) for label, role, path in Bench()._pages(users)}
    assert LOOP_PAGES <= set(pages)
    clients = {}
    for label in sorted(LOOP_PAGES):
        role, path = pages[label]
        if role not in clients:
            clients[role] = factories.login_verified(Client(), users[role])
        response = clients[role].get(path)
        assert response.status_code == 200, (label, path)
    # The pages the seed was made for have something to show.
    stream = clients["staff"].get(pages["your data: one stream"][1]).content.decode()
    meeting = clients["manager"].get(pages["meeting"][1]).content.decode()
    for empty in ("No action is", "No document is", "No notes yet", "Nothing delivered"):
        assert empty not in stream
    for empty in ("No agenda", "No actions arising", "No attendance"):
        assert empty not in meeting


def test_it_refuses_without_debug_and_reports_an_unseeded_database(require_postgres):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_scale")
    with pytest.raises(CommandError, match="Not seeded"):
        call_command("seed_scale", check_seeded=True)


def test_a_tiny_run_still_has_one_agency_of_every_statutory_type(require_postgres):
    Partnership.objects.all().delete()
    call_command("seed_scale", allow_without_debug=True, **{**SMALL, "agencies": 5})
    slugs = set(Agency.objects.values_list("agency_type__slug", flat=True))
    assert {"police", "emergency-department", "health-commissioner", "fire", "probation"} <= slugs
