"""The evidence-led plan: a priority cites the documents it comes from, a document records the
agencies' data it drew on, and the overview shows priority, actions, indicators and evidence."""

import pytest
from django.test import Client
from django.urls import reverse

from core import clock
from datasharing.models import DataUse
from partnerships.models import Priority
from tests.factories import login_verified
from tests.partnerships.factories import ActionFactory, DocumentFactory, PriorityFactory

from .helpers import member_agency, signatory_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def ed(world):
    return member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )


def data_url(document):
    return reverse(
        "datasharing:document-data",
        kwargs={"code": document.partnership.ons_code, "pk": document.pk},
    )


def overview(world, client):
    url = reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})
    return client.get(url).content.decode()


def test_a_priority_cites_the_documents_it_comes_from(world, client_for):
    assessment = DocumentFactory(partnership=world.partnership, title="Strategic assessment 2026")
    DocumentFactory(partnership=world.partnership, title="Partnership plan")
    client = client_for("manager_this")
    url = reverse("partnerships:priority-add", kwargs={"code": world.partnership.ons_code})
    form = client.get(url).content.decode()
    assert "Documents it comes from (optional)" in form
    assert "Strategic assessment 2026" in form and "Partnership plan" in form

    response = client.post(
        url,
        {
            "title": "Night-time violence",
            "problem_statement": "Assaults in the centre.",
            "documents": [assessment.pk],
        },
    )
    assert response.status_code == 302
    priority = Priority.objects.get(title="Night-time violence")
    assert list(priority.documents.all()) == [assessment]
    listing = client.get(response["Location"]).content.decode()
    assert "Comes from:" in listing and "Strategic assessment 2026" in listing


