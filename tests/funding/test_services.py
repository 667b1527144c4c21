"""Funding services: publishing, watching, saved-search digests, preferences, the calendar
token, and bids with their status rules."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core import clock as portal_clock
from funding import services
from funding.models import Bid, BidStatus, Frequency, FundingPreferences, SavedSearch, Theme

from .factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def values(**overrides):
    now = portal_clock.now()
    data = dict(
        funder=FunderFactory(),
        title="Safer Streets",
        description="Money",
        themes=list(Theme.objects.filter(slug="violence")),
        is_national=True,
        opens_at=now,
        closes_at=now + timedelta(days=30),
        period_start=(now + timedelta(days=60)).date(),
        period_end=(now + timedelta(days=60 + 365)).date(),
    )
    data.update(overrides)
    return data


def test_administrators_publish_national_opportunities(world):
    opportunity = services.opportunity_create(user=world.users["admin"], **values())
    assert opportunity.is_national and opportunity.period_months == 12
    assert opportunity.history.count() == 1


def test_reviewers_publish_only_for_their_regions(world):
    reviewer = world.users["reviewer_in"]
    with pytest.raises(ValidationError) as national:
        services.opportunity_create(user=reviewer, **values())
    assert "is_national" in national.value.message_dict
    with pytest.raises(ValidationError) as outside:
        services.opportunity_create(
            user=reviewer, **values(is_national=False, regions=[world.region_out])
        )
    assert "regions" in outside.value.message_dict
    with pytest.raises(ValidationError):
        services.opportunity_create(
            user=reviewer, **values(is_national=False, partnerships=[world.other_partnership])
        )
    mine = services.opportunity_create(
        user=reviewer, **values(is_national=False, regions=[world.region_in])
    )
    assert reviewer.has_perm("funding.change_opportunity", mine)
    assert not world.users["reviewer_out"].has_perm("funding.change_opportunity", mine)
    with pytest.raises(PermissionDenied):
        services.opportunity_create(user=world.users["manager_this"], **values())


def test_edits_keep_history_and_the_closing_date_must_follow_the_opening(world):
    admin = world.users["admin"]
    opportunity = services.opportunity_create(user=admin, **values())
    services.opportunity_update(opportunity=opportunity, user=admin, title="Safer Streets 2")
    assert opportunity.history.count() == 2
    with pytest.raises(ValidationError):
        services.opportunity_update(
            opportunity=opportunity, user=admin, closes_at=opportunity.opens_at - timedelta(hours=1)
        )
    opportunity.refresh_from_db()
    assert opportunity.title == "Safer Streets 2" and opportunity.closes_at > opportunity.opens_at


def test_status_is_derived_from_the_dates(world, clock):
    opportunity = OpportunityFactory(
        opens_at=clock() + timedelta(days=1), closes_at=clock() + timedelta(days=2)
    )
    assert opportunity.status == "forthcoming"
    clock.advance(days=1, hours=1)
    assert opportunity.status == "open"
    clock.advance(days=1)
    assert opportunity.status == "closed"


def test_watching_twice_is_one_watch(world, opportunity):
    user = world.users["staff_this"]
    assert services.watch_add(user=user, opportunity=opportunity)
    assert not services.watch_add(user=user, opportunity=opportunity)
    assert services.watch_remove(user=user, opportunity=opportunity)
    assert not services.watch_remove(user=user, opportunity=opportunity)


def test_a_digest_lists_only_what_is_new_and_an_empty_one_is_not_sent(
    world, clock, django_capture_on_commit_callbacks
):
    user = world.users["staff_this"]
    search = services.saved_search_create(
        user=user, name="Youth", query="theme=youth", frequency=Frequency.DAILY
    )
    OpportunityFactory(
        title="Old youth fund", themes=["youth"], created_at=clock() - timedelta(days=1)
    )
    clock.advance(hours=1)
    OpportunityFactory(title="New youth fund", themes=["youth"], created_at=clock())
    OpportunityFactory(title="New drugs fund", themes=["drugs-alcohol"], created_at=clock())
    clock.advance(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.saved_search_send_digest(saved_search_id=search.pk)
        assert not services.saved_search_send_digest(saved_search_id=search.pk)
    assert len(mail.outbox) == 1
    assert "New youth fund" in mail.outbox[0].body
    assert "Old youth fund" not in mail.outbox[0].body and "drugs" not in mail.outbox[0].body
    clock.advance(days=1)
    OpportunityFactory(title="Newer youth fund", themes=["youth"], created_at=clock())
    clock.advance(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.saved_searches_send(frequency=Frequency.DAILY)
        services.saved_searches_send(frequency=Frequency.WEEKLY)
    assert len(mail.outbox) == 2
    assert "Newer youth fund" in mail.outbox[1].body and "New youth fund" not in mail.outbox[1].body


def test_immediate_searches_hear_when_an_opportunity_is_published(
    world, django_capture_on_commit_callbacks
):
    user = world.users["staff_this"]
    services.saved_search_create(
        user=user, name="Violence", query="theme=violence", frequency=Frequency.IMMEDIATELY
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_create(user=world.users["admin"], **values(title="Brand new"))
    assert [m.subject for m in mail.outbox] == ["1 new funding opportunity: Violence"]
    assert SavedSearch.objects.get().last_sent_at is not None


def test_reminder_preferences_and_the_calendar_token(world):
    user = world.users["staff_this"]
    prefs = services.preferences_update(user=user, offsets=[3, 21, 3], email_reminders=False)
    assert prefs.offsets == [21, 3] and not prefs.email_reminders
    first = services.calendar_token_reset(user=user)
    second = services.calendar_token_reset(user=user)
    assert first != second and len(second) >= 40
    services.calendar_token_revoke(user=user)
    assert FundingPreferences.objects.get(user=user).calendar_token is None


def test_a_bid_moves_through_its_statuses_in_order(world, opportunity):
    manager = world.users["manager_this"]
    bid = services.bid_create(
        user=manager,
        partnership=world.partnership,
        opportunity=opportunity,
        lead_officer=manager,
        amount_requested=100_000,
        staff_days=4,
    )
    with pytest.raises(ValidationError):
        services.bid_change_status(bid=bid, user=manager, status=BidStatus.SUBMITTED)
    bid = services.bid_change_status(bid=bid, user=manager, status=BidStatus.PREPARING)
    bid = services.bid_change_status(bid=bid, user=manager, status=BidStatus.SUBMITTED)
    assert bid.submitted_on == portal_clock.today()
    with pytest.raises(ValidationError):
        services.bid_change_status(bid=bid, user=manager, status=BidStatus.AWARDED)
    bid = services.bid_change_status(
        bid=bid, user=manager, status=BidStatus.AWARDED, amount_awarded=90_000
    )
    assert bid.amount_awarded == 90_000 and bid.decided_on == portal_clock.today()
    with pytest.raises(ValidationError):
        services.bid_change_status(bid=bid, user=manager, status=BidStatus.WITHDRAWN)
    assert bid.history.count() == 4


def test_one_bid_per_partnership_and_opportunity_and_only_its_manager(world, opportunity):
    manager = world.users["manager_this"]
    services.bid_create(user=manager, partnership=world.partnership, opportunity=opportunity)
    with pytest.raises(ValidationError):
        services.bid_create(user=manager, partnership=world.partnership, opportunity=opportunity)
    with pytest.raises(PermissionDenied):
        services.bid_create(
            user=world.users["manager_other"],
            partnership=world.partnership,
            opportunity=OpportunityFactory(),
        )
    with pytest.raises(ValidationError):
        services.bid_create(
            user=manager,
            partnership=world.partnership,
            opportunity=OpportunityFactory(),
            lead_officer=world.users["staff_other"],
        )
    assert Bid.objects.count() == 1


def test_another_partnership_cannot_see_or_change_the_bid(world, bid):
    users = world.users
    for role in ("manager_other", "staff_other", "reviewer_out"):
        assert not users[role].has_perm("funding.view_bid", bid)
        assert not users[role].has_perm("funding.change_bid", bid)
    for role in ("staff_this", "reviewer_in"):
        assert users[role].has_perm("funding.view_bid", bid)
        assert not users[role].has_perm("funding.change_bid", bid)
    assert users["manager_this"].has_perm("funding.change_bid", bid)
    with pytest.raises(PermissionDenied):
        services.bid_change_status(bid=bid, user=users["manager_other"], status=BidStatus.WITHDRAWN)
