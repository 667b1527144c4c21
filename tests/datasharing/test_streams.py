"""What your data achieved: a data stream's page, the manager's notes and "uses data from"
links, and the quarterly digest to the providing agency's staff."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from datasharing import services
from datasharing.models import DataUse, PrescribedDataset, StreamDigestSent, StreamNote
from tests.partnerships.factories import ActionFactory, DocumentFactory

from .helpers import istv_csv, istv_row, member_agency, signatory_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def ed(world):
    agency = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    return agency, signatory_for(agency, email="staff.ed@example.org")


def stream_url(world, agency, code, name="stream-detail"):
    return reverse(
        f"datasharing:{name}",
        kwargs={"code": world.partnership.ons_code, "agency": agency.pk, "dataset": code},
    )


def istv(world, ed):
    return PrescribedDataset.objects.get(code="istv")


def test_ed_staff_see_the_actions_that_used_their_istv_data(client, world, ed):
    agency, staff = ed
    services.istv_import(
        agency=agency,
        user=staff,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        text=istv_csv([istv_row(when="2025-04-05 23:10")]).decode(),
    )
    action = ActionFactory(
        partnership=world.partnership,
        owner=world.agency,
        title="Late-night taxi marshals on Call Lane",
    )
    DocumentFactory(partnership=world.partnership, title="Night-time economy problem profile")
    manager = world.users["manager_this"]
    services.data_use_add(
        user=manager,
        partnership=world.partnership,
        agency=agency,
        dataset=istv(world, ed),
        action=action,
    )
    services.stream_note_add(
        user=manager,
        partnership=world.partnership,
        agency=agency,
        dataset=istv(world, ed),
        text="Your returns moved the marshals",
    )

    client.force_login(staff)
    listing = client.get(reverse("datasharing:stream-list")).content.decode()
    assert stream_url(world, agency, "istv") in listing
    page = client.get(stream_url(world, agency, "istv")).content.decode()
    assert "Late-night taxi marshals on Call Lane" in page
    assert "Night-time economy problem profile" not in page  # not recorded as using it
    assert "Your returns moved the marshals" in page
    assert "Assaults counted from your returns" in page
    assert "Record an action or document" not in page  # staff read; the manager records


def test_each_coverage_row_links_to_its_stream(world, ed, client_for):
    page = client_for("manager_this").get(
        reverse("datasharing:coverage", kwargs={"code": world.partnership.ons_code})
    )
    assert stream_url(world, ed[0], "istv") in page.content.decode()


def test_the_manager_records_uses_and_notes_through_the_forms(world, ed, client_for):
    agency, _ = ed
    document = DocumentFactory(partnership=world.partnership, title="Strategic assessment 2025")
    other = DocumentFactory(partnership=world.other_partnership, title="Boltham assessment")
    client = client_for("manager_this")
    uses = stream_url(world, agency, "istv", "stream-use-create")
    response = client.post(uses, {"record": f"document-{document.pk}"})
    assert response.status_code == 302
    assert DataUse.objects.get().document == document
    # The same again, nothing chosen, or another partnership's record: the form says why.
    for data, message in [
        ({"record": f"document-{document.pk}"}, "already recorded"),
        ({"record": ""}, "Choose the action or document that uses this data"),
        ({"record": f"document-{other.pk}"}, "Choose an action or document from the list"),
    ]:
        page = client.post(uses, data).content.decode()
        assert "govuk-error-summary" in page and message in page
    notes = stream_url(world, agency, "istv", "stream-note-create")
    page = client.post(notes, {"text": "  "}).content.decode()
    assert "govuk-error-summary" in page and "Enter the note" in page
    assert client.post(notes, {"text": "Thank you"}).status_code == 302
    assert StreamNote.objects.get().text == "Thank you"
    assert DataUse.objects.count() == 1


@pytest.mark.parametrize(
    ("agency", "code"),
    [
        ("member", "police-recorded-crime"),  # an ED does not provide recorded crime
        ("outsider", "istv"),  # an ED that is not a member
    ],
)
def test_a_stream_that_does_not_exist_is_not_found(world, ed, client_for, agency, code):
    from tests.factories import AgencyFactory, agency_type

    target = (
        ed[0]
        if agency == "member"
        else AgencyFactory(agency_type=agency_type("emergency-department"))
    )
    assert client_for("admin").get(stream_url(world, target, code)).status_code == 404


def test_another_partnerships_manager_never_sees_the_stream(world, ed, client_for):
    agency, _ = ed
    for name in ("stream-detail", "stream-note-create", "stream-use-create"):
        assert (
            client_for("manager_other").get(stream_url(world, agency, "istv", name)).status_code
            == 404
        )


def _busy_stream(world, ed, n):
    agency, staff = ed
    manager = world.users["manager_this"]
    dataset = PrescribedDataset.objects.get(code="istv")
    for month in range(1, n + 1):
        services.istv_import(
            agency=agency,
            user=staff,
            period_start=date(2025, month, 1),
            period_end=date(2025, month, 28),
            text=istv_csv([istv_row(when=f"2025-{month:02d}-05 23:10", arrived="")]).decode(),
        )
        action = ActionFactory(partnership=world.partnership, owner=world.agency)
        services.data_use_add(
            user=manager,
            partnership=world.partnership,
            agency=agency,
            dataset=dataset,
            action=action,
        )
        services.data_use_add(
            user=manager,
            partnership=world.partnership,
            agency=agency,
            dataset=dataset,
            document=DocumentFactory(partnership=world.partnership),
        )
        services.stream_note_add(
            user=manager,
            partnership=world.partnership,
            agency=agency,
            dataset=dataset,
            text=f"Note {month}",
        )


@pytest.mark.parametrize("n", [1, 9])
def test_stream_pages_queries_do_not_grow_with_rows(
    client, world, ed, n, django_assert_max_num_queries
):
    _busy_stream(world, ed, n)
    agency, staff = ed
    client.force_login(staff)
    client.get(reverse("datasharing:stream-list"))
    with django_assert_max_num_queries(14):
        assert client.get(stream_url(world, agency, "istv")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("datasharing:stream-list")).status_code == 200


def test_the_quarterly_digest_goes_once_to_each_providing_agencys_staff(world, ed, clock):
    agency, staff = ed
    clock.current = timezone.make_aware(datetime(2025, 5, 20, 12))
    manager = world.users["manager_this"]
    dataset = PrescribedDataset.objects.get(code="istv")
    services.data_use_add(
        user=manager,
        partnership=world.partnership,
        agency=agency,
        dataset=dataset,
        action=ActionFactory(partnership=world.partnership, owner=world.agency),
    )
    services.stream_note_add(
        user=manager, partnership=world.partnership, agency=agency, dataset=dataset, text="Thanks"
    )
    Notification.objects.all().delete()

    assert services.stream_digests_send(today=date(2025, 7, 1)) == 1
    assert services.stream_digests_send(today=date(2025, 7, 1)) == 0  # run again: nothing
    (notice,) = Notification.objects.all()
    assert notice.user == staff and "1 Apr to 30 Jun 2025" in notice.subject
    assert "used by 1 new action or document" in notice.body and "1 note" in notice.body
    # The police staff had nothing this quarter; next quarter nobody has anything.
    assert not Notification.objects.filter(user=world.users["staff_this"]).exists()
    assert services.stream_digests_send(today=date(2025, 10, 1)) == 0
    assert StreamDigestSent.objects.count() == 1


def test_the_digest_is_on_the_beat_schedule_each_quarter():
    from cdrp_portal.celery import app

    entry = app.conf.beat_schedule["datasharing-quarterly-stream-digests"]
    assert entry["task"] == "datasharing.tasks.send_stream_digests"
    schedule = entry["schedule"]
    assert schedule.month_of_year == {1, 4, 7, 10} and schedule.day_of_month == {1}
