"""Data-sharing pages whose HTML is kept in the cache (core.cache): the coverage
matrix and the ISTV analysis. A kept page is read again without its queries, shows the change
as soon as any record it shows changes, and is never shown to anyone who may not see it."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from datasharing import services
from datasharing.models import PrescribedDataset

from .helpers import APRIL, istv_csv, istv_row, make_agreement, member_agency, signatory_for

pytestmark = pytest.mark.django_db


def coverage_url(partnership):
    return reverse("datasharing:coverage", kwargs={"code": partnership.ons_code})


def analysis_url(partnership):
    return reverse("datasharing:istv-analysis", kwargs={"code": partnership.ons_code})


def get(client, url):
    """The page's HTML and the number of queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def main(html: str) -> str:
    """The page's main content (the header holds the per-request CSRF token)."""
    return html[html.index("<main") : html.index("</main>")]


def at(clock, day: date):
    clock.current = timezone.make_aware(datetime(day.year, day.month, day.day, 12))


# Coverage matrix ------------------------------------------------------------------------------


def test_coverage_is_read_again_without_its_queries(client_for, world):
    make_agreement(world, status="active")
    client = client_for("manager_this")
    first, first_count = get(client, coverage_url(world.partnership))
    second, second_count = get(client, coverage_url(world.partnership))
    assert main(second) == main(first)
    assert second_count < first_count
    # Session, user, roles, the partnership: the matrix itself runs none.
    assert second_count == 4


def test_coverage_shows_each_kind_of_change(client_for, world, clock):
    at(clock, date(2025, 7, 10))
    client = client_for("manager_this")
    url = coverage_url(world.partnership)
    html, _ = get(client, url)
    assert "No agreement" in html

    # An agreement covering the dataset.
    agreement = make_agreement(world, status="active", start=date(2025, 1, 1))
    html, _ = get(client, url)
    assert agreement.reference in html
    assert "Late" in html  # Q1 was due by 30 June and nothing is delivered

    # A delivery.
    services.delivery_record(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        received_on=date(2025, 6, 20),
        record_count=812,
    )
    html, _ = get(client, url)
    assert "received 20 Jun 2025" in html

    # The day: on 1 October the next quarter is overdue.
    at(clock, date(2025, 10, 1))
    client = client_for("manager_this")  # signed in again: the jump ended the session
    html, _ = get(client, url)
    assert "30 Sep 2025" in html

    # An agency renamed, and a new member agency.
    world.agency.name = "Leedsford and District Police"
    world.agency.save()
    member_agency(world.partnership, type_slug="health-commissioner", name="City ICB")
    html, _ = get(client, url)
    assert "Leedsford and District Police" in html and "City ICB" in html

    # The agreement ended: the dataset is no longer covered.
    services.agreement_end(
        agreement=agreement,
        user=world.users["staff_this"],
        outcome=agreement.Status.TERMINATED,
        reason="No longer needed",
    )
    html, _ = get(client, url)
    assert agreement.reference not in html


def test_coverage_kept_for_one_partnership_is_not_shown_for_another(client_for, world):
    agreement = make_agreement(world, status="active")
    manager = client_for("manager_this")
    html, _ = get(manager, coverage_url(world.partnership))
    assert agreement.reference in html

    other = client_for("manager_other")
    assert other.get(coverage_url(world.partnership)).status_code in (403, 404)
    html, _ = get(other, coverage_url(world.other_partnership))
    assert agreement.reference not in html and world.partnership.name not in html


# ISTV analysis --------------------------------------------------------------------------------


@pytest.fixture
def ed(world):
    agency = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    return agency, signatory_for(agency, email="staff.ed@example.org")


def import_return(agency, user, rows, period=APRIL, replace=False):
    services.istv_import(
        agency=agency,
        user=user,
        period_start=period[0],
        period_end=period[1],
        text=istv_csv(rows).decode(),
        replace=replace,
    )


def test_analysis_is_read_again_without_its_queries(client_for, world, ed):
    agency, user = ed
    import_return(agency, user, [istv_row(), istv_row(place="Briggate")])
    client = client_for("manager_this")
    url = analysis_url(world.partnership)
    first, first_count = get(client, url)
    second, second_count = get(client, url)
    assert main(second) == main(first)
    assert "<strong>2</strong> assaults" in second
    assert second_count < first_count
    # Session, user, roles, the partnership: the analysis itself runs none.
    assert second_count == 4


