"""API endpoints with tokens: each record type is scoped exactly as its pages, writes go through
the services and leave the same history, errors have one shape, lists filter and paginate."""

import pytest

from datasharing.models import Delivery
from funding.models import Bid
from tests.permissions import rows_api

pytestmark = pytest.mark.django_db

RECORDS = {
    "partnerships": lambda world: {"pk": world.partnership.pk},
    "memberships": rows_api._membership,
    "contacts": rows_api._contact,
    "agreements": rows_api._agreement,
    "deliveries": rows_api._delivery,
    "bids": rows_api._bid_pk,
}
OUTSIDERS = ["reviewer_out", "manager_other", "staff_other"]
INSIDERS = ["admin", "reviewer_in", "manager_this", "staff_this"]


@pytest.mark.parametrize("prefix", RECORDS)
def test_cross_scope_records_are_not_found_and_not_listed(prefix, world, api_for):
    pk = RECORDS[prefix](world)["pk"]
    for role in OUTSIDERS:
        client = api_for(role)
        assert client.get(f"/api/v1/{prefix}/{pk}/").status_code == 404, role
        ids = [r["id"] for r in client.get(f"/api/v1/{prefix}/").json()["results"]]
        assert pk not in ids, role
    for role in INSIDERS:
        client = api_for(role)
        assert client.get(f"/api/v1/{prefix}/{pk}/").status_code == 200, role
        ids = [r["id"] for r in client.get(f"/api/v1/{prefix}/").json()["results"]]
        assert pk in ids, role


def test_not_found_has_the_error_shape(world, api_for):
    response = api_for("staff_other").get(f"/api/v1/partnerships/{world.partnership.pk}/")
    assert response.json() == {
        "detail": "Not found.",
        "errors": [{"field": None, "message": "Not found."}],
    }


def test_delivery_recorded_through_the_service_with_history(world, api_for):
    response = api_for("staff_this").post(
        "/api/v1/deliveries/", rows_api._new_delivery(world), format="json"
    )
    assert response.status_code == 201, response.json()
    delivery = Delivery.objects.get(pk=response.json()["id"])
    assert delivery.recorded_by == world.users["staff_this"]
    assert delivery.record_count == 12
    entry = delivery.history.get()
    assert entry.history_type == "+"
    assert entry.history_user == world.users["staff_this"]


