"""The finder's results are built in Python (funding_rows.finder_results) and are the HTML the
template loop wrote, to the byte, for every kind of opportunity."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from funding.models import Opportunity, Watch
from funding.selectors import opportunity_search, with_theme_names
from funding.templatetags.funding_rows import finder_results
from tests.funding.factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

# The loop finder_content.html had before the results were built in Python, with the status
# tag and watch button as their includes wrote them then (they now call the same Python).
TEMPLATE_RESULTS = """{% load humanize %}{% for opportunity in opportunities %}
      <li class="portal-result govuk-!-margin-bottom-6">
        <h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="{{ opportunity.get_absolute_url }}">{{ opportunity.title }}</a></h3>
        <p class="govuk-body-s govuk-!-margin-bottom-1">{{ opportunity.funder.name }}{% if opportunity.programme %}: {{ opportunity.programme }}{% endif %}</p>
        <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2 portal-compact-list">
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Status</dt><dd class="govuk-summary-list__value">{% with status=opportunity.status %}{% if status == "open" %}<strong class="govuk-tag govuk-tag--green">Open</strong>{% elif status == "forthcoming" %}<strong class="govuk-tag govuk-tag--blue">Forthcoming</strong>{% else %}<strong class="govuk-tag govuk-tag--grey">Closed</strong>{% endif %}{% endwith %}
</dd></div>
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Closes</dt><dd class="govuk-summary-list__value">{{ opportunity.closes_at|govuk_datetime:"j F Y" }}</dd></div>
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Award</dt><dd class="govuk-summary-list__value">{% if opportunity.min_award is not None %}£{{ opportunity.min_award|intcomma }} to {% endif %}{% if opportunity.max_award is not None %}£{{ opportunity.max_award|intcomma }}{% else %}Not stated{% endif %}</dd></div>
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Themes</dt><dd class="govuk-summary-list__value">{% for theme in opportunity.themes.all %}{{ theme.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</dd></div>
        </dl>
        <form method="post" action="{% url 'funding:opportunity-watch' opportunity.pk %}" class="portal-inline-form">{% csrf_token %}
  <input type="hidden" name="next" value="{{ next_url }}">
  {% if opportunity.is_watched %}
  <input type="hidden" name="watch" value="0">
  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Stop watching<span class="govuk-visually-hidden"> {{ opportunity.title }}</span></button>
  {% else %}
  <input type="hidden" name="watch" value="1">
  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Watch<span class="govuk-visually-hidden"> {{ opportunity.title }}</span></button>
  {% endif %}
</form>

      </li>
      {% endfor %}"""


@pytest.fixture
def varied(world, clock):
    """Open, forthcoming and closed opportunities; watched or not; with and without a
    programme, awards and themes; with words that need escaping."""
    now = clock.current
    tricky = FunderFactory(name='Smith & Jones <Trust> "Fund"')
    made = [
        OpportunityFactory(
            title="<script>alert('x')</script> & fund",
            funder=tricky,
            programme="Round <2> & more",
            min_award=1_000,
            max_award=1_250_000,
            themes=["violence", "youth"],
        ),
        OpportunityFactory(title="O'Brien's fund", min_award=None, max_award=None, themes=[]),
        OpportunityFactory(
            title="Forthcoming fund",
            opens_at=now + timedelta(days=3),
            closes_at=now.replace(hour=12, minute=0) + timedelta(days=40),
            min_award=0,
            max_award=999,
        ),
        OpportunityFactory(
            title="Closed fund",
            opens_at=now - timedelta(days=60),
            closes_at=now.replace(hour=0, minute=0) - timedelta(days=2),
            min_award=5_000,
            max_award=None,
        ),
    ]
    Watch.objects.create(user=world.users["manager_this"], opportunity=made[0])
    Watch.objects.create(user=world.users["manager_this"], opportunity=made[3])
    return made


@pytest.mark.parametrize("query", ["", "status=open&status=forthcoming&status=closed", "q=fund"])
@pytest.mark.parametrize("token", ["a-token<&>", "NOTPROVIDED", ""])
def test_results_are_what_the_template_wrote(world, varied, query, token):
    _, queryset = opportunity_search(user=world.users["manager_this"], data=QueryDict(query))
    records = list(queryset)  # as the template loop read them, themes prefetched
    opportunities = with_theme_names(queryset.prefetch_related(None))
    assert opportunities
    assert [o.pk for o in opportunities] == [r.pk for r in records]
    values = {
        "opportunities": records,
        "csrf_token": token,
        "next_url": "/funding/?q=a&b=<c>",
    }
    expected = Template(TEMPLATE_RESULTS).render(Context(values))
    assert finder_results(Context(values), opportunities) == expected


def test_every_kind_of_result_was_compared(world, varied):
    """The comparison above covers every status, both watch buttons and escaped words."""
    query = QueryDict("status=open&status=forthcoming&status=closed")
    _, queryset = opportunity_search(user=world.users["manager_this"], data=query)
    opportunities = with_theme_names(queryset.prefetch_related(None))
    html = finder_results(Context({"csrf_token": "t", "next_url": "/funding/"}), opportunities)
    for words in (
        "Open</strong>",
        "Forthcoming</strong>",
        "Closed</strong>",
        "Stop watching",
        ">Watch<",
        "Not stated",
        "£1,000 to £1,250,000",
        "£0 to £999",
        "midday",
        "&lt;script&gt;",
        "Smith &amp; Jones &lt;Trust&gt; &quot;Fund&quot;: Round",
    ):
        assert words in html, words


def test_the_filtered_finder_worked_out_runs_eleven_queries(world, varied, client_for, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for("manager_this")
    path = "/funding/?q=fund&theme=youth&closing_within=90&sort=closing"
    client.get(path)  # the filter panel's HTML is kept apart
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    # Sign-in (session, user, roles), when opportunities last opened or closed, the chosen
    # theme, the filter panel's four lists of choices, the page with the count (one query:
    # core.pagination.CountedPaginator) and its themes.
    assert len(queries) == 11, "\n".join(q["sql"][:150] for q in queries.captured_queries)


def test_laying_out_the_filter_panel_reads_its_choices_no_more(world, varied, client_for, settings):
    """With the filter panel not kept either, its four lists of choices are read once each
    (for its digest), not again to lay it out: the same eleven queries as above."""
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for("manager_this")
    path = "/funding/?q=fund&theme=youth&closing_within=90&sort=closing"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    choices = [q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"]]
    assert len(queries) == 11, "\n".join(q["sql"][:150] for q in queries.captured_queries)
    assert not any("CURSOR" in sql for sql in choices)


def test_a_pages_theme_names_are_one_query(world, varied, django_assert_num_queries):
    opportunities = list(Opportunity.objects.order_by("pk"))
    with django_assert_num_queries(1):
        named = with_theme_names(opportunities)
    assert [o.theme_names for o in named][:2] == [["Violence", "Youth"], []]
