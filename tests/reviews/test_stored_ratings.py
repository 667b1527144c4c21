"""Kept ratings (reviews/stored.py): the same as working them out afresh; stale as soon as any
record they were worked out from changes, whichever app writes it; worked out again on a new
day; and filled every morning by the nightly task."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from core import clock as portal_clock
from datasharing import services as datasharing_services
from datasharing.models import AgreementParty, PrescribedDataset
from partnerships.models import Action, AgencyType, Contact, Document, DocumentKind, Partnership
from reviews import ratings
from reviews.models import StoredRatings
from reviews.stored import refresh_all, stored_ratings
from tests import factories
from tests.datasharing.helpers import APRIL, istv_csv, istv_row, make_agreement, member_agency
from tests.funding.factories import BidFactory

pytestmark = pytest.mark.django_db


def _fresh(partnership, today=None):
    today = today or portal_clock.today()
    return ratings.rate_partnerships([partnership], today=today)[0].results


def _kept(partnership, today=None):
    today = today or portal_clock.today()
    return stored_ratings([partnership], today=today)[0].results


def _row(partnership):
    return StoredRatings.objects.get(partnership=partnership)


def _changes(partnership, key, change, today=None):
    """Keep the partnership's ratings, make the change, and return (before, after) on `key`
    as the kept ratings give them; the change must have marked the kept row stale, and the
    ratings read afterwards must be those worked out afresh."""
    partnership.refresh_from_db()
    before = _kept(partnership, today)[key]
    assert _row(partnership).stale is False
    change()
    assert _row(partnership).stale is True, "the change did not mark the kept ratings stale"
    partnership.refresh_from_db()
    after = _kept(partnership, today)
    assert _row(partnership).stale is False
    assert after == _fresh(partnership, today)
    assert after[key] != before
    return before, after[key]


# Kept equals fresh ------------------------------------------------------------------------


def test_kept_ratings_equal_fresh_ones_for_the_demo_partnerships(db):
    from datasharing import demo as datasharing_demo
    from partnerships import demo as partnerships_demo
    from tests.reference import ensure_reference_data

    ensure_reference_data()
    partnerships_demo.seed()
    datasharing_demo.seed()
    partnerships = list(Partnership.objects.order_by("name"))
    today = portal_clock.today()
    fresh = ratings.rate_partnerships(partnerships, today=today)
    first = stored_ratings(partnerships, today=today)  # worked out and kept
    again = stored_ratings(partnerships, today=today)  # read back from the table
    assert StoredRatings.objects.filter(rated_on=today, stale=False).count() == len(partnerships)
    for rows in (first, again):
        assert [row.partnership for row in rows] == partnerships
        assert [row.results for row in rows] == [row.results for row in fresh]
    assert {r.rating for row in again for r in row.results.values()} >= {ratings.RED, ratings.GREEN}


def test_order_is_kept_with_some_kept_and_some_not(world):
    a, b = world.partnership, world.other_partnership
    stored_ratings([b], today=portal_clock.today())
    rows = stored_ratings([a, b], today=portal_clock.today())
    assert [row.partnership for row in rows] == [a, b]
    assert [row.results for row in rows] == [_fresh(a), _fresh(b)]


def test_nothing_in_nothing_out(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert stored_ratings([], today=portal_clock.today()) == []


# Each record the ratings read marks them stale -----------------------------------------------


def test_partnership_analytical_capacity(world):
    p = world.partnership
    Partnership.objects.filter(pk=p.pk).update(analytical_capacity="none", analyst_count=0)

    def change():
        p.analytical_capacity, p.analyst_count = "dedicated", 2
        p.save()

    assert _changes(p, "analysis", change) == (
        ratings.Result(ratings.RED, "Red: no analyst", {"capacity": "none", "analysts": 0}),
        _fresh(p)["analysis"],
    )
    assert _kept(p)["analysis"].rating == ratings.GREEN


def test_membership_leaving(world):
    p = world.partnership
    membership = p.memberships.get(agency=world.agency)

    def change():
        membership.status = "left"
        membership.save()

    before, after = _changes(p, "statutory", change)
    assert after.facts["present"] == before.facts["present"] - 1


def test_membership_levels(world):
    p = world.partnership
    membership = p.memberships.get(agency=world.agency)
    membership.strategic, membership.tactical, membership.operational = True, False, False
    membership.save()

    def change():
        membership.tactical = True
        membership.save()

    before, after = _changes(p, "depth", change)
    assert before.facts["strategic_only"] and not after.facts["strategic_only"]


def test_contact_and_deputy(world):
    p = world.partnership
    membership = p.memberships.get(agency=world.agency)
    membership.strategic = True
    membership.save()
    contact = Contact.objects.create(membership=membership, level="strategic", name="Sam Lead")
    assert _fresh(p)["dependencies"].facts["single_points"]

    def change():
        contact.deputy_name = "Alex Deputy"
        contact.save()

    before, after = _changes(p, "dependencies", change)
    assert len(after.facts["single_points"]) == len(before.facts["single_points"]) - 1

    def add():
        Contact.objects.create(
            membership=membership, level="tactical", name="Jo Tasking", email="jo@example.org"
        )

    _changes(p, "dependencies", add)
    _changes(p, "dependencies", Contact.objects.get(name="Jo Tasking").delete)


def test_document(world):
    p = world.partnership
    before, after = _changes(
        p,
        "documents",
        lambda: Document.objects.create(
            partnership=p,
            kind=DocumentKind.PARTNERSHIP_PLAN,
            title="Partnership plan",
            review_due_on=portal_clock.today() + timedelta(days=30),
        ),
    )
    assert (before.rating, after.rating) == (ratings.RED, ratings.GREEN)


def test_action(world):
    p = world.partnership
    before, after = _changes(
        p,
        "actions",
        lambda: Action.objects.create(
            partnership=p,
            title="Lighting audit",
            owner=world.agency,
            due_on=portal_clock.today() - timedelta(days=3),
            status="in_progress",
        ),
    )
    assert (before.rating, after.rating) == (ratings.AMBER, ratings.RED)
    action = Action.objects.get(partnership=p)
    _changes(p, "actions", action.delete)


def test_bid(world):
    p = world.partnership
    before, after = _changes(
        p,
        "funding",
        lambda: BidFactory(
            partnership=p, status="awarded", decided_on=portal_clock.today() - timedelta(days=20)
        ),
    )
    assert (before.rating, after.rating) == (ratings.RED, ratings.GREEN)


def test_agreement_ending(world):
    p = world.partnership
    agreement = make_agreement(world, status="active")
    _changes(
        p,
        "coverage",
        lambda: datasharing_services.agreement_end(
            agreement=agreement,
            user=world.users["staff_this"],
            outcome="terminated",
            reason="Replaced",
        ),
    )


def test_agreement_datasets(world):
    p = world.partnership
    agreement = make_agreement(world, status="active")
    _changes(p, "coverage", agreement.datasets.clear)


def test_agreement_party(world):
    p = world.partnership
    agreement = make_agreement(world, status="active")
    provider = agreement.parties.get(role=AgreementParty.Role.PROVIDER)
    _changes(p, "coverage", provider.delete)


def _at(clock, day: date):
    clock.current = timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def test_delivery_recorded_through_the_service(world, clock):
    _at(clock, date(2025, 7, 10))
    p = world.partnership
    make_agreement(world, status="active", start=date(2025, 1, 1))

    def deliver():
        datasharing_services.delivery_record(
            user=world.users["staff_this"],
            partnership=p,
            agency=world.agency,
            dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
            period_start=date(2025, 1, 1),
            period_end=date(2025, 3, 31),
            received_on=date(2025, 6, 20),
            record_count=812,
        )

    before, after = _changes(p, "coverage", deliver)
    assert after.facts["on_time"] == before.facts["on_time"] + 1


def _ed(world):
    from tests.datasharing.helpers import signatory_for

    agency = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    return agency, signatory_for(agency, email="staff.ed@example.org")


def test_istv_return_uploaded_through_the_service(world, clock):
    _at(clock, date(2025, 5, 10))
    p = world.partnership
    agency, user = _ed(world)
    # The same department is a member of another partnership: its ratings go stale too.
    factories.MembershipFactory(partnership=world.other_partnership, agency=agency)
    stored_ratings([world.other_partnership], today=portal_clock.today())

    def upload():
        datasharing_services.istv_import(
            agency=agency,
            user=user,
            period_start=APRIL[0],
            period_end=APRIL[1],
            text=istv_csv([istv_row()]).decode(),
        )

    before, after = _changes(p, "istv", upload)
    assert (before.rating, after.rating) == (ratings.RED, ratings.GREEN)
    assert _row(world.other_partnership).stale is True


def test_agency_renamed(world):
    p = world.partnership
    agency, _user = _ed(world)

    def rename():
        agency.name = "Leedsford General A&E"
        agency.save()

    before, after = _changes(p, "istv", rename)
    assert after.facts["silent"] == ["Leedsford General A&E"]


def test_agency_type_no_longer_a_responsible_authority(world):
    p = world.partnership
    probation = AgencyType.objects.get(slug="probation")
    assert probation.is_responsible_authority

    def change():
        probation.is_responsible_authority = False
        probation.save()

    before, after = _changes(p, "statutory", change)
    assert after.facts["expected"] == before.facts["expected"] - 1


def test_prescribed_dataset_owner_types(world):
    p = world.partnership
    dataset = PrescribedDataset.objects.get(code="police-recorded-crime")
    police = world.agency.agency_type
    assert dataset.owner_agency_types.filter(pk=police.pk).exists()
    before, after = _changes(p, "coverage", lambda: dataset.owner_agency_types.remove(police))
    assert after.facts["expected"] < before.facts["expected"]

    def deactivate():
        dataset.owner_agency_types.add(police)
        PrescribedDataset.objects.exclude(pk=dataset.pk).update(is_active=False)
        dataset.is_active = False
        dataset.save()

    _changes(p, "coverage", deactivate)


def test_other_partnerships_are_left_alone(world):
    stored_ratings([world.partnership, world.other_partnership], today=portal_clock.today())
    Document.objects.create(
        partnership=world.partnership, kind=DocumentKind.PARTNERSHIP_PLAN, title="Plan"
    )
    assert _row(world.partnership).stale is True
    assert _row(world.other_partnership).stale is False


def test_demo_loaders_leave_kept_ratings_stale(world):
    from reviews import demo

    stored_ratings([world.partnership], today=portal_clock.today())
    demo.seed()
    assert _row(world.partnership).stale is True


# A new day ------------------------------------------------------------------------------


def test_ratings_kept_yesterday_are_worked_out_again_today(world):
    p = world.partnership
    today = portal_clock.today()
    yesterday = today - timedelta(days=1)
    Document.objects.create(
        partnership=p,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Partnership plan",
        review_due_on=yesterday,
    )
    assert _kept(p, yesterday)["documents"].rating == ratings.GREEN  # due that day: not late
    assert _row(p).rated_on == yesterday
    assert _kept(p, today)["documents"].rating == ratings.AMBER  # now a day past review
    row = _row(p)
    assert row.rated_on == today and not row.stale


# The nightly refresh ----------------------------------------------------------------------


def test_nightly_task_keeps_every_partnerships_ratings_for_today(world, django_assert_num_queries):
    from reviews.tasks import refresh_stored_ratings

    for n in range(3):
        factories.PartnershipFactory(name=f"Town {n}", region=world.region_in)
    today = portal_clock.today()
    stored_ratings([world.partnership], today=today - timedelta(days=1))
    assert refresh_stored_ratings.apply().get() == Partnership.objects.count()
    rows = {row.partnership_id: row for row in StoredRatings.objects.all()}
    partnerships = list(Partnership.objects.order_by("name"))
    assert set(rows) == {p.pk for p in partnerships}
    assert all(row.rated_on == today and not row.stale for row in rows.values())
    with django_assert_num_queries(1):  # all read back, nothing worked out
        kept = stored_ratings(partnerships, today=today)
    assert [row.results for row in kept] == [
        row.results for row in ratings.rate_partnerships(partnerships, today=today)
    ]


def test_refresh_in_small_batches_gives_the_same(world):
    today = portal_clock.today()
    for n in range(4):
        factories.PartnershipFactory(name=f"Town {n}", region=world.region_in)
    assert refresh_all(today=today, batch=2) == Partnership.objects.count()
    partnerships = list(Partnership.objects.order_by("name"))
    assert [row.results for row in stored_ratings(partnerships, today=today)] == [
        row.results for row in ratings.rate_partnerships(partnerships, today=today)
    ]
