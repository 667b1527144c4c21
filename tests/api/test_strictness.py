"""What Schemathesis found the API too lenient about (issue 16): values it ignored or coerced
instead of refusing, a conditional rule the schema did not state, and server errors answered
as HTML."""

import json

import pytest
from django.test import Client

from tests.permissions import rows_api

pytestmark = pytest.mark.django_db


def assert_refused(response, field):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    assert body["detail"] == "The request has errors"
    assert field in {error["field"] for error in body["errors"]}, body


@pytest.mark.parametrize("value", ["null", "", "0", "201", "ten", "-1", "5.5"])
def test_a_page_size_that_is_not_a_whole_number_in_range_is_refused(api_for, value):
    response = api_for("admin").get(f"/api/v1/partnerships/?page_size={value}")
    assert_refused(response, "page_size")


def test_a_page_size_in_range_is_used(api_for):
    response = api_for("admin").get("/api/v1/partnerships/?page_size=1")
    assert response.status_code == 200 and len(response.json()["results"]) == 1


@pytest.mark.parametrize(
    "path, name",
    [
        ("/api/v1/partnerships/", "name"),
        ("/api/v1/partnerships/", "region"),
        ("/api/v1/memberships/", "partnership"),
        ("/api/v1/bids/", "status"),
        ("/api/v1/partnerships/", "id"),
    ],
)
def test_an_empty_filter_is_refused_not_ignored(api_for, path, name):
    assert_refused(api_for("admin").get(f"{path}?{name}="), name)
    assert_refused(api_for("admin").get(f"{path}?{name}=%20"), name)


@pytest.mark.parametrize("query", ["id=0", "region=0", "id=0,1"])
def test_an_id_of_zero_is_refused(api_for, query):
    assert_refused(api_for("admin").get(f"/api/v1/partnerships/?{query}"), query.split("=")[0])


def test_a_number_is_not_taken_as_text(api_for, world):
    client = api_for("manager_this")
    bid = rows_api._bid_pk(world)["pk"]
    assert_refused(client.patch(f"/api/v1/bids/{bid}/", {"notes": 0}, format="json"), "notes")
    contact = rows_api._contact(world)["pk"]
    assert_refused(
        client.patch(f"/api/v1/contacts/{contact}/", {"job_title": 12}, format="json"), "job_title"
    )
    assert client.patch(f"/api/v1/bids/{bid}/", {"notes": "0"}, format="json").status_code == 200


def test_a_number_is_not_taken_as_text_in_an_agreement_section(api_for, world):
    agreement = rows_api._agreement(world)["pk"]
    response = api_for("staff_this").put(
        f"/api/v1/agreements/{agreement}/sections/about/",
        {"title": "Sharing", "purpose": 0},
        format="json",
    )
    assert_refused(response, "purpose")


def test_a_maryland_level_of_null_is_accepted_as_the_schema_says(api_for, world):
    from goodpractice.models import Entry

    entry = rows_api._entry(world)["pk"]
    Entry.objects.filter(pk=entry).update(maryland_level=3)
    response = api_for("manager_this").patch(
        f"/api/v1/good-practice-entries/{entry}/", {"maryland_level": None}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["maryland_level"] is None
    assert Entry.objects.get(pk=entry).maryland_level is None


def test_the_schema_states_the_deputys_conditional_requirement(world):
    schema = json.loads(
        Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content
    )
    deputy = schema["components"]["schemas"]["Contact"]["properties"]["deputy_name"]
    assert "Required when deputy_job_title, deputy_email or deputy_phone" in deputy["description"]
    assert "different person" in deputy["description"]
    for operation in schema["paths"]["/api/v1/partnerships/"].values():
        assert "500" in operation["responses"]
        name = next(p for p in operation["parameters"] if p["name"] == "name")
        assert name["schema"]["minLength"] == 1


def test_a_server_error_in_the_api_answers_in_the_api_format(api_for, monkeypatch):
    from partnerships import api as partnerships_api

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(partnerships_api, "partnership_list", broken)
    response = api_for("admin").get("/api/v1/partnerships/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"] == [
        {"field": None, "message": "Something went wrong on our side: try again later"}
    ]


def test_the_error_handlers_answer_api_addresses_in_json(rf):
    from django.contrib.auth.models import AnonymousUser

    from core.views import error_404, error_500

    def request(path):
        made = rf.get(path)
        made.user = AnonymousUser()
        return made

    for handler, status in ((error_500, 500), (error_404, 404)):
        api = handler(request("/api/v1/partnerships/"))
        assert api.status_code == status and api["Content-Type"] == "application/json"
        assert json.loads(api.content)["errors"][0]["field"] is None
        page = handler(request("/partnerships/"))
        assert page["Content-Type"].startswith("text/html")
    response = Client().get("/api/v1/no-such-list/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "path, name",
    [("/api/v1/channels/", "is_active"), ("/api/v1/funding-opportunities/", "is_national")],
)
@pytest.mark.parametrize("value", ["2", "0.5", "null", "AAA"])
def test_a_yes_or_no_filter_that_is_not_true_or_false_is_refused(api_for, path, name, value):
    assert_refused(api_for("admin").get(f"{path}?{name}={value}"), name)


def test_a_yes_or_no_filter_filters(api_for, world):
    from tests.permissions.rows_communications_api import communication_records

    channel = communication_records(world)["channels"]
    national = rows_api._opportunity_pk(world)["pk"]
    client = api_for("admin")

    def ids(query):
        response = client.get(query)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("/api/v1/channels/?is_active=true") == [channel]
    assert ids("/api/v1/channels/?is_active=false") == []
    assert ids("/api/v1/funding-opportunities/?is_national=false") == [national]
    assert ids("/api/v1/funding-opportunities/?is_national=true") == []


@pytest.mark.parametrize("body", [0, "text", [], None])
def test_a_body_that_is_not_an_object_is_refused(api_for, world, body):
    agreement = rows_api._agreement(world)["pk"]
    client = api_for("staff_this")
    for path in ("/api/v1/agreements/", f"/api/v1/agreements/{agreement}/parties/"):
        response = client.post(path, json.dumps(body), content_type="application/json")
        assert_refused(response, None)
        assert response.json()["errors"][0]["message"] == "Send an object"
