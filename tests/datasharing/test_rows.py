"""The data-sharing rows written in Python (ISTV charts, the delivery log, the coverage matrix)
show exactly what the template loops they replace showed, and the ISTV analysis counted in one
scan equals one aggregate query per breakdown."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from datasharing import selectors, services
from datasharing.models import (
    IstvAssault,
    IstvLocationType,
    IstvMethod,
    IstvReturn,
    PrescribedDataset,
)
from datasharing.selectors import Bar

from .helpers import make_agreement, member_agency

pytestmark = pytest.mark.django_db

# The loops the templates had before their rows were written in Python.
OLD_CHART = """{% for bar in bars %}
      <li class="ds-chart__row"><span class="ds-chart__label">{{ bar.label }}</span><span class="ds-chart__track"><span class="ds-chart__bar ds-chart__bar--{{ bar.percent }}"></span></span><span class="ds-chart__value">{{ bar.count }}</span></li>
      {% endfor %}|{% for bar in bars %}
      <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{{ bar.label }}</th><td class="govuk-table__cell govuk-table__cell--numeric">{{ bar.count }}</td></tr>
      {% endfor %}"""
NEW_CHART = "{% load datasharing_rows %}{% chart_rows bars %}|{% chart_table_rows bars %}"

OLD_HEAT = """{% for hour in hours %}<th scope="col">{{ hour|stringformat:"02d" }}</th>{% endfor %}|{% for day in results.heat %}
  <tr><th scope="row">{{ day.day }}</th>{% for cell in day.cells %}<td class="ds-heat-{{ cell.level }}">{{ cell.count }}</td>{% endfor %}<td><strong>{{ day.total }}</strong></td></tr>
  {% endfor %}"""
NEW_HEAT = "{% load datasharing_rows %}{% heat_hours %}|{% heat_rows results.heat %}"

OLD_QUALITY = """{% for return in returns %}
  <tr class="govuk-table__row">
    <th scope="row" class="govuk-table__header">{{ return.period_start|date:"j M Y" }} to {{ return.period_end|date:"j M Y" }}</th>
    <td class="govuk-table__cell govuk-table__cell--numeric">{{ return.row_count }}</td>
    {% for label, count, percent in return.completeness %}<td class="govuk-table__cell govuk-table__cell--numeric">{{ percent }}%<span class="govuk-visually-hidden"> ({{ count }} of {{ return.row_count }})</span></td>{% endfor %}
  </tr>
  {% endfor %}"""
NEW_QUALITY = "{% load datasharing_rows %}{% quality_rows returns %}"


# The old lateness_tag.html and status_tag.html are written in, as they were included.
OLD_DELIVERIES = """  {% for delivery in deliveries %}
  <tr class="govuk-table__row">
    <td class="govuk-table__cell">{{ delivery.dataset.name }}{% if delivery.note %}<br><span class="govuk-body-s">{{ delivery.note }}</span>{% endif %}</td>
    <td class="govuk-table__cell">{{ delivery.agency.name }}<br><span class="govuk-body-s">to {{ delivery.partnership.name }}{% if delivery.agreement %}, under <a class="govuk-link" href="{{ delivery.agreement.get_absolute_url }}">{{ delivery.agreement.reference }}</a>{% endif %}</span></td>
    <td class="govuk-table__cell">{{ delivery.period_start|date:"j M Y" }} to {{ delivery.period_end|date:"j M Y" }}</td>
    <td class="govuk-table__cell">{{ delivery.received_on|date:"j M Y" }}</td>
    <td class="govuk-table__cell govuk-table__cell--numeric">{{ delivery.record_count }}</td>
    <td class="govuk-table__cell">{% with late=delivery.lateness %}{% if late %}<strong class="govuk-tag {% if late.on_time %}govuk-tag--green{% else %}govuk-tag--red{% endif %}">{{ late.label }}</strong><br><span class="govuk-body-s">data for {{ late.period.label }}, due by {{ late.due|date:"j M Y" }}</span>{% else %}<strong class="govuk-tag govuk-tag--grey">No schedule</strong>{% endif %}
{% endwith %}</td>
  </tr>
  {% empty %}
  <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="6">No deliveries recorded yet.</td></tr>
  {% endfor %}"""
NEW_DELIVERIES = "{% load datasharing_rows %}  {% delivery_rows deliveries %}"

OLD_COVERAGE = """  {% for row in rows %}
  <tr class="govuk-table__row{% if row.is_gap %} ds-gap-row{% endif %}{% if row.dataset.is_health %} ds-health-row{% endif %}">
    <th scope="row" class="govuk-table__header">{{ row.dataset.name }}{% if row.dataset.is_health %} <strong class="govuk-tag govuk-tag--purple">Health</strong>{% endif %}</th>
    <td class="govuk-table__cell">{{ row.agency.name }}<br><a class="govuk-link govuk-body-s" href="{% url 'datasharing:stream-detail' code=partnership.ons_code agency=row.agency.pk dataset=row.dataset.code %}">What this data achieved<span class="govuk-visually-hidden">: {{ row.dataset.name }} from {{ row.agency.name }}</span></a></td>
    <td class="govuk-table__cell">{% if row.agreement %}<a class="govuk-link" href="{{ row.agreement.get_absolute_url }}">{{ row.agreement.reference }}</a><br>{% with agreement=row.agreement %}<strong class="govuk-tag {{ agreement.status_tag_class }}">{{ agreement.get_status_display }}</strong>
{% endwith %}{% else %}<strong class="govuk-tag govuk-tag--red">No agreement</strong>{% endif %}</td>
    <td class="govuk-table__cell">{% if row.last_delivery %}{{ row.last_delivery.period_start|date:"j M Y" }} to {{ row.last_delivery.period_end|date:"j M Y" }}<br><span class="govuk-body-s">received {{ row.last_delivery.received_on|date:"j M Y" }}</span>{% else %}None{% endif %}</td>
    <td class="govuk-table__cell"><strong class="govuk-tag {{ row.tag_class }}">{{ row.status_label }}</strong><br><span class="govuk-body-s">{{ row.detail }}</span></td>
  </tr>
  {% empty %}
  <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="5">No member agency of this partnership holds a prescribed dataset.</td></tr>
  {% endfor %}"""
NEW_COVERAGE = "{% load datasharing_rows %}  {% coverage_rows rows partnership %}"


OLD_REGISTER = """  {% for agreement in agreements %}
  <tr class="govuk-table__row">
    <td class="govuk-table__cell"><a class="govuk-link" href="{{ agreement.address }}">{{ agreement.title }}</a><br><span class="govuk-body-s">{{ agreement.reference }}</span></td>
    <td class="govuk-table__cell">{{ agreement.partnership.name }}</td>
    <td class="govuk-table__cell">{{ agreement.party_names|join:"<br>" }}</td>
    <td class="govuk-table__cell"><strong class="govuk-tag {{ agreement.status_tag_class }}">{{ agreement.get_status_display }}</strong></td>
    <td class="govuk-table__cell">{{ agreement.review_date|date:"j M Y"|default:"Not set" }}</td>
  </tr>
  {% empty %}
  <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="5">No agreements match.</td></tr>
  {% endfor %}"""
NEW_REGISTER = "{% load datasharing_rows %}  {% register_rows agreements %}"


def render(source, **context):
    return Template(source).render(Context(context))


def test_chart_rows_are_the_templates():
    bars = selectors._bars(
        [
            ("<script>alert('x')</script> & \"quotes\"", 1234),
            ("O'Brien's bar", 617),
            ("September 2025", 0),
            ("", 1),
        ]
    )
    assert render(NEW_CHART, bars=bars) == render(OLD_CHART, bars=bars)
    assert render(NEW_CHART, bars=[]) == render(OLD_CHART, bars=[]) == "|"
    assert render(NEW_CHART, bars=[Bar(label=7, count=1, percent=100)]) == render(
        OLD_CHART, bars=[Bar(label=7, count=1, percent=100)]
    )


def test_heat_rows_are_the_templates():
    grid = [(i % 7 + 1, i % 24, n) for i, n in enumerate([0, 3, 12000, 7, 1, 55] * 30)]
    results = selectors._istv_results(0, [], [], [], [], grid)
    old = render(OLD_HEAT, results=results, hours=range(24))
    assert render(NEW_HEAT, results=results) == old
    assert "12000" in old and "ds-heat-5" in old and "ds-heat-0" in old
    empty = selectors._istv_results(0, [], [], [], [], [])
    assert render(NEW_HEAT, results=empty) == render(OLD_HEAT, results=empty, hours=range(24))


def test_quality_rows_are_the_templates():
    returns = [
        IstvReturn(
            period_start=date(2025, 9, 1),
            period_end=date(2025, 9, 30),
            row_count=1234,
            location_not_known=5,
            method_not_known=0,
            time_not_known=1234,
        ),
        IstvReturn(period_start=date(2024, 12, 1), period_end=date(2025, 1, 31), row_count=0),
    ]
    assert render(NEW_QUALITY, returns=returns) == render(OLD_QUALITY, returns=returns)
    assert render(NEW_QUALITY, returns=[]) == ""


@pytest.fixture
def streams(world, clock):
    """An agreement in force with deliveries on time, late, noted and outside any agreement,
    and a health commissioner with no agreement, named with characters to escape."""
    clock.current = timezone.make_aware(datetime(2026, 2, 10, 12))
    member_agency(world.partnership, type_slug="health-commissioner", name="O'Neill & <Co> ICB")
    agreement = make_agreement(world, status="active", start=date(2025, 1, 1))
    dataset = PrescribedDataset.objects.get(code="police-recorded-crime")
    other = PrescribedDataset.objects.get(code="fire-deliberate-primary")
    for n, (end, received, note, record) in enumerate(
        [
            (date(2025, 3, 31), date(2025, 4, 20), "", dataset),
            (date(2025, 6, 30), date(2025, 11, 1), 'Sent <late> & "resent"', dataset),
            (date(2025, 9, 30), date(2025, 12, 31), "", other),
        ]
    ):
        services.delivery_record(
            user=world.users["staff_this"],
            partnership=world.partnership,
            agency=world.agency,
            dataset=record,
            period_start=end.replace(day=1),
            period_end=end,
            received_on=received,
            record_count=10**n,
            note=note,
        )
    return agreement


def test_delivery_rows_are_the_templates(world, streams):
    deliveries = list(selectors.delivery_list(user=world.users["manager_this"]))
    for delivery in deliveries:
        delivery.lateness = selectors.delivery_lateness(delivery)
    assert {bool(d.agreement) for d in deliveries} == {True, False}
    assert {bool(d.lateness) for d in deliveries} == {True}
    old = render(OLD_DELIVERIES, deliveries=deliveries)
    assert render(NEW_DELIVERIES, deliveries=deliveries) == old
    assert "days late" in old and "On time" in old and "&lt;late&gt;" in old
    assert render(NEW_DELIVERIES, deliveries=[]) == render(OLD_DELIVERIES, deliveries=[])
    for delivery in deliveries:
        delivery.lateness = None
    assert render(NEW_DELIVERIES, deliveries=deliveries) == render(
        OLD_DELIVERIES, deliveries=deliveries
    )


def test_coverage_rows_are_the_templates(world, streams):
    rows = selectors.coverage_rows(partnership=world.partnership, today=date(2026, 2, 10))
    assert {bool(r.agreement) for r in rows} == {True, False}
    assert {r.dataset.is_health for r in rows} == {True, False}
    assert any(r.last_delivery for r in rows)
    context = {"rows": rows, "partnership": world.partnership}
    old = render(OLD_COVERAGE, **context)
    assert render(NEW_COVERAGE, **context) == old
    assert "O&#x27;Neill &amp; &lt;Co&gt; ICB" in old
    empty = {"rows": [], "partnership": world.partnership}
    assert render(NEW_COVERAGE, **empty) == render(OLD_COVERAGE, **empty)


@pytest.fixture
def assaults(world):
    """Two departments' assaults over a year and a half, across the clock changes, with tied
    counts, blank and repeated places, and two codes sharing a label."""
    sites = [
        member_agency(world.partnership, type_slug="emergency-department", name=f"ED {n}")
        for n in (1, 2)
    ]
    methods = list(IstvMethod.objects.all())
    types = list(IstvLocationType.objects.all())
    types[1].label = types[0].label  # counted as one, as the label is what is shown
    types[1].save()
    pick = random.Random(19)
    start = timezone.make_aware(datetime(2024, 10, 1))
    rows = []
    for site in sites:
        istv_return = IstvReturn.objects.create(
            agency=site, site_code="X", period_start=date(2024, 10, 1), period_end=date(2026, 3, 31)
        )
        rows += [
            IstvAssault(
                istv_return=istv_return,
                agency=site,
                row_number=n,
                assault_datetime=start + timedelta(minutes=pick.randrange(0, 760_000)),
                method=pick.choice(methods),
                location_type=pick.choice(types),
                location_description=pick.choice(["", "", "Briggate", "Call Lane", "Ä street"])
                + pick.choice(["", " 1", " 2", " 3", " 4", " 5"]),
            )
            for n in range(400)
        ]
    IstvAssault.objects.bulk_create(rows)
    # 23:30 UTC on 31 March 2025 is 00:30 on 1 April in London: another day and month.
    IstvAssault.objects.create(
        istv_return=istv_return,
        agency=site,
        row_number=999,
        assault_datetime=datetime(2025, 3, 31, 23, 30, tzinfo=UTC),
        method=methods[0],
        location_type=types[0],
    )
    return [site.pk for site in sites]


FILTERS = [
    (None, None),
    (date(2025, 1, 1), None),
    (None, date(2025, 3, 31)),
    (date(2025, 3, 31), date(2025, 4, 1)),
    (date(2030, 1, 1), None),
]


@pytest.mark.parametrize(("date_from", "date_to"), FILTERS)
def test_the_one_scan_counts_what_a_query_per_breakdown_counts(
    assaults, date_from, date_to, django_assert_num_queries
):
    start = (
        timezone.make_aware(datetime.combine(date_from, datetime.min.time())) if date_from else None
    )
    end = timezone.make_aware(datetime.combine(date_to, datetime.max.time())) if date_to else None
    for site_ids in (assaults, assaults[:1], []):
        with django_assert_num_queries(1):
            found = selectors._istv_counts_in_one_scan(site_ids, start, end)
        expected = selectors._istv_counts_by_query(site_ids, start, end)
        assert selectors._istv_results(*found) == selectors._istv_results(*expected)
    results = selectors.istv_analysis(site_ids=assaults, date_from=date_from, date_to=date_to)
    if date_from is None and date_to is None:
        assert results["total"] == 801 and len(results["top_places"]) == 10


def test_the_analysis_page_reads_its_counts_in_one_query(
    client_for, world, assaults, django_assert_num_queries
):
    client = client_for("manager_this")
    page = reverse("datasharing:istv-analysis", kwargs={"code": world.partnership.ons_code})
    client.get(page)
    with django_assert_num_queries(ANALYSIS_PAGE_QUERIES):
        response = client.get(page + "?date_from=01/01/2025")
    assert response.status_code == 200


ANALYSIS_PAGE_QUERIES = 6


def test_register_rows_are_the_templates(world, streams, client_for):
    from datasharing.views.agreements import AgreementListView

    make_agreement(world, title="<b>Bold</b> & O'Brien's data", values={"review_date": None})
    view = AgreementListView()
    agreements = list(selectors.agreement_register(user=world.users["manager_this"]))
    view.prepare_rows(agreements)
    assert len(agreements) == 2 and {a.review_date is None for a in agreements} == {True, False}
    old = render(OLD_REGISTER, agreements=agreements)
    assert render(NEW_REGISTER, agreements=agreements) == old
    assert "Not set" in old and "&lt;b&gt;Bold" in old and "<br>" in old
    assert render(NEW_REGISTER, agreements=[]) == render(OLD_REGISTER, agreements=[])


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("coverage", "manager_this"),
        ("delivery-list", "staff_this"),
        ("agreement-list", "staff_this"),
    ],
)
def test_the_tables_pages_queries_are_pinned(
    world, streams, client_for, django_assert_num_queries, settings, name, reader
):
    """Nothing kept: the coverage matrix, the delivery log and the register, worked out."""
    settings.PAGE_CACHE_SECONDS = 0
    kwargs = {"code": world.partnership.ons_code} if name == "coverage" else {}
    client = client_for(reader)
    page = reverse(f"datasharing:{name}", kwargs=kwargs)
    client.get(page)
    with django_assert_num_queries(TABLE_PAGE_QUERIES[name]):
        assert client.get(page).status_code == 200


TABLE_PAGE_QUERIES = {"coverage": 12, "delivery-list": 8, "agreement-list": 11}