def test_analysis_shows_each_new_return_and_agency(client_for, world, ed):
    agency, user = ed
    client = client_for("manager_this")
    url = analysis_url(world.partnership)
    html, _ = get(client, url)
    assert "<strong>0</strong> assaults" in html

    import_return(agency, user, [istv_row(), istv_row(place="Briggate")])
    html, _ = get(client, url)
    assert "<strong>2</strong> assaults" in html and "Briggate" in html

    # A return replaced.
    import_return(agency, user, [istv_row(place="Merrion Street")], replace=True)
    html, _ = get(client, url)
    assert "<strong>1</strong> assault." in html and "Merrion Street" in html
    assert "Briggate" not in html

    # A second emergency department joins: it is a site, and its returns count.
    second = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford General Emergency Department",
        site_code="RX102",
    )
    html, _ = get(client, url)
    assert "Leedsford General Emergency Department" in html
    import_return(second, signatory_for(second), [istv_row(site="RX102", place="Kirkgate")])
    html, _ = get(client, url)
    assert "<strong>2</strong> assaults" in html and "Kirkgate" in html


def test_analysis_is_kept_for_each_choice_of_filters(client_for, world, ed):
    agency, user = ed
    import_return(
        agency,
        user,
        [
            istv_row(when="2025-04-05 23:10", arrived="2025-04-05 23:50"),
            istv_row(when="2025-04-20 23:10", arrived="2025-04-20 23:50"),
        ],
    )
    second = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford General Emergency Department",
        site_code="RX102",
    )
    import_return(second, signatory_for(second), [istv_row(site="RX102")])
    client = client_for("manager_this")
    url = analysis_url(world.partnership)
    assert "<strong>3</strong> assaults" in get(client, url)[0]
    for _ in range(2):
        html, _ = get(client, url + "?date_from=10/04/2025")
        assert "<strong>1</strong> assault " in html
        html, _ = get(client, url + f"?site={second.pk}")
        assert "<strong>1</strong> assault." in html
        html, _ = get(client, url + "?date_from=nonsense")
        assert "<strong>3</strong> assaults" in html and "govuk-error-summary" in html
    # A site of another partnership is refused, not counted.
    other_ed = member_agency(
        world.other_partnership,
        type_slug="emergency-department",
        name="Boltham Emergency Department",
        site_code="RX201",
    )
    html, _ = get(client, url + f"?site={other_ed.pk}")
    assert "Choose a site from the list" in html and "<strong>3</strong> assaults" in html


def test_analysis_kept_for_one_partnership_is_not_shown_for_another(client_for, world, ed):
    agency, user = ed
    import_return(agency, user, [istv_row(place="Briggate")])
    html, _ = get(client_for("manager_this"), analysis_url(world.partnership))
    assert "Briggate" in html

    other = client_for("manager_other")
    assert other.get(analysis_url(world.partnership)).status_code in (403, 404)
    html, _ = get(other, analysis_url(world.other_partnership))
    assert "Briggate" not in html and "<strong>0</strong> assaults" in html


# Agreement register ---------------------------------------------------------------------------


REGISTER = reverse("datasharing:agreement-list")


def rename(agreement, user, title):
    services.agreement_update(agreement=agreement, user=user, values={"title": title})


def test_register_is_read_again_with_fewer_queries(client_for, world):
    make_agreement(world, status="active")
    client = client_for("manager_this")
    first, first_count = get(client, REGISTER)
    second, second_count = get(client, REGISTER)
    assert main(second) == main(first)
    assert "Recorded crime for the partnership" in second
    assert second_count < first_count
    # Session, user, roles, the partnerships for the filter: the table itself runs none.
    assert second_count == 4


def test_register_shows_each_kind_of_change(client_for, world):
    staff = world.users["staff_this"]
    agreement = make_agreement(world, status="awaiting_signatures")
    client = client_for("manager_this")
    html, _ = get(client, REGISTER)
    assert "Recorded crime for the partnership" in html and "Awaiting signatures" in html

    rename(agreement, staff, "Crime and disorder data")
    html, _ = get(client, REGISTER)
    assert "Crime and disorder data" in html

    # Signed by every party: active.
    for party in agreement.parties.all():
        signer = staff if party.agency_id == world.agency.pk else signatory_for(party.agency)
        services.agreement_sign(agreement=agreement, party=party, user=signer)
    html, _ = get(client, REGISTER)
    assert ">Active<" in html

    # A party's agency renamed, and the partnership renamed.
    world.agency.name = "Leedsford and District Police"
    world.agency.save()
    world.partnership.name = "Leedsford Safer Streets"
    world.partnership.save()
    html, _ = get(client, REGISTER)
    assert "Leedsford and District Police" in html and "Leedsford Safer Streets" in html

    # A new agreement, with a party added to it.
    second = services.agreement_create(
        user=staff, partnership=world.partnership, agency=world.agency, title="Night-time economy"
    )
    html, _ = get(client, REGISTER)
    assert "Night-time economy" in html and "2 agreements" in html
    icb = member_agency(world.partnership, type_slug="health-commissioner", name="City ICB")
    services.party_add(agreement=second, agency=icb, role="recipient", user=staff)
    html, _ = get(client, REGISTER)
    assert "City ICB" in html


