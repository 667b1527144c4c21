"""The outcomes API: indicators, scoped figures, and uploads checked as on the pages."""

import pytest

from outcomes.models import Figure

from .helpers import csv_file, quarterly

pytestmark = pytest.mark.django_db


def test_figures_are_scoped_like_the_pages(world, client_for):
    quarterly(world.partnership, "robbery", [10, 11])
    quarterly(world.other_partnership, "robbery", [20])
    mine = client_for("staff_this").get("/api/v1/outcome-figures/").json()
    assert {row["partnership"] for row in mine["results"]} == {world.partnership.pk}
    assert len(client_for("admin").get("/api/v1/outcome-figures/").json()["results"]) == 3
    other = Figure.objects.get(partnership=world.other_partnership)
    assert client_for("staff_this").get(f"/api/v1/outcome-figures/{other.pk}/").status_code == 404
    indicators = client_for("reviewer_out").get("/api/v1/outcome-indicators/").json()
    assert [i["code"] for i in indicators["results"]] == [
        "violence-against-the-person",
        "violence-with-injury",
        "violence-without-injury",
        "stalking-and-harassment",
        "sexual-offences",
        "robbery",
        "possession-of-weapons",
        "ed-assault-attendances",
        "night-time-economy-assaults",
        "feel-unsafe-after-dark",
    ]


def test_an_upload_through_the_api_is_checked_whole(world, client_for):
    client = client_for("manager_this")
    code = world.partnership.ons_code
    good = [[code, "Leedsford", "2024/25", "Q1", "1200", "400", "80", "3000"]]
    response = client.post("/api/v1/outcome-figures/", {"file": csv_file(good)})
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "imported_rows": 1,
        "skipped_rows": 0,
        "partnerships": [world.partnership.pk],
    }
    bad = [
        ["E22999999", "Nowhere", "2024/25", "Q1", "1", "1", "1", "1"],
        [code, "Leedsford", "2024/25", "Q2", "1x", "1", "1", "1"],
    ]
    response = client.post("/api/v1/outcome-figures/", {"file": csv_file(bad)})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The file has 2 problems, so nothing was imported"
    assert [e["field"] for e in body["errors"]] == ["row 2", "row 3"]
    assert Figure.objects.count() == 3  # the good file's three columns only
    population = client.post(
        "/api/v1/outcome-populations/",
        {"file": csv_file([[code, "2024", "800000"]], ["CSP code", "Year", "Population"])},
    )
    assert population.status_code == 201
    assert client_for("staff_this").post("/api/v1/outcome-figures/", {}).status_code == 403
