"""The home page's panels for managers and agency staff are kept until their records change.

With the cache on (as in every test), a second visit reads the kept HTML instead of
working the panels out again; a change to any record a kept panel shows, through the services
that make it, shows on the next visit; and one user's kept panel never reaches another.
"""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import changes
from datasharing import services as datasharing_services
from datasharing.models import PrescribedDataset
from partnerships import services as partnership_services
from tests.datasharing.helpers import make_agreement, member_agency, signatory_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(clock):
    clock.current = timezone.make_aware(datetime(2025, 7, 10, 12))
    return date(2025, 7, 10)


def home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    # The panels; the rest of the page holds the request's own CSRF token.
    return page[page.index("Your dashboard") : page.index("</main>")], len(queries)


def test_a_second_visit_reads_the_kept_panels(world, client_for, today):
    make_agreement(world, status="active", start=date(2025, 1, 1))  # Q1 crime data is late
    for role in ("manager_this", "staff_this"):
        client = client_for(role)
        first, worked_out = home(client)
        second, kept = home(client)
        assert second == first
        assert "Overdue deliveries" in first
        assert kept <= worked_out - 8, (role, worked_out, kept)


def test_a_delivery_recorded_shows_at_once(world, client_for, today):
    make_agreement(world, status="active", start=date(2025, 1, 1))
    manager = client_for("manager_this")
    assert "Overdue deliveries" in home(manager)[0]
    datasharing_services.delivery_record(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        received_on=date(2025, 7, 9),
        record_count=120,
    )
    assert "Overdue deliveries" not in home(manager)[0]


def test_an_agreement_awaiting_a_signature_and_its_signing_show_at_once(world, client_for, today):
    staff = client_for("staff_this")
    assert "awaiting your signature" not in home(staff)[0]
    agreement = make_agreement(world, status="awaiting_signatures")
    assert "awaiting your signature" in home(staff)[0]
    party = agreement.parties.get(agency=world.agency)
    datasharing_services.agreement_sign(
        agreement=agreement, party=party, user=world.users["staff_this"]
    )
    assert "awaiting your signature" not in home(staff)[0]


def test_an_overdue_action_shows_at_once(world, client_for, today):
    manager = client_for("manager_this")
    home(manager)
    assert "Overdue actions" not in home(manager)[0]  # kept: nothing needs attention
    partnership_services.action_create(
        partnership=world.partnership,
        values={
            "title": "Refresh the strategic assessment",
            "owner": world.agency,
            "due_on": today - timedelta(days=3),
        },
    )
    after = home(manager)[0].split("Overdue actions")[1][:300]
    assert '#actions">1</a>' in after


def test_a_new_day_works_the_panels_out_again(world, client_for, clock, today):
    manager = client_for("manager_this")
    home(manager)
    _, kept = home(manager)
    clock.advance(days=1)
    assert home(client_for("manager_this"))[1] > kept  # signed in again: the session idled out


def test_reference_data_loaded_in_bulk_ends_every_kept_panel(world, client_for, today):
    manager = client_for("manager_this")
    home(manager)
    _, kept = home(manager)
    changes.changed(None)
    assert home(manager)[1] > kept


def test_one_users_kept_panel_never_reaches_another(world, client_for, today):
    make_agreement(world, status="awaiting_signatures")
    council = member_agency(world.partnership)
    council_signatory = signatory_for(council, "council.signatory@example.org")
    pages = {
        role: home(client_for(role))[0]
        for role in ("manager_this", "manager_other", "staff_this", "staff_other")
    }
    assert "Leedsford" in pages["manager_this"] and "Leedsford" not in pages["manager_other"]
    assert "awaiting your signature" in pages["staff_this"]
    assert "awaiting your signature" not in pages["manager_this"]
    assert "awaiting your signature" not in pages["staff_other"]
    from django.test import Client

    from tests import factories

    council_client = Client()
    factories.login_verified(council_client, council_signatory)
    assert "for Leedsford la-unitary" in home(council_client)[0]


def test_the_generations_of_a_workers_partnerships_are_read_in_one_query(world, rf):
    from core.home_panels import worked_partnership_ids

    request = rf.get("/")
    request.user = world.users["staff_this"]
    request.user.scope  # noqa: B018 - read before counting
    with CaptureQueriesContext(connection) as queries:
        names = worked_partnership_ids(request)
        assert worked_partnership_ids(request) is names
    assert names == [world.partnership.pk]
    assert len(queries) == 1


def test_funding_deadlines_follow_bids_watches_and_the_clock(world, client_for, clock, today):
    from funding import services as funding_services
    from tests.funding.factories import OpportunityFactory

    manager = client_for("manager_this")
    assert "No bids or watched opportunities close" in home(manager)[0]
    soon = OpportunityFactory(
        title="Night-time economy fund", closes_at=clock.current + timedelta(days=40)
    )
    assert "Night-time economy fund" not in home(manager)[0]  # not within 28 days yet
    funding_services.bid_create(
        user=world.users["manager_this"], partnership=world.partnership, opportunity=soon
    )
    assert "Night-time economy fund" not in home(manager)[0]
    clock.advance(days=13)  # now 27 days before it closes: no record changed
    manager = client_for("manager_this")  # signed in again: the session idled out
    assert "Night-time economy fund" in home(manager)[0]
    watched = OpportunityFactory(
        title="Youth diversion pot", closes_at=clock.current + timedelta(days=5)
    )
    assert "Youth diversion pot" not in home(manager)[0]
    funding_services.watch_add(user=world.users["manager_this"], opportunity=watched)
    assert "Youth diversion pot" in home(manager)[0]
    assert "Youth diversion pot" not in home(client_for("manager_other"))[0]
    clock.advance(days=6)  # it has closed
    manager = client_for("manager_this")
    assert "Youth diversion pot" not in home(manager)[0]
    assert "Night-time economy fund" in home(manager)[0]


def test_good_practice_waiting_follows_submissions_and_reviews(world, client_for, today):
    from goodpractice import services as goodpractice_services
    from tests.goodpractice.factories import submitted

    def waiting(client):
        """The good-practice panel (the notifications panel names entries too)."""
        page = home(client)[0]
        start = page.find("Good practice</h2>")
        return page[start : page.index("</p>", start)] if start >= 0 else ""

    reviewer, manager = client_for("reviewer_in"), client_for("manager_this")
    waiting(reviewer), waiting(manager)
    entry = submitted(
        partnership=world.partnership,
        user=world.users["manager_this"],
        title="Street pastors on Friday nights",
    )
    assert "Street pastors on Friday nights" in waiting(reviewer)  # waiting for review
    assert "Street pastors on Friday nights" not in waiting(client_for("reviewer_out"))
    goodpractice_services.entry_review(
        entry=entry,
        user=world.users["reviewer_in"],
        met_criteria=[],
        decision="request_changes",
        comments="Say what it cost",
    )
    assert "Street pastors on Friday nights" not in waiting(reviewer)
    assert "Street pastors on Friday nights" in waiting(manager)  # changes requested
    assert "Street pastors on Friday nights" not in waiting(client_for("manager_other"))


def test_a_reviewers_summary_is_kept_until_a_rating_in_their_regions_can_change(
    world, client_for, today
):
    reviewer = client_for("reviewer_in")
    home(reviewer)  # rates and keeps the ratings; the summary is not kept yet
    first, worked_out = home(reviewer)
    second, kept = home(reviewer)
    assert second == first and kept < worked_out
    world.partnership.analysts = 3  # a rating's input changes: the partnership's generation
    world.partnership.save()
    assert home(reviewer)[1] > kept
