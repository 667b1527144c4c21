"""ISTV returns: checked row by row, imported wholly or not at all, identifying data refused,
and the analysis counts what the file holds."""

import csv
import io
from collections import Counter
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from datasharing import services
from datasharing.models import IstvAssault, IstvReturn
from datasharing.selectors import istv_analysis

from .helpers import APRIL, istv_csv, istv_row, member_agency, signatory_for

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


def upload(
    client, content: bytes, *, agency, name="april.csv", start="01/04/2025", end="30/04/2025"
):
    return client.post(
        reverse("datasharing:istv-upload"),
        {
            "agency": agency.pk,
            "period_start": start,
            "period_end": end,
            "file": SimpleUploadedFile(name, content, content_type="text/csv"),
        },
    )


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(client, ed):
    agency, user = ed
    client.force_login(user)
    rows = [istv_row() for _ in range(5)]
    rows[2] = istv_row(method="catapult")  # file row 4 (the header is row 1)
    response = upload(client, istv_csv(rows), agency=agency)
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and "nothing was imported" in text
    assert "Row 4" in text and "assault_method" in text and "catapult" in text
    assert IstvReturn.objects.count() == 0 and IstvAssault.objects.count() == 0


def test_identifying_columns_are_refused(world, ed):
    agency, _user = ed
    for column in (
        "Patient name",
        "DOB",
        "date_of_birth",
        "NHS Number",
        "postcode",
        "Telephone",
        "mobile",
        "surname",
    ):
        header = [
            "site_code",
            "arrival_datetime",
            "assault_datetime",
            "assault_method",
            "assault_method_other",
            "assault_location_type",
            "assault_location_description",
            column,
        ]
        text = istv_csv([istv_row() + ["x"]], header=header).decode()
        result = services.istv_check(
            agency=agency, period_start=APRIL[0], period_end=APRIL[1], text=text
        )
        assert not result.ok
        assert "identify a person" in str(result.problems[0]) and column in str(result.problems[0])


@pytest.mark.parametrize("value", ["Outside LS1 4AP", "NHS 943 476 5919", "call 07700 900123"])
def test_identifying_values_in_free_text_are_refused(ed, value):
    agency, _user = ed
    text = istv_csv([istv_row(), istv_row(place=value)]).decode()
    result = services.istv_check(
        agency=agency, period_start=APRIL[0], period_end=APRIL[1], text=text
    )
    assert [(p.row, p.field) for p in result.problems] == [(3, "assault_location_description")]


def test_outward_postcode_is_allowed(ed):
    agency, _user = ed
    text = istv_csv([istv_row(place="Near LS1 city centre")]).decode()
    assert services.istv_check(
        agency=agency, period_start=APRIL[0], period_end=APRIL[1], text=text
    ).ok


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (istv_row(site="ZZ999"), "site_code"),
        (istv_row(when="yesterday"), "assault_datetime"),
        (istv_row(when=""), "assault_datetime"),
        (istv_row(arrived="2025-05-02 10:00", when="2025-05-02 09:00"), "arrival_datetime"),
        (istv_row(method="other", other=""), "assault_method_other"),
        (istv_row(location="moon"), "assault_location_type"),
        (istv_row(when="2025-04-06 01:00", arrived="2025-04-05 23:00"), "assault_datetime"),
    ],
)
def test_each_bad_field_is_named(ed, row, field):
    agency, _user = ed
    text = istv_csv([istv_row(), row]).decode()
    result = services.istv_check(
        agency=agency, period_start=APRIL[0], period_end=APRIL[1], text=text
    )
    assert not result.ok
    assert (3, field) in [(p.row, p.field) for p in result.problems]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02binary",
        b"site_code\n",
        b"just,some,columns\n1,2,3\n",
        'é,"unterminated'.encode(),
    ],
)
def test_rubbish_files_are_refused_without_a_server_error(client, ed, content):
    agency, user = ed
    client.force_login(user)
    response = upload(client, content, agency=agency)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert IstvReturn.objects.count() == 0


def test_bad_form_input_is_reported(client, ed):
    agency, user = ed
    client.force_login(user)
    response = upload(
        client,
        istv_csv([istv_row()]),
        agency=agency,
        name="april.xlsx",
        start="31/02/2025",
        end="not a date",
    )
    text = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in text
    assert "must be a CSV file" in text and "must be a real date" in text


def _sample_rows():
    """A month of assaults with known counts."""
    rows = []
    plan = [
        ("2025-04-04 23:10", "body", "pub-bar", "Call Lane", 6),  # Friday 23:00
        ("2025-04-05 01:20", "glass", "street", "Briggate", 4),  # Saturday 01:00
        ("2025-04-09 14:00", "sharp", "home", "", 3),  # Wednesday 14:00
        ("2025-04-20 22:45", "body", "pub-bar", "Merrion Street", 2),  # Sunday 22:00
    ]
    for when, method, location, place, count in plan:
        arrival = when[:11] + "23:59" if when[11:13] != "01" else when[:11] + "02:30"
        for _ in range(count):
            rows.append(
                istv_row(when=when, arrived=arrival, method=method, location=location, place=place)
            )
    return rows


