"""CSV exports of the ISTV returns list and the public transparency register."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from datasharing import services

from .helpers import istv_csv, istv_row, make_agreement, member_agency, signatory_for

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_istv_returns_export_lists_the_users_returns_with_their_completeness(client, world):
    ours = member_agency(
        world.partnership, type_slug="emergency-department", name="Our ED", site_code="RX101"
    )
    theirs = member_agency(
        world.other_partnership,
        type_slug="emergency-department",
        name="Their ED",
        site_code="RX202",
    )
    for agency in (ours, theirs):
        services.istv_import(
            agency=agency,
            user=signatory_for(agency),
            period_start=date(2025, 4, 1),
            period_end=date(2025, 4, 30),
            text=istv_csv(
                [
                    istv_row(site=agency.site_code, method="unknown"),
                    istv_row(site=agency.site_code, arrived=""),
                ]
            ).decode(),
        )
    client.force_login(signatory_for(ours))
    (row,) = rows(client.get(reverse("datasharing:istv-list-export")))
    assert (
        row["Department"],
        row["Assaults"],
        row["Method not known"],
        row["Arrival time not known"],
        row["Location not known"],
    ) == ("Our ED", "2", "1", "1", "0")


def test_transparency_register_export_is_public_and_lists_published_agreements(client, world):
    make_agreement(world, status="active", title="Recorded crime for Leedsford")
    make_agreement(world, status="draft", title="Not yet signed")
    (row,) = rows(client.get(reverse("transparency:register-export")))
    assert row["Title"] == "Recorded crime for Leedsford" and row["Status"] == "Active"
    assert "Leedsford Police (provides data)" in row["Parties"]