def test_register_is_kept_for_each_filter_and_page(client_for, world):
    staff = world.users["staff_this"]
    for number in range(3):
        services.agreement_create(
            user=staff,
            partnership=world.partnership,
            agency=world.agency,
            title=f"Agreement number {number}",
        )
    client = client_for("manager_this")
    for _ in range(2):
        html, _ = get(client, REGISTER + "?q=number+1")
        assert "Agreement number 1" in html and "Agreement number 2" not in html
        html, _ = get(client, REGISTER + "?status=active")
        assert "No agreements match." in html
        html, _ = get(client, REGISTER)
        assert "3 agreements" in html


def test_register_kept_for_one_scope_is_not_shown_to_another(client_for, world):
    ours = make_agreement(world, status="draft", title="Leedsford crime data")
    theirs = services.agreement_create(
        user=world.users["staff_other"],
        partnership=world.other_partnership,
        agency=world.other_agency,
        title="Boltham crime data",
    )
    for role, sees, hidden in [
        ("manager_this", ours, theirs),
        ("staff_this", ours, theirs),
        ("manager_other", theirs, ours),
        ("staff_other", theirs, ours),
    ]:
        for _ in range(2):
            html, _ = get(client_for(role), REGISTER)
            assert sees.title in html and hidden.title not in html, role


def test_agency_staff_see_changes_in_every_partnership_their_agency_is_in(client_for, world):
    """An agency in two partnerships: the kept register covers both."""
    from partnerships.models import Membership

    client = client_for("staff_this")
    theirs = services.agreement_create(
        user=world.users["staff_other"],
        partnership=world.other_partnership,
        agency=world.other_agency,
        title="Boltham crime data",
    )
    html, _ = get(client, REGISTER)
    assert theirs.title not in html

    Membership.objects.create(partnership=world.other_partnership, agency=world.agency)
    html, _ = get(client, REGISTER)
    assert theirs.title in html

    rename(theirs, world.users["staff_other"], "Boltham night-time data")
    html, _ = get(client, REGISTER)
    assert "Boltham night-time data" in html


# Delivery log ---------------------------------------------------------------------------------

DELIVERIES = reverse("datasharing:delivery-list")


def deliver(
    world, *, partnership=None, agency=None, user=None, quarter_end=date(2025, 3, 31), count=120
):
    return services.delivery_record(
        user=user or world.users["staff_this"],
        partnership=partnership or world.partnership,
        agency=agency or world.agency,
        dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
        period_start=date(quarter_end.year, quarter_end.month - 2, 1),
        period_end=quarter_end,
        received_on=date(2025, 4, 20),
        record_count=count,
    )


def test_the_delivery_log_is_read_again_with_fewer_queries_and_shows_each_change(client_for, world):
    deliver(world)
    client = client_for("staff_this")
    first, first_count = get(client, DELIVERIES)
    second, second_count = get(client, DELIVERIES)
    assert main(second) == main(first)
    assert "1 delivery" in second
    assert second_count < first_count

    deliver(world, quarter_end=date(2025, 6, 30), count=77)  # a new delivery
    html, _ = get(client, DELIVERIES)
    assert "2 deliveries" in html and ">77<" in html

    world.agency.name = "Leedsford and District Police"  # an agency renamed
    world.agency.save()
    html, _ = get(client, DELIVERIES)
    assert "Leedsford and District Police" in html


def test_the_delivery_log_kept_for_one_scope_is_not_shown_to_another(client_for, world):
    deliver(world, count=111)
    deliver(
        world,
        partnership=world.other_partnership,
        agency=world.other_agency,
        user=world.users["staff_other"],
        count=222,
    )
    for role, sees, hidden in [
        ("manager_this", ">111<", ">222<"),
        ("staff_this", ">111<", ">222<"),
        ("manager_other", ">222<", ">111<"),
        ("staff_other", ">222<", ">111<"),
    ]:
        for _ in range(2):
            html, _ = get(client_for(role), DELIVERIES)
            assert sees in html and hidden not in html, role


def test_the_delivery_log_is_kept_for_each_page(client_for, world, settings):
    from datasharing.views import DeliveryListView

    for month_end in (date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30)):
        deliver(world, quarter_end=month_end)
    DeliveryListView.paginate_by, per_page = 2, DeliveryListView.paginate_by
    try:
        client = client_for("staff_this")
        for _ in range(2):
            first, _ = get(client, DELIVERIES)
            second, _ = get(client, DELIVERIES + "?page=2")
            assert "1 of 2" in first and "2 of 2" in second
            assert main(first) != main(second)
    finally:
        DeliveryListView.paginate_by = per_page
