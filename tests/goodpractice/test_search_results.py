"""The search page's results are built in Python (gp_results.search_results) and are the HTML
the template loop wrote, to the byte, for every kind of entry."""

from datetime import date

import pytest
from django.http import QueryDict
from django.template import Context, Template

from goodpractice import selectors
from goodpractice.models import Adoption, Entry
from goodpractice.templatetags.gp_results import search_results

from .factories import published

pytestmark = pytest.mark.django_db

# The loop search_body.html had before the results were built in Python.
TEMPLATE_RESULTS = """{% load humanize %}{% for entry in entries %}
      <li class="gp-result govuk-!-margin-bottom-6">
        <h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="{{ entry.get_absolute_url }}">{{ entry.title }}</a></h3>
        <p class="govuk-body-s govuk-!-margin-bottom-1">{{ entry.partnership.name }}, {{ entry.partnership.region.name }} · {% include "goodpractice/includes/outcome_tag.html" %}</p>
        {% if entry.reasons %}<p class="govuk-body-s gp-reason govuk-!-margin-bottom-1"><span class="govuk-visually-hidden">Why it ranks here: </span>{{ entry.reasons|join:". " }}</p>{% endif %}
        <p class="govuk-body govuk-!-margin-bottom-1">{{ entry.summary|truncatewords:50 }}</p>
        <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2 gp-compact-list">
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Evidence</dt><dd class="govuk-summary-list__value">{{ entry.evidence_label }}</dd></div>
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">First-year cost</dt><dd class="govuk-summary-list__value">{% if entry.first_year_cost is not None %}£{{ entry.first_year_cost|intcomma }}{% else %}Not stated{% endif %}</dd></div>
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Themes</dt><dd class="govuk-summary-list__value">{% for theme in entry.themes.all %}{{ theme.name }}{% if not forloop.last %}, {% endif %}{% empty %}None{% endfor %}</dd></div>
          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Tried elsewhere</dt><dd class="govuk-summary-list__value">{% if entry.adoption_count %}{{ entry.adoption_count }} partnership{{ entry.adoption_count|pluralize }}{% else %}Not yet{% endif %}</dd></div>
        </dl>
      </li>
      {% endfor %}"""

LONG_SUMMARY = " ".join(f"word{n}" for n in range(60)) + " <b>&</b>"


@pytest.fixture
def varied(world):
    """Entries with every outcome, with and without a Maryland level, a cost, themes and
    adoptions (none, one, several), short and long summaries, words that need escaping, from
    the searcher's own partnership and from elsewhere."""
    own, other = world.partnership, world.other_partnership
    made = [
        published(
            partnership=own,
            title="<script>alert('x')</script> & lights",
            summary='Smith & Jones "said" <no>',
            theme_slugs=["night-time-economy", "youth"],
        ),
        published(
            partnership=other,
            title="O'Brien's lights",
            summary=LONG_SUMMARY,
            outcome="did_not_work",
            maryland_level=None,
            evaluation="none",
        ),
        published(partnership=other, title="Promising lights", outcome="promising"),
        published(partnership=own, title="New lights", outcome="new", setup_cost=1_234_567),
        published(partnership=other, title="Unsaid lights"),
    ]
    Entry.objects.filter(pk=made[4].pk).update(outcome="")
    Entry.objects.filter(pk=made[1].pk).update(first_year_cost=None)
    Entry.themes.through.objects.filter(entry_id=made[2].pk).delete()
    for entry, partnerships in ((made[0], [other]), (made[2], [own, other])):
        for partnership in partnerships:
            Adoption.objects.create(
                entry=entry,
                partnership=partnership,
                started_on=date(2025, 1, 1),
                result="worked",
                explanation="It did.",
            )
    return made


def page_of(user, query: str, *, as_before=False):
    """A page of results as the search page reads and explains them; as_before: with their
    themes prefetched as records, as the template loop read them."""
    filterset, queryset = selectors.entry_search(
        user=user, query=QueryDict(query).get("q", ""), filters=QueryDict(query)
    )
    has_query = bool(filterset.keywords)
    if as_before:
        entries = queryset[0:20]
    else:
        entries = selectors.with_theme_names(queryset.prefetch_related(None)[0:20])
    for entry in entries:
        entry.reasons = selectors.explain_rank(entry, user=user, has_query=has_query)
    return entries


@pytest.mark.parametrize("query", ["", "q=lights", "q=lights&outcome=worked"])
@pytest.mark.parametrize("role", ["manager_this", "reviewer_out", "admin"])
def test_results_are_what_the_template_wrote(world, varied, query, role):
    entries = page_of(world.users[role], query)
    records = page_of(world.users[role], query, as_before=True)
    assert entries
    assert [e.pk for e in entries] == [r.pk for r in records]
    expected = Template(TEMPLATE_RESULTS).render(Context({"entries": records}))
    assert search_results(entries) == expected


def test_every_kind_of_result_was_compared(world, varied):
    """The comparison above covers every outcome, cost, theme and adoption case, reasons and
    escaped and shortened words."""
    html = search_results(page_of(world.users["manager_this"], "q=lights"))
    for words in (
        "Worked</strong>",
        "Promising</strong>",
        "New or innovative</strong>",
        "Did not work</strong>",
        "Outcome not given</strong>",
        "Maryland scale 2; Internal evaluation",
        ">No evaluation<",
        "£1,264,567",
        "Not stated",
        ">None<",
        ">Not yet<",
        ">1 partnership<",
        ">2 partnerships<",
        "From your own partnership",
        "Matches your search. ",
        "word49 …",
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; lights",
        "Smith &amp; Jones &quot;said&quot; &lt;no&gt;",
    ):
        assert words in html, words
    assert "word50" not in html
    assert "Night-time economy, Youth" in html or "Youth, Night-time economy" in html


def test_a_pages_theme_names_are_one_query(world, varied, django_assert_num_queries):
    entries = list(Entry.objects.order_by("pk"))
    with django_assert_num_queries(1):
        named = selectors.with_theme_names(entries)
    assert [len(entry.theme_names) for entry in named] == [2, 1, 0, 1, 1]
