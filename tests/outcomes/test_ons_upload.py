"""The ONS-shaped uploads: recorded crime by CSP and population, all or nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outcomes import ons, services
from outcomes.models import Figure, Population

from .helpers import csv_file, csv_text

pytestmark = pytest.mark.django_db


def _good(code):
    return [
        [code, "Leedsford", "2024/25", "Q1", "1,200", "400", "80", "3000"],
        [code, "Leedsford", "2024/25", "Q2", "1150", "390", "..", "2900"],
    ]


def test_a_good_file_imports_each_quarter_and_column(world):
    admin = world.users["admin"]
    code = world.partnership.ons_code
    result = services.crime_import(user=admin, text=csv_text(_good(code)))
    assert len(result.rows) == 2
    figures = Figure.objects.filter(partnership=world.partnership).order_by(
        "indicator__order", "period_start"
    )
    got = [(f.indicator.code, f.period_type, f.period_start, int(f.value)) for f in figures]
    assert got == [
        ("violence-against-the-person", "quarter", date(2024, 4, 1), 1200),
        ("violence-against-the-person", "quarter", date(2024, 7, 1), 1150),
        ("violence-with-injury", "quarter", date(2024, 4, 1), 400),
        ("violence-with-injury", "quarter", date(2024, 7, 1), 390),
        ("robbery", "quarter", date(2024, 4, 1), 80),  # ".." is "not available": no figure
    ]
    # Loaded again with a corrected figure: replaced, not doubled.
    rows = _good(code)
    rows[0][4] = "1210"
    services.crime_import(user=admin, text=csv_text(rows))
    assert Figure.objects.filter(partnership=world.partnership).count() == 5
    assert (
        Figure.objects.get(
            partnership=world.partnership,
            indicator__code="violence-against-the-person",
            period_start=date(2024, 4, 1),
        ).value
        == 1210
    )


def test_a_bad_file_imports_nothing_and_names_every_problem_with_its_row(world):
    code = world.partnership.ons_code
    rows = [
        [code, "Leedsford", "2024/25", "Q1", "1200", "400", "80", "3000"],
        ["E22999999", "Nowhere", "2024/25", "Q1", "10", "5", "1", "20"],  # unknown CSP code
        [code, "Leedsford", "2024/25", "Q2", "12O0", "400", "80", "3000"],  # a letter O
        [code, "Leedsford", "2024/25", "Q1", "1200", "400", "80", "3000"],  # duplicate quarter
        [code, "Leedsford", "2024/26", "Q5", "1", "1", "1", "1"],  # no such year or quarter
    ]
    result = services.crime_check(user=world.users["admin"], text=csv_text(rows))
    assert not result.ok
    messages = [(p.row, p.field) for p in result.problems]
    assert messages == [
        (3, "CSP code"),
        (4, "Violence against the person"),
        (5, "Quarter"),
        (6, "Financial year"),
        (6, "Quarter"),
    ]
    assert "is also on row 2" in str(result.problems[2])
    with pytest.raises(ValidationError):
        services.crime_import(user=world.users["admin"], text=csv_text(rows))
    assert not Figure.objects.exists()


def test_the_upload_page_lists_the_problems_and_imports_nothing(world, client_for):
    code = world.partnership.ons_code
    rows = [
        ["E22999999", "Nowhere", "2024/25", "Q1", "10", "5", "1", "20"],
        [code, "Leedsford", "2024/25", "Q2", "12a0", "400", "80", "3000"],
        [code, "Leedsford", "2024/25", "Q2", "1200", "400", "80", "3000"],
    ]
    response = client_for("manager_this").post(
        reverse("outcomes:crime-upload"), {"file": csv_file(rows)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file has 3 problems, so nothing was imported" in html
    assert "Row 2" in html and "Row 3" in html and "Row 4" in html
    assert "“E22999999” is not the ONS code of a partnership" in html
    assert "“12a0” is not a whole number of offences" in html
    assert "is also on row 3" in html
    assert not Figure.objects.exists()


def test_a_manager_loads_only_their_own_rows(world, client_for):
    rows = _good(world.partnership.ons_code) + _good(world.other_partnership.ons_code)
    response = client_for("manager_this").post(
        reverse("outcomes:crime-upload"), {"file": csv_file(rows)}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "outcomes:partnership", kwargs={"code": world.partnership.ons_code}
    )
    assert "2 rows for other partnerships left out" in response.content.decode()
    assert set(Figure.objects.values_list("partnership_id", flat=True)) == {world.partnership.pk}


def test_a_file_with_no_rows_for_the_manager_imports_nothing(world):
    rows = _good(world.other_partnership.ons_code)
    result = services.crime_check(user=world.users["manager_this"], text=csv_text(rows))
    assert not result.ok
    assert "None of the rows" in str(result.problems[0])


def test_unknown_and_missing_columns_are_reported(world):
    text = csv_text([["x", "y"]], header=["CSP code", "Favourite colour"])
    problems = [str(p) for p in services.crime_check(user=world.users["admin"], text=text).problems]
    assert any("“Favourite colour”" in p for p in problems)
    assert any("missing columns: Financial year, Quarter" in p for p in problems)


def test_the_sample_file_is_in_the_shape_the_upload_reads(world, client_for):
    from partnerships.models import Partnership

    Partnership.objects.filter(pk=world.partnership.pk).update(ons_code="E22000345")
    Partnership.objects.filter(pk=world.other_partnership.pk).update(ons_code="E22000099")
    response = client_for("anonymous").get(reverse("outcomes:crime-sample"))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    result = services.crime_check(user=world.users["admin"], text=text)
    assert result.ok, result.problems
    assert len(result.rows) == 8
    population = client_for("anonymous").get(reverse("outcomes:population-sample"))
    result = services.population_check(
        user=world.users["admin"], text=population.content.decode("utf-8-sig")
    )
    assert result.ok, result.problems


def test_population_upload_all_or_nothing(world, client_for):
    code = world.partnership.ons_code
    header = ["CSP code", "Year", "Population"]
    good = [[code, "2023", "812,000"], [code, "2024", "815000"]]
    response = client_for("admin").post(
        reverse("outcomes:population-upload"), {"file": csv_file(good, header)}
    )
    assert response.status_code == 302
    assert list(
        Population.objects.filter(partnership=world.partnership).values_list("year", "population")
    ) == [(2023, 812000), (2024, 815000)]
    bad = [
        [code, "2025", "8l5000"],
        ["W14999999", "2025", "1000"],
        [code, "2025", "1"],
        [code, "25", "1"],
    ]
    result = services.population_check(user=world.users["admin"], text=csv_text(bad, header))
    assert [(p.row, p.field) for p in result.problems] == [
        (2, "Population"),
        (3, "CSP code"),
        (4, "Year"),
        (5, "Year"),
    ]


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02", b"CSP code\n", b'"unterminated\n', "é,ü\n".encode("utf-16")],
)
def test_odd_files_never_cause_a_server_error(world, client_for, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for name in ("outcomes:crime-upload", "outcomes:population-upload"):
        response = client_for("admin").post(
            reverse(name), {"file": SimpleUploadedFile("odd.csv", content)}
        )
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()


def test_financial_years_and_quarters():
    from outcomes import periods

    assert periods.parse_financial_year("2024/25") == 2024
    assert periods.parse_financial_year("2024-2025") == 2024
    assert periods.parse_financial_year("1999/00") == 1999
    assert periods.parse_financial_year("2024/26") is None
    assert periods.quarter_start(2024, 4) == date(2025, 1, 1)
    assert periods.financial_quarter_of(date(2025, 2, 10)) == (2024, 4)
    assert ons.parse_count("1,234") == 1234
    assert ons.parse_count("1,23") is None
    assert ons.parse_count("-5") is None