def test_a_priority_cannot_cite_another_partnerships_document(world, client_for):
    theirs = DocumentFactory(partnership=world.other_partnership, title="Their assessment")
    url = reverse("partnerships:priority-add", kwargs={"code": world.partnership.ons_code})
    response = client_for("manager_this").post(
        url, {"title": "Night-time violence", "problem_statement": "x", "documents": [theirs.pk]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose documents from this partnership’s register" in page
    assert "Their assessment" not in page
    assert not Priority.objects.filter(title="Night-time violence").exists()


def test_the_manager_records_the_data_a_document_drew_on(world, client_for, ed):
    jsa = DocumentFactory(partnership=world.partnership, title="Joint strategic assessment")
    client = client_for("manager_this")
    form = client.get(data_url(jsa)).content.decode()
    assert "Record the data it drew on" in form
    assert "from Leedsford Police" in form
    assert "Leedsford Hospital Emergency Department" in form

    streams = [f"{world.agency.pk}:police-recorded-crime", f"{ed.pk}:istv"]
    response = client.post(data_url(jsa), {"streams": streams})
    assert response.status_code == 302
    assert response["Location"] == jsa.get_absolute_url()
    uses = DataUse.objects.filter(document=jsa)
    assert {(u.agency_id, u.dataset.code) for u in uses} == {
        (world.agency.pk, "police-recorded-crime"),
        (ed.pk, "istv"),
    }
    detail = client.get(response["Location"]).content.decode()
    assert "2 sources of data recorded for Joint strategic assessment" in detail
    assert "from Leedsford Hospital Emergency Department" in detail

    # Unticking one removes it, keeping the other.
    client.post(data_url(jsa), {"streams": [f"{ed.pk}:istv"]})
    assert [(u.agency_id, u.dataset.code) for u in DataUse.objects.filter(document=jsa)] == [
        (ed.pk, "istv")
    ]


def test_a_stream_the_partnership_does_not_have_is_refused(world, client_for, ed):
    jsa = DocumentFactory(partnership=world.partnership)
    response = client_for("manager_this").post(
        data_url(jsa), {"streams": [f"{world.other_agency.pk}:police-recorded-crime"]}
    )
    assert response.status_code == 200
    assert "Choose data from the list" in response.content.decode()
    assert not DataUse.objects.filter(document=jsa).exists()


def test_another_partnerships_document_is_not_found(world, client_for):
    theirs = DocumentFactory(partnership=world.other_partnership)
    url = reverse(
        "datasharing:document-data", kwargs={"code": world.partnership.ons_code, "pk": theirs.pk}
    )
    assert client_for("manager_this").get(url).status_code == 404


def test_the_overview_shows_each_priority_with_actions_and_evidence(world, client_for, ed):
    jsa = DocumentFactory(partnership=world.partnership, title="Joint strategic assessment")
    priority = PriorityFactory(partnership=world.partnership, title="Night-time violence")
    priority.documents.add(jsa)
    ActionFactory(
        partnership=world.partnership,
        priority=priority,
        owner=world.agency,
        title="Street marshals on Saturdays",
    )
    PriorityFactory(partnership=world.partnership, title="Repeat domestic abuse")
    client = client_for("manager_this")

    page = overview(world, client)
    assert "Priorities and the evidence behind them" in page
    assert "Street marshals on Saturdays" in page
    assert "No indicator measures this priority yet." in page
    assert "with no data recorded as behind it" in page
    assert "No document is cited as its source." in page  # the second priority

    client.post(data_url(jsa), {"streams": [f"{ed.pk}:istv"]})
    page = overview(world, client)  # the cached overview is worked out again after the change
    assert "drawing on 1 source of data" in page
    assert "from Leedsford Hospital Emergency Department" in page


def test_the_stream_page_lists_the_document_that_drew_on_it(world, client_for, ed):
    jsa = DocumentFactory(partnership=world.partnership, title="Joint strategic assessment")
    client_for("manager_this").post(data_url(jsa), {"streams": [f"{ed.pk}:istv"]})
    staff = signatory_for(ed, email="staff.ed.chain@example.org")
    client = login_verified(Client(), staff)
    url = reverse(
        "datasharing:stream-detail",
        kwargs={"code": world.partnership.ons_code, "agency": ed.pk, "dataset": "istv"},
    )
    assert "Joint strategic assessment" in client.get(url).content.decode()


def test_the_leeds_demo_plan_is_led_by_its_evidence():
    """Leeds's night-time priority comes from its assessments, and its joint strategic
    assessment records every member agency's data it drew on."""
    from datasharing import demo as datasharing_demo
    from partnerships import demo, selectors
    from partnerships.models import DocumentKind

    leeds = demo.seed()["partnerships"]["E22000345"]
    datasharing_demo.seed()
    chains = {
        chain.priority.title: chain
        for chain in selectors.evidence_chains(partnership=leeds, today=clock.today())
    }
    night = chains["Violence in the night-time economy"]
    assert night.actions
    kinds = {document.kind: data for document, data in night.documents}
    assert DocumentKind.STRATEGIC_ASSESSMENT in kinds
    joint = kinds[DocumentKind.JOINT_STRATEGIC_ASSESSMENT]
    agencies = {source.split(" from ", 1)[1] for source in joint}
    assert len(agencies) >= 5, joint


def test_the_streams_a_document_may_draw_on_are_the_matrix_rows_read_in_three_queries(
    world, ed, client_for, django_assert_num_queries
):
    """The data-drawn-on form offers every stream the coverage matrix lists, in its order, read
    without the matrix's agreements and deliveries."""
    from datasharing.selectors import coverage_rows, partnership_streams

    member_agency(world.partnership, type_slug="health-commissioner", name="Leedsford ICB")
    member_agency(world.partnership, type_slug="la-unitary", name="Another council")
    rows = coverage_rows(partnership=world.partnership, today=clock.today(), exact=False)
    with django_assert_num_queries(3):
        streams = partnership_streams(world.partnership)
    assert len(streams) > 3
    assert streams == [
        (f"{r.agency.pk}:{r.dataset.code}", f"{r.dataset.name} from {r.agency.name}") for r in rows
    ]
    client = client_for("manager_this")
    url = data_url(DocumentFactory(partnership=world.partnership))
    client.get(url)
    with django_assert_num_queries(DOCUMENT_DATA_QUERIES):
        assert client.get(url).status_code == 200


DOCUMENT_DATA_QUERIES = 10
