"""The timetable's rows are built in Python and its months read in two queries; both show
exactly what the template loop and a plain reading of the opportunities show."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.filters import FinderFilterSet
from funding.models import Opportunity
from funding.selectors import TIMETABLE_MONTH_LIMIT, opportunity_base, timetable
from funding.templatetags.funding_rows import timetable_rows
from tests.funding.factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

UTC = timezone.get_fixed_timezone(0)

# The loop timetable_content.html had before the rows were built in Python.
TEMPLATE_ROWS = """{% for event in events %}
      <tr class="govuk-table__row">
        <td class="govuk-table__cell">{{ event.label }}</td>
        <td class="govuk-table__cell">{% if event.kind == "opens" %}<strong class="govuk-tag govuk-tag--blue">Opens</strong>{% else %}<strong class="govuk-tag govuk-tag--red">Closes</strong>{% endif %}</td>
        <td class="govuk-table__cell"><a class="govuk-link" href="{{ event.opportunity.url }}">{{ event.opportunity.title }}</a><br><span class="govuk-body-s">{{ event.opportunity.funder_name }}</span></td>
      </tr>
      {% endfor %}"""

FILTERS = ["", "theme=youth", "status=closed&status=open", "q=fund", "closing_within=40"]


@pytest.fixture
def varied(world, clock):
    """Opportunities at awkward times, with awkward words, in busy and quiet months."""
    clock.current = timezone.make_aware(datetime(2026, 11, 2, 9))
    tricky = FunderFactory(name='Smith & Jones <Trust> "Fund"')
    plain = FunderFactory(name="Home Office")
    made = []

    def make(title, opens, closes, funder=plain, themes=("violence",)):
        made.append(
            OpportunityFactory(
                title=title, funder=funder, opens_at=opens, closes_at=closes, themes=list(themes)
            )
        )

    make(
        "<script>alert('x')</script> & fund",
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, 12, tzinfo=UTC),
        tricky,
    )  # midnight and midday
    make(
        "O'Brien's fund",
        datetime(2026, 11, 10, 9, 30, tzinfo=UTC),
        datetime(2026, 11, 30, 23, 18, tzinfo=UTC),
        themes=("youth",),
    )
    # Across the change to summer time: 23:30 UTC on 31 March is 00:30 on 1 April.
    make(
        "Spring fund",
        datetime(2027, 3, 31, 23, 30, tzinfo=UTC),
        datetime(2027, 3, 28, 1, 0, tzinfo=UTC) + timedelta(days=60),
    )
    make(
        "Opened before today",
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2026, 11, 20, 17, tzinfo=UTC),
    )
    make("Closed already", datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 10, 1, tzinfo=UTC))
    make("Beyond the year", datetime(2027, 12, 2, tzinfo=UTC), datetime(2028, 1, 5, tzinfo=UTC))
    # A busy January: more closings than a month shows, several at the same moment.
    for n in range(TIMETABLE_MONTH_LIMIT + 6):
        make(
            f"Busy fund {n:02d}",
            datetime(2026, 10, 20, tzinfo=UTC),
            datetime(2027, 1, 10 + n // 4, 12, 0, tzinfo=UTC),
            tricky if n % 3 else plain,
            ("youth",) if n % 2 else ("violence",),
        )
    return made


def months_from_python(user, query, now, month="", whole=False):
    """Each month's (key, events as (kind, pk, local time), total), from every filtered
    opportunity read as a model and sorted in Python."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate(now)
    start = datetime(today.year, today.month, today.day, tzinfo=tz)
    firsts = [
        date(today.year + (today.month + n - 1) // 12, (today.month + n - 1) % 12 + 1, 1)
        for n in range(13)
    ]
    data = QueryDict(query)
    filterset = FinderFilterSet(
        data or None, queryset=opportunity_base(user=user), user=user, now=now
    )
    opportunities = filterset.qs if data else Opportunity.objects.filter(closes_at__gt=now)
    chosen = [f"{first:%Y-%m}" for first in firsts[:12]]
    months = []
    for first, after in zip(firsts, firsts[1:], strict=False):
        key = f"{first:%Y-%m}"
        if month in chosen and key != month:
            continue
        low = max(start, datetime(first.year, first.month, 1, tzinfo=tz))
        high = datetime(after.year, after.month, 1, tzinfo=tz)
        events = sorted(
            (
                (moment.astimezone(tz), opportunity.pk, kind)
                for opportunity in opportunities
                for kind, moment in (
                    ("opens", opportunity.opens_at),
                    ("closes", opportunity.closes_at),
                )
                if low <= moment < high
            ),
        )
        shown = events if whole or month in chosen else events[:TIMETABLE_MONTH_LIMIT]
        months.append((key, [(kind, pk, when) for when, pk, kind in shown], len(events)))
    return months


@pytest.mark.parametrize("query", FILTERS)
@pytest.mark.parametrize(
    "shown", [{}, {"month": "2027-01"}, {"month": "2027-04"}, {"whole": True}], ids=str
)
def test_the_months_are_what_the_opportunities_say(world, varied, clock, query, shown):
    """A page of each month, one month in full, and the whole year (the CSV)."""
    user = world.users["manager_this"]
    _, months = timetable(user=user, data=QueryDict(query), **shown)
    found = [
        (m.key, [(e.kind, e.opportunity.pk, e.when) for e in m.events], m.total) for m in months
    ]
    assert found == months_from_python(user, query, clock.current, **shown)


@pytest.mark.parametrize("query", FILTERS)
def test_rows_are_what_the_template_wrote(world, varied, query):
    _, months = timetable(user=world.users["manager_this"], data=QueryDict(query))
    template = Template(TEMPLATE_ROWS)
    shown = [m for m in months if m.events]
    assert shown
    for month in shown:
        expected = template.render(Context({"events": month.events}))
        assert timetable_rows(month.events) == expected
    everything = "".join(timetable_rows(m.events) for m in shown)
    if not query:
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; fund" in everything
        assert "Smith &amp; Jones &lt;Trust&gt; &quot;Fund&quot;" in everything
        assert "Thu 1 Apr, 12:30am" in everything and "Fri 1 Jan, midday" in everything


def test_the_page_shows_the_rows(world, varied, client_for):
    html = client_for("manager_this").get("/funding/timetable/").content.decode()
    _, months = timetable(user=world.users["manager_this"], data=QueryDict(""))
    for month in months:
        if month.events:
            assert timetable_rows(month.events) in html


def test_the_timetable_worked_out_runs_eleven_queries(world, varied, client_for, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for("manager_this")
    client.get("/funding/timetable/?theme=youth")  # the filter panel's HTML is kept apart
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/funding/timetable/?theme=youth").status_code == 200
    # Sign-in (session, user, roles), when opportunities last opened or closed, the chosen
    # theme, the filter panel's four lists of choices, and the months: their counts and their
    # events in two queries (there were four: counts and events for each kind).
    assert len(queries) == 11, "\n".join(q["sql"][:150] for q in queries.captured_queries)
