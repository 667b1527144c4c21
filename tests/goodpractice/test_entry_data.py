"""A good-practice entry records the data streams its work drew on, and the providing
agency's staff see the entry on the stream's page ("what your data achieved")."""

import pytest
from django.test import Client
from django.urls import reverse

from goodpractice.models import EntryDataSource
from tests.datasharing.helpers import member_agency, signatory_for
from tests.factories import login_verified

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ed(world):
    return member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )


def data_url(entry):
    return reverse("goodpractice:entry-data", kwargs={"pk": entry.pk})


def stream_page(world, agency, code):
    return reverse(
        "datasharing:stream-detail",
        kwargs={"code": world.partnership.ons_code, "agency": agency.pk, "dataset": code},
    )


def test_a_published_entry_records_the_data_it_drew_on(world, client_for, ed):
    entry = factories.published(
        partnership=world.partnership, title="Street marshals", reviewer=world.users["admin"]
    )
    client = client_for("manager_this")
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert "Record the data it drew on" in detail
    form = client.get(data_url(entry)).content.decode()
    assert "from Leedsford Hospital Emergency Department" in form
    assert "from Leedsford Police" in form

    response = client.post(data_url(entry), {"streams": [f"{ed.pk}:istv"]})
    assert response.status_code == 302
    source = EntryDataSource.objects.get(entry=entry)
    assert (source.agency, source.dataset_code) == (ed, "istv")
    detail = client.get(response["Location"]).content.decode()
    assert "1 source of data recorded for Street marshals" in detail

    # The ED's staff see it on their stream's page, linked.
    staff = login_verified(Client(), signatory_for(ed, email="staff.ed.gp@example.org"))
    page = staff.get(stream_page(world, ed, "istv")).content.decode()
    assert "Good practice that used this data" in page
    assert f'href="{entry.get_absolute_url()}">Street marshals' in page
    # ...and not on another stream's.
    police = staff.get(stream_page(world, world.agency, "police-recorded-crime"))
    assert police.status_code == 200
    assert "Street marshals" not in police.content.decode()

    # Unticking removes it.
    client.post(data_url(entry), {})
    assert not EntryDataSource.objects.filter(entry=entry).exists()


def test_a_stream_outside_the_partnership_is_refused(world, client_for):
    entry = factories.draft(partnership=world.partnership, title="Draft entry")
    response = client_for("manager_this").post(
        data_url(entry), {"streams": [f"{world.other_agency.pk}:police-recorded-crime"]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Choose data from the list" in page
    assert not EntryDataSource.objects.exists()


def test_only_the_entrys_partnership_records_its_data(world, client_for):
    entry = factories.published(partnership=world.partnership, reviewer=world.users["admin"])
    response = client_for("manager_other").post(
        data_url(entry), {"streams": [f"{world.agency.pk}:police-recorded-crime"]}
    )
    assert response.status_code == 403
    assert not EntryDataSource.objects.exists()
    assert "Record the data it drew on" not in (
        client_for("manager_other").get(entry.get_absolute_url()).content.decode()
    )
