"""API writes added for #8: each goes through its app's service (and the page's form where the
page has checks of its own), leaves the same history, and is refused outside its scope."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from accounts.services import role_assign
from datasharing.models import Agreement, IstvReturn
from funding.models import ApplicantType, Funder, Opportunity, Theme
from goodpractice.models import Entry
from partnerships.models import Contact
from tests import factories
from tests.datasharing.helpers import istv_csv, istv_row
from tests.permissions import rows_api

pytestmark = pytest.mark.django_db

RECORDS = {
    "istv-returns": rows_api._istv_return,
    "good-practice-entries": rows_api._entry,
    "review-status": rows_api._this_partnership,
}


@pytest.mark.parametrize("prefix", RECORDS)
def test_cross_scope_records_are_refused_and_not_listed(prefix, world, api_for):
    pk = RECORDS[prefix](world)["pk"]
    for role in ["reviewer_out", "manager_other", "staff_other"]:
        client = api_for(role)
        assert client.get(f"/api/v1/{prefix}/{pk}/").status_code in (403, 404), role
        listing = client.get(f"/api/v1/{prefix}/")
        if listing.status_code == 200:
            ids = [r.get("id", r.get("partnership")) for r in listing.json()["results"]]
            assert pk not in ids, role
        else:
            assert listing.status_code == 403, role


def test_cross_scope_writes_are_refused(world, api_for):
    """Another partnership's manager can change none of this partnership's records."""
    client = api_for("manager_other")
    membership = rows_api._membership(world)["pk"]
    contact = rows_api._contact(world)["pk"]
    entry = rows_api._entry(world)["pk"]
    section = rows_api._section(world)
    assert (
        client.patch(
            f"/api/v1/memberships/{membership}/", {"strategic": False}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.patch(f"/api/v1/contacts/{contact}/", {"name": "X"}, format="json").status_code
        == 404
    )
    assert client.delete(f"/api/v1/contacts/{contact}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/good-practice-entries/{entry}/", {"title": "X"}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.put(
            f"/api/v1/agreements/{section['pk']}/sections/about/",
            {"title": "X", "purpose": "Y"},
            format="json",
        ).status_code
        == 404
    )
    assert (
        client.post("/api/v1/contacts/", rows_api._new_contact(world), format="json").status_code
        == 400
    )
    assert Contact.objects.get(pk=contact).name == "Matrix Contact"


def test_contact_added_changed_and_removed_by_the_manager(world, api_for):
    client = api_for("manager_this")
    response = client.post("/api/v1/contacts/", rows_api._new_contact(world), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.patch(f"/api/v1/contacts/{pk}/", {"job_title": "Inspector"}, format="json")
    assert response.status_code == 200, response.json()
    contact = Contact.objects.get(pk=pk)
    assert contact.job_title == "Inspector"
    assert [h.history_user for h in contact.history.order_by("history_id")] == [
        world.users["manager_this"]
    ] * 2
    # The contact page's own check: a deputy must be someone else.
    response = client.patch(
        f"/api/v1/contacts/{pk}/", {"deputy_name": "matrix  newcomer"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "deputy_name",
            "message": "The deputy must be a different person from the contact",
        }
    ]
    assert api_for("staff_this").delete(f"/api/v1/contacts/{pk}/").status_code == 403
    assert client.delete(f"/api/v1/contacts/{pk}/").status_code == 204
    assert not Contact.objects.filter(pk=pk).exists()


def test_membership_changed_by_the_manager_with_history(world, api_for):
    pk = rows_api._membership(world)["pk"]
    response = api_for("manager_this").patch(
        f"/api/v1/memberships/{pk}/", {"operational": True, "status": "active"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["operational"] is True
    assert (
        api_for("staff_this")
        .patch(f"/api/v1/memberships/{pk}/", {"operational": False}, format="json")
        .status_code
        == 403
    )
    again = api_for("manager_this").post(
        "/api/v1/memberships/",
        {"partnership": world.partnership.pk, "agency": world.agency.pk},
        format="json",
    )
    assert again.status_code == 400
    assert "already exists" in again.json()["errors"][0]["message"]
    assert world.partnership.memberships.filter(agency=world.agency).count() == 1


def test_agreement_started_and_a_section_saved_by_party_staff(world, api_for):
    client = api_for("staff_this")
    response = client.post("/api/v1/agreements/", rows_api._new_agreement(world), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["reference"].startswith("DSA-")
    url = f"/api/v1/agreements/{pk}/sections/dates/"
    bad = client.put(
        url,
        {"frequency": "quarterly", "start_date": "2026-04-01", "review_date": "2026-03-01"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == [
        {"field": "review_date", "message": "The review date must be on or after the start date"}
    ]
    good = client.put(
        url,
        {"frequency": "quarterly", "start_date": "2026-04-01", "review_date": "2027-04-01"},
        format="json",
    )
    assert good.status_code == 200, good.json()
    agreement = Agreement.objects.get(pk=pk)
    assert agreement.review_date == date(2027, 4, 1)
    assert agreement.history.latest("history_id").history_user == world.users["staff_this"]
    assert (
        client.put(f"/api/v1/agreements/{pk}/sections/nonsense/", {}, format="json").status_code
        == 404
    )
    assert (
        api_for("manager_this").put(url, {"frequency": "annually"}, format="json").status_code
        == 403
    )


@pytest.fixture
def ed_staff(world, api_for):
    agency = rows_api._ed_agency(world)
    user = factories.UserFactory(email="ed.staff@example.org")
    role_assign(user=user, role=Role.AGENCY_STAFF, agency=agency)
    world.users["ed_staff"] = user
    return agency, api_for("ed_staff")


def test_istv_upload_as_json_rows_is_checked_whole(world, ed_staff):
    agency, client = ed_staff
    rows = [
        dict(
            zip(
                [
                    "site_code",
                    "arrival_datetime",
                    "assault_datetime",
                    "assault_method",
                    "assault_method_other",
                    "assault_location_type",
                    "assault_location_description",
                ],
                istv_row(),
                strict=True,
            )
        )
    ] * 2
    bad = [rows[0], {**rows[1], "assault_method": "no-such-method"}]
    body = {"agency": agency.pk, "period_start": "2025-04-01", "period_end": "2025-04-30"}
    response = client.post("/api/v1/istv-returns/", {**body, "rows": bad}, format="json")
    assert response.status_code == 400
    report = response.json()
    assert report["detail"] == "The rows have 1 problem, so nothing was imported"
    assert report["errors"] == [
        {
            "field": "rows[1].assault_method",
            "message": "Row 2, Assault method: “no-such-method” is not a code in the method list",
        }
    ]
    assert not IstvReturn.objects.filter(agency=agency).exists()
    response = client.post("/api/v1/istv-returns/", {**body, "rows": rows}, format="json")
    assert response.status_code == 201, response.json()
    istv_return = IstvReturn.objects.get(agency=agency)
    assert istv_return.row_count == 2
    assert istv_return.history.get().history_user == world.users["ed_staff"]
    again = client.post("/api/v1/istv-returns/", {**body, "rows": rows}, format="json")
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "replace"
    replaced = client.post(
        "/api/v1/istv-returns/", {**body, "rows": rows[:1], "replace": True}, format="json"
    )
    assert replaced.status_code == 201
    assert IstvReturn.objects.get(agency=agency).row_count == 1


def test_istv_upload_as_a_file(world, ed_staff):
    agency, client = ed_staff
    upload = SimpleUploadedFile("april.csv", istv_csv([istv_row(), istv_row()]), "text/csv")
    response = client.post(
        "/api/v1/istv-returns/",
        {
            "agency": agency.pk,
            "period_start": "2025-04-01",
            "period_end": "2025-04-30",
            "file": upload,
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["row_count"] == 2
    bad = SimpleUploadedFile(
        "may.csv", istv_csv([istv_row(), istv_row(method="spoon")]), "text/csv"
    )
    refused = client.post(
        "/api/v1/istv-returns/",
        {
            "agency": agency.pk,
            "period_start": "2025-05-01",
            "period_end": "2025-05-31",
            "file": bad,
        },
        format="multipart",
    )
    assert refused.status_code == 400
    assert refused.json()["detail"] == "The file has 3 problems, so nothing was imported"
    assert {e["field"] for e in refused.json()["errors"]} >= {
        "row 2.arrival_datetime",
        "row 3.assault_method",
    }
    listing = client.get("/api/v1/istv-returns/").json()
    assert [r["id"] for r in listing["results"]] == [response.json()["id"]]


def test_opportunity_published_and_changed_by_an_administrator(world, api_for):
    from tests.permissions.rows_funding import _opportunity

    template = _opportunity(world)
    funder = Funder.objects.first()
    theme = Theme.objects.first()
    data = {
        "funder": funder.pk,
        "title": "Safer streets round 9",
        "description": "For CSPs.",
        "themes": [theme.pk],
        "applicant_types": [ApplicantType.objects.first().pk],
        "is_national": True,
        "opens_at": "2026-01-05T09:00:00Z",
        "closes_at": "2026-03-01T12:00:00Z",
        "capital_revenue": "revenue",
    }
    response = api_for("admin").post("/api/v1/funding-opportunities/", data, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = api_for("admin").patch(
        f"/api/v1/funding-opportunities/{pk}/",
        {"max_award": 1000, "min_award": 5000},
        format="json",
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} >= {"max_award"}
    assert (
        api_for("manager_this")
        .post("/api/v1/funding-opportunities/", data, format="json")
        .status_code
        == 403
    )
    assert (
        api_for("staff_this")
        .patch(f"/api/v1/funding-opportunities/{template.pk}/", {"title": "x"}, format="json")
        .status_code
        == 403
    )
    assert Opportunity.objects.get(pk=pk).history.count() >= 1


def test_good_practice_draft_written_and_submitted(world, api_for):
    client = api_for("staff_this")
    response = client.post(
        "/api/v1/good-practice-entries/", rows_api._new_entry(world), format="json"
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["status"] == "draft"
    submit = client.post(f"/api/v1/good-practice-entries/{pk}/submit/")
    assert submit.status_code == 400
    assert {"summary", "problem"} <= {e["field"] for e in submit.json()["errors"]}
    response = client.patch(
        f"/api/v1/good-practice-entries/{pk}/", {"summary": "Street pastors"}, format="json"
    )
    assert response.status_code == 200, response.json()
    entry = Entry.objects.get(pk=pk)
    assert entry.summary == "Street pastors"
    assert [h.history_user for h in entry.history.all()] == [world.users["staff_this"]] * 2
    # Drafts of another partnership are not found; published ones would be readable.
    assert api_for("staff_other").get(f"/api/v1/good-practice-entries/{pk}/").status_code == 404


def test_review_status_rates_every_dimension(world, api_for):
    from reviews.ratings import DIMENSION_KEYS

    body = api_for("reviewer_in").get(f"/api/v1/review-status/{world.partnership.pk}/").json()
    assert body["partnership"] == world.partnership.pk
    assert [r["dimension"] for r in body["ratings"]] == DIMENSION_KEYS
    assert {r["rating"] for r in body["ratings"]} <= {"red", "amber", "green"}
    listing = api_for("reviewer_in").get("/api/v1/review-status/").json()
    assert [r["partnership"] for r in listing["results"]] == [world.partnership.pk]
    assert (
        api_for("manager_this").get(f"/api/v1/review-status/{world.partnership.pk}/").status_code
        == 403
    )
    assert api_for("manager_this").get("/api/v1/review-status/").status_code == 403


def test_agreement_parties_and_transitions_through_the_services(world, api_for):
    from tests.datasharing.helpers import member_agency

    client = api_for("staff_this")
    pk = rows_api._agreement(world)["pk"]
    newcomer = member_agency(world.partnership, name="API party")
    response = client.post(
        f"/api/v1/agreements/{pk}/parties/",
        {"agency": newcomer.pk, "role": "recipient"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert newcomer.pk in {p["agency"] for p in response.json()["parties"]}
    again = client.post(
        f"/api/v1/agreements/{pk}/parties/",
        {"agency": newcomer.pk, "role": "recipient"},
        format="json",
    )
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "agency"
    response = client.delete(f"/api/v1/agreements/{pk}/parties/{newcomer.pk}/")
    assert response.status_code == 200
    assert newcomer.pk not in {p["agency"] for p in response.json()["parties"]}
    response = client.post(f"/api/v1/agreements/{pk}/negotiate/")
    assert response.status_code == 200
    assert response.json()["status"] == "in_negotiation"
    response = client.post(f"/api/v1/agreements/{pk}/negotiate/")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": None, "message": "Only a draft can be opened for negotiation"}
    ]
    response = client.post(f"/api/v1/agreements/{pk}/request-signatures/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "awaiting_signatures"
    agreement = Agreement.objects.get(pk=pk)
    assert agreement.history.latest("history_id").history_user == world.users["staff_this"]
    assert api_for("manager_this").post(f"/api/v1/agreements/{pk}/negotiate/").status_code == 403
    assert api_for("manager_other").post(f"/api/v1/agreements/{pk}/negotiate/").status_code == 404
