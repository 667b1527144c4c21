"""seed_scale fills an empty PostgreSQL database with a national-shaped dataset of any size."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from accounts.models import User
from cdrp_portal.management.commands.seed_scale import BENCH_ACCOUNTS
from communications.models import CalendarItem, Channel, Coverage, Story, StoryApproval
from core import clock
from datasharing.models import Agreement, Delivery, IstvAssault
from funding.models import Bid, Opportunity, Watch
from goodpractice.models import Entry
from outcomes.models import Figure, Indicator
from partnerships.models import Agency, Partnership
from reviews.models import StoredRatings
from reviews.ratings import DIMENSION_KEYS
from reviews.stored import stored_ratings

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