def test_a_good_file_imports_and_the_analysis_matches_the_file(client, world, ed):
    agency, user = ed
    client.force_login(user)
    rows = _sample_rows()
    content = istv_csv(rows)
    response = upload(client, content, agency=agency)
    assert response.status_code == 302
    istv_return = IstvReturn.objects.get()
    assert istv_return.row_count == len(rows) == IstvAssault.objects.count()

    expected_method = Counter(
        r[3] for r in csv.reader(io.StringIO(content.decode())) if r[0] != "site_code"
    )
    results = istv_analysis(site_ids=[agency.pk])
    assert results["total"] == len(rows)
    labels = {
        "body": "Hit, kicked or punched (body parts)",
        "glass": "Glass or bottle (broken)",
        "sharp": "Knife or other sharp object",
    }
    assert {b.label: b.count for b in results["by_method"]} == {
        labels[k]: v for k, v in expected_method.items()
    }
    assert {b.label: b.count for b in results["top_places"]} == {
        "Call Lane": 6,
        "Briggate": 4,
        "Merrion Street": 2,
    }
    assert [(b.label, b.count) for b in results["by_month"]] == [("April 2025", 15)]
    heat = {d["day"]: d["cells"] for d in results["heat"]}
    assert heat["Friday"][23]["count"] == 6
    assert heat["Saturday"][1]["count"] == 4
    assert heat["Wednesday"][14]["count"] == 3
    assert heat["Sunday"][22]["count"] == 2

    # The analysis page for the partnership shows the same numbers, to its readers.
    reviewer = client_for_user(world.users["reviewer_in"])
    page = reviewer.get(
        reverse("datasharing:istv-analysis", kwargs={"code": world.partnership.ons_code})
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>15</strong> assaults" in html and "Call Lane" in html
    export = reviewer.get(
        reverse("datasharing:istv-analysis-export", kwargs={"code": world.partnership.ons_code})
    )
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert ["Top places", "Call Lane", "6"] in lines
    assert ["Hour of the week", "Friday 23:00", "6"] in lines


def test_filters_by_period_and_site(world, ed):
    agency, user = ed
    services.istv_import(
        agency=agency,
        user=user,
        period_start=APRIL[0],
        period_end=APRIL[1],
        text=istv_csv(_sample_rows()).decode(),
    )
    results = istv_analysis(
        site_ids=[agency.pk], date_from=date(2025, 4, 9), date_to=date(2025, 4, 30)
    )
    assert results["total"] == 5
    assert istv_analysis(site_ids=[])["total"] == 0


def test_reuploading_a_period_replaces_it_after_confirmation(client, ed):
    agency, user = ed
    client.force_login(user)
    assert upload(client, istv_csv(_sample_rows()), agency=agency).status_code == 302
    response = upload(client, istv_csv([istv_row()]), agency=agency)
    assert response.status_code == 302 and "/confirm/" in response["Location"]
    assert IstvAssault.objects.count() == 15  # nothing replaced yet
    confirm_page = client.get(response["Location"])
    assert "Replace the existing return" in confirm_page.content.decode()
    done = client.post(response["Location"], {})  # one button, no checkbox as well
    assert done.status_code == 302
    assert IstvReturn.objects.get().row_count == 1 and IstvAssault.objects.count() == 1


def test_only_emergency_department_staff_upload(client, world, ed):
    client.force_login(world.users["staff_this"])  # police
    response = client.get(reverse("datasharing:istv-upload"))
    assert response.status_code == 403
    agency, user = ed
    client.force_login(user)
    assert client.get(reverse("datasharing:istv-upload")).status_code == 200
    # Another department's id is not among the choices.
    other = member_agency(
        world.other_partnership,
        type_slug="emergency-department",
        name="Boltham ED",
        site_code="RX202",
    )
    response = upload(client, istv_csv([istv_row(site="RX202")]), agency=other)
    assert response.status_code == 200 and IstvReturn.objects.count() == 0


def test_template_and_sample_download(client):
    template = client.get(reverse("datasharing:istv-template"))
    assert template.content.decode("utf-8-sig").strip().split(",")[0] == "site_code"
    sample = client.get(reverse("datasharing:istv-sample"))
    assert len(sample.content.decode().strip().splitlines()) == 5


def test_times_are_read_as_local_time(ed):
    agency, user = ed
    services.istv_import(
        agency=agency,
        user=user,
        period_start=APRIL[0],
        period_end=APRIL[1],
        text=istv_csv([istv_row(when="2025-04-05 23:10")]).decode(),
    )
    stored = IstvAssault.objects.get().assault_datetime
    assert timezone.localtime(stored).replace(tzinfo=None) == datetime(2025, 4, 5, 23, 10)


def client_for_user(user):
    from django.test import Client

    from tests.factories import login_verified

    c = Client()
    login_verified(c, user)  # with the second factor that reviewers must use
    return c
