"""The finder's filters, sorting, paging and CSV export; bad input; query counts; scale."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from funding.models import ApplicantType, Opportunity, Theme

from .factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db
FINDER = "/funding/"


def titles(response):
    return [o.title for o in response.context["opportunities"]]


def test_each_filter_narrows_the_results_in_the_database(world, client_for):
    now = clock.now()
    home_office = FunderFactory(name="Home Office")
    a = OpportunityFactory(
        title="Safer Streets",
        themes=["anti-social-behaviour"],
        funder=home_office,
        max_award=500_000,
        ring_fenced=True,
        closes_at=now + timedelta(days=5),
        period_start=None,
    )
    b = OpportunityFactory(
        title="Youth diversion",
        themes=["youth"],
        max_award=8_000,
        match_funding_required=True,
        is_national=False,
        closes_at=now + timedelta(days=60),
    )
    b.regions.set([world.region_in])
    c = OpportunityFactory(
        title="Bolton night-time economy",
        themes=["night-time-economy"],
        max_award=20_000,
        is_national=False,
        closes_at=now + timedelta(days=20),
    )
    c.partnerships.set([world.other_partnership])
    Opportunity.objects.filter(pk=a.pk).update(period_months=24)
    Opportunity.objects.filter(pk=b.pk).update(period_months=6)
    a.applicant_types.set(ApplicantType.objects.filter(slug="pcc"))
    b.applicant_types.set(ApplicantType.objects.filter(slug="csp"))
    OpportunityFactory(
        title="Long gone", closes_at=now - timedelta(days=3), opens_at=now - timedelta(days=40)
    )
    client = client_for("manager_this")

    def found(query):
        response = client.get(FINDER + "?" + query)
        assert response.status_code == 200
        assert not response.context["form"].errors, response.context["form"].errors
        return sorted(titles(response))

    assert found("") == ["Bolton night-time economy", "Safer Streets", "Youth diversion"]
    assert found("q=streets") == ["Safer Streets"]
    assert found("q=home+office") == ["Safer Streets"]
    assert found("theme=youth&theme=night-time-economy") == [
        "Bolton night-time economy",
        "Youth diversion",
    ]
    assert found("applicant=csp") == ["Youth diversion"]
    assert found(f"location={world.region_in.code}") == ["Safer Streets", "Youth diversion"]
    assert found(f"location={world.region_out.code}") == [
        "Bolton night-time economy",
        "Safer Streets",
    ]
    assert found("amount=0-9999") == ["Youth diversion"]
    assert found("amount=10000-24999&amount=250000-") == [
        "Bolton night-time economy",
        "Safer Streets",
    ]
    assert found("closing_within=21") == ["Bolton night-time economy", "Safer Streets"]
    assert found(f"funder={home_office.pk}") == ["Safer Streets"]
    assert found("min_months=12") == ["Safer Streets"]
    assert found("ring_fenced=yes") == ["Safer Streets"]
    assert found("ring_fenced=no&match_funding=yes") == ["Youth diversion"]
    # Leedsford is in region_in: national ones and region_in's, not Bolton's.
    assert found("eligible=on") == ["Safer Streets", "Youth diversion"]
    assert found("status=closed") == ["Long gone"]
    assert titles(client.get(FINDER + "?sort=closing")) == [
        "Safer Streets",
        "Bolton night-time economy",
        "Youth diversion",
    ]
    assert titles(client.get(FINDER + "?sort=largest"))[0] == "Safer Streets"


def test_eligible_is_offered_only_to_people_in_a_partnership(world, client_for):
    assert "eligible" in client_for("manager_this").get(FINDER).context["form"].fields
    assert "eligible" in client_for("staff_this").get(FINDER).context["form"].fields
    assert "eligible" not in client_for("reviewer_in").get(FINDER).context["form"].fields


@pytest.mark.parametrize(
    "query",
    [
        "closing_within=abc",
        "closing_within=0",
        "closing_within=99999999999999999999",
        "min_months=-1",
        "theme=no-such-theme",
        "sort=sideways",
        "location=E99",
        "funder=abc",
        "amount=lots",
        "status=maybe",
        "ring_fenced=perhaps",
        "page=abc",
        "page=99999",
        "q=" + "x" * 5000,
        "eligible=%00",
        "funder=99999999999999999999999",
    ],
)
def test_bad_finder_input_shows_an_error_not_a_failure(world, client_for, query):
    OpportunityFactory()
    response = client_for("manager_this").get(FINDER + "?" + query)
    assert response.status_code == 200
    if not query.startswith(("page=", "q=", "eligible=")):
        assert b"govuk-error-summary" in response.content
        assert response.content.decode().count("Error:") >= 1
    export = client_for("manager_this").get(reverse("funding:finder-export") + "?" + query)
    assert export.status_code == 200


def test_paging_keeps_the_filters(world, client_for):
    for n in range(25):
        OpportunityFactory(title=f"Youth fund {n:02d}", themes=["youth"])
    response = client_for("manager_this").get(FINDER + "?theme=youth&page=2")
    assert len(titles(response)) == 5
    assert "theme=youth&amp;page=1" in response.content.decode()


def test_csv_export_has_every_matching_row_and_is_spreadsheet_safe(world, client_for):
    OpportunityFactory(title='=HYPERLINK("http://evil")', themes=["youth"])
    for n in range(30):
        OpportunityFactory(title=f"Youth fund {n}", themes=["youth"])
    OpportunityFactory(title="Not youth", themes=["drugs-alcohol"])
    response = client_for("staff_this").get(reverse("funding:finder-export") + "?theme=youth")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Title"
    assert len(rows) == 1 + 31
    assert '\'=HYPERLINK("http://evil")' in [r[0] for r in rows]


def _many(count, **kwargs):
    for n in range(count):
        OpportunityFactory(title=f"Opportunity {n}", themes=["violence", "youth"], **kwargs)


@pytest.mark.parametrize("count", [1, 50])
def test_finder_runs_the_same_queries_for_1_and_50_results(
    world, client_for, count, django_assert_max_num_queries
):
    _many(count)
    client = client_for("manager_this")
    # Session, user, roles, the filter panel's choices, the page with its count, its themes.
    with django_assert_max_num_queries(20):
        response = client.get(FINDER + "?theme=violence&eligible=on&sort=newest")
    assert response.context["page_obj"].paginator.count == count


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [FINDER + "?theme=youth", "/funding/timetable/", "/funding/watching/", "/funding/export.csv"],
)
def test_list_pages_are_constant_in_queries(world, client_for, url):
    from funding.models import Watch

    client = client_for("manager_this")
    _many(1)
    for o in Opportunity.objects.all():
        Watch.objects.get_or_create(user=world.users["manager_this"], opportunity=o)
    one = _queries(client, url)
    _many(49)
    for o in Opportunity.objects.all():
        Watch.objects.get_or_create(user=world.users["manager_this"], opportunity=o)
    assert _queries(client, url) == one


def test_with_20000_opportunities_the_finder_filters_and_pages_in_the_database(world, client_for):
    now = clock.now()
    funder = FunderFactory()
    youth = Theme.objects.get(slug="youth")
    Opportunity.objects.bulk_create(
        [
            Opportunity(
                funder=funder,
                title=f"Bulk {n}",
                description="d",
                is_national=n % 3 == 0,
                opens_at=now - timedelta(days=10),
                closes_at=now + timedelta(hours=n),
                published_at=now - timedelta(days=10),
                max_award=1_000 * (n % 300),
            )
            for n in range(20_000)
        ],
        batch_size=2000,
    )
    through = Opportunity.themes.through
    ids = list(Opportunity.objects.values_list("id", flat=True)[::4])
    through.objects.bulk_create(
        [through(opportunity_id=i, theme=youth) for i in ids], batch_size=2000
    )
    client = client_for("manager_this")
    url = FINDER + "?theme=youth&amount=25000-99999&closing_within=300&eligible=on"
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= 20
    page_sql = [
        q["sql"]
        for q in ctx.captured_queries
        if "funding_opportunity" in q["sql"] and "LIMIT 20" in q["sql"]
    ]
    assert page_sql, "the page of results is not cut by the database"
    assert "funding_opportunity_themes" in page_sql[0]  # the theme filter is in SQL
    assert response.context["page_obj"].paginator.count > 20
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE funding_opportunity")
        plan = (
            Opportunity.objects.filter(closes_at__gt=now, closes_at__lte=now + timedelta(days=3))
            .order_by("closes_at", "id")[:20]
            .explain()
        )
        assert "opportunity_closes" in plan, plan