def test_delivery_errors_are_field_level(world, api_for):
    data = {**rows_api._new_delivery(world), "record_count": -1, "period_start": "not a date"}
    response = api_for("staff_this").post("/api/v1/deliveries/", data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The request has errors"
    assert {e["field"] for e in body["errors"]} == {"record_count", "period_start"}


def test_delivery_service_rules_apply(world, api_for):
    data = {**rows_api._new_delivery(world), "period_end": "2025-03-01"}
    response = api_for("staff_this").post("/api/v1/deliveries/", data, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": None, "message": "The end of the period must be on or after its start"}
    ]


def test_delivery_by_a_manager_is_refused(world, api_for):
    response = api_for("manager_this").post(
        "/api/v1/deliveries/", rows_api._new_delivery(world), format="json"
    )
    assert response.status_code == 403
    assert not Delivery.objects.exists()


def test_bid_created_and_changed_by_the_manager(world, api_for):
    client = api_for("manager_this")
    response = client.post("/api/v1/bids/", rows_api._new_bid(world), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.patch(f"/api/v1/bids/{pk}/", {"notes": "Draft ready"}, format="json")
    assert response.status_code == 200, response.json()
    bid = Bid.objects.get(pk=pk)
    assert bid.notes == "Draft ready"
    assert bid.amount_requested == 5000
    assert bid.history.count() == 2
    again = client.post("/api/v1/bids/", rows_api._new_bid(world), format="json")
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "opportunity"


def test_bid_change_refused_to_readers_and_hidden_from_outsiders(world, api_for):
    pk = rows_api._bid_pk(world)["pk"]
    url = f"/api/v1/bids/{pk}/"
    assert api_for("staff_this").patch(url, {"notes": "x"}, format="json").status_code == 403
    assert api_for("reviewer_in").patch(url, {"notes": "x"}, format="json").status_code == 403
    assert api_for("manager_other").patch(url, {"notes": "x"}, format="json").status_code == 404
    assert Bid.objects.get(pk=pk).notes == ""


def test_lists_filter_and_paginate(world, api_for):
    client = api_for("admin")
    body = client.get("/api/v1/partnerships/", {"page_size": 1}).json()
    assert body["count"] == 2 and len(body["results"]) == 1 and body["next"]
    body = client.get("/api/v1/partnerships/", {"name": "Leeds"}).json()
    assert [r["id"] for r in body["results"]] == [world.partnership.pk]
    body = client.get("/api/v1/memberships/", {"partnership": world.other_partnership.pk}).json()
    assert {r["partnership"] for r in body["results"]} == {world.other_partnership.pk}
    response = client.get("/api/v1/partnerships/", {"page": 99})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] is None


def test_schema_and_docs(client_for):
    schema = client_for("anonymous").get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/deliveries/" in paths and "/api/v1/bids/{id}/" in paths
    assert "bearerAuth" in schema.json()["components"]["securitySchemes"]
    docs = client_for("staff_this").get("/api/docs/").content.decode()
    assert "/api/v1/deliveries/" in docs
    assert '<script src="http' not in docs


@pytest.mark.parametrize(
    "query",
    [
        {"partnership": "null,null"},
        {"partnership": "abc"},
        {"partnership": "99999999999"},
        {"partnership": "0"},
        {"id": "null,null"},
        {"id": "1,x"},
    ],
)
@pytest.mark.parametrize("prefix", ["memberships", "contacts", "agreements", "deliveries", "bids"])
def test_bad_ids_in_filters_are_field_level_errors(prefix, query, world, api_for):
    response = api_for("admin").get(f"/api/v1/{prefix}/", query)
    assert response.status_code == 400, response.content
    [name] = query
    assert response.json()["errors"][0]["field"] == name


def test_id_list_filter(world, api_for):
    client = api_for("admin")
    ids = f"{world.partnership.pk},{world.other_partnership.pk}"
    body = client.get("/api/v1/partnerships/", {"id": ids}).json()
    assert {r["id"] for r in body["results"]} == {world.partnership.pk, world.other_partnership.pk}
    body = client.get("/api/v1/partnerships/", {"id": str(world.partnership.pk)}).json()
    assert [r["id"] for r in body["results"]] == [world.partnership.pk]
    too_many = ",".join(str(n) for n in range(1, 102))
    response = client.get("/api/v1/partnerships/", {"id": too_many})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "id", "message": "Give at most 100 ids"}]


def test_every_operation_documents_the_error_format(client_for):
    schema = client_for("anonymous").get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "Error" in schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for code in ("400", "401", "403", "404", "429"):
                content = operation["responses"][code]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (path, method)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        # Offsets beyond the database's ±15:59 are turned into UTC first (found by Schemathesis on
        # PostgreSQL); a moment whose UTC form leaves years 1 to 9999 is a field-level 400.
        ({"closes_at__gte": "3446-04-25T08:44:03-10:06"}, 200),
        ({"opens_at__gte": "1737-04-02T16:28:06-20:13"}, 200),
        ({"closes_at__lte": "0001-01-01T00:19:23+05:00"}, 400),
        ({"opens_at__lte": "9999-12-31T23:59:59-10:00"}, 400),
        ({"opens_at__lte": "2026-01-01T09:00"}, 200),
    ],
)
def test_datetime_filters_never_reach_the_database_out_of_range(query, status, world, api_for):
    response = api_for("admin").get("/api/v1/funding-opportunities/", query)
    assert response.status_code == status, response.content
    if status == 400:
        [name] = query
        assert response.json()["errors"][0]["field"] == name


def test_unknown_api_addresses_are_json_404s(api_for, world):
    client = api_for("staff_this")
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Not found.",
        "errors": [{"field": None, "message": "Not found."}],
    }
    response = client.get("/api/v1/partnerships")
    assert response.status_code == 404
    assert "end with a slash" in response.json()["detail"]
    response = client.put("/api/v1/partnerships/1.5e-3/", {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
