"""The ISTV upload in fewer steps (issue 17, item 11): every problem in one pass, a warning
when a replacement is much smaller than the return it replaces, one confirm button, and the
return's analysis after the import."""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from datasharing import services
from datasharing.models import IstvAssault, IstvReturn

from .helpers import APRIL, istv_csv, istv_row
from .test_istv import ed, upload  # noqa: F401 - the fixture

HEADER = [
    "site_code",
    "arrival_datetime",
    "assault_datetime",
    "assault_method",
    "assault_method_other",
    "assault_location_type",
    "assault_location_description",
]


def test_a_forbidden_column_and_bad_rows_are_reported_together(ed):  # noqa: F811
    agency, _user = ed
    text = istv_csv(
        [istv_row() + ["Jo Bloggs"], istv_row(method="catapult") + ["Al Smith"]],
        header=[*HEADER, "Patient name"],
    ).decode()
    result = services.istv_check(
        agency=agency, period_start=APRIL[0], period_end=APRIL[1], text=text
    )
    problems = [str(problem) for problem in result.problems]
    assert any("identify a person" in p and "Patient name" in p for p in problems)
    assert any("Row 3" in p and "catapult" in p for p in problems), problems
    assert not any("Bloggs" in p or "Smith" in p for p in problems)  # never echoed


def test_the_upload_page_lists_both_in_one_go(client, ed):  # noqa: F811
    agency, user = ed
    client.force_login(user)
    content = istv_csv([istv_row(method="catapult") + ["x"]], header=[*HEADER, "NHS Number"])
    page = upload(client, content, agency=agency).content.decode()
    assert "identify a person" in page and "catapult" in page
    assert not IstvReturn.objects.exists()


def _many(count):
    return istv_csv([istv_row() for _ in range(count)])


def test_a_much_smaller_replacement_is_warned_about_and_confirmed_once(client, ed):  # noqa: F811
    agency, user = ed
    client.force_login(user)
    assert upload(client, _many(160), agency=agency).status_code == 302
    response = upload(client, _many(3), agency=agency)
    confirm = response["Location"]
    page = client.get(confirm).content.decode()
    assert "govuk-warning-text" in page
    assert "The new file has 3 assaults, far fewer than the 160" in page
    assert 'type="checkbox"' not in page
    done = client.post(confirm, {})
    assert done.status_code == 302 and IstvAssault.objects.count() == 3
    assert "/istv/analysis/" in done["Location"]


def test_a_replacement_of_about_the_same_size_is_not_warned_about(client, ed):  # noqa: F811
    agency, user = ed
    client.force_login(user)
    upload(client, _many(10), agency=agency)
    confirm = upload(client, _many(9), agency=agency)["Location"]
    assert "govuk-warning-text" not in client.get(confirm).content.decode()


def test_after_the_import_the_returns_analysis_is_shown(client, world, ed):  # noqa: F811
    agency, user = ed
    client.force_login(user)
    response = upload(client, _many(4), agency=agency)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse(
        "datasharing:istv-analysis", kwargs={"code": world.partnership.ons_code}
    )
    assert parse_qs(location.query) == {
        "site": [str(agency.pk)],
        "date_from": ["2025-04-01"],
        "date_to": ["2025-04-30"],
    }
    page = client.get(response["Location"], follow=True).content.decode()
    assert "<strong>4</strong> assaults" in page and "Imported 4 assaults" in page
