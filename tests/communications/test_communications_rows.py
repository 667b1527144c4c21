"""The communications pages' rows written in Python are what their template loops wrote."""

from datetime import date, timedelta

import pytest
from django.template import engines

from communications.models import Channel, Coverage
from communications.selectors_stories import stories_for
from communications.services.records import coverage_list
from communications.templatetags.communications_rows import coverage_rows, long_date, story_rows
from tests.communications.stories_helpers import story

pytestmark = pytest.mark.django_db

# The stories table's loop before it became story_rows.
STORY_LOOP = """{% for story in stories %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{% url 'communications:story' pk=story.pk %}">{{ story.title }}</a></td>
      <td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--grey">{{ story.get_stage_display }}</strong></td>
      <td class="govuk-table__cell">{{ story.owner.get_full_name|default:story.owner.email }}</td>
      <td class="govuk-table__cell">{{ story.channel.name|default:"Not chosen yet" }}</td>
      <td class="govuk-table__cell">{{ story.planned_on|date:"j F Y"|default:"Not set" }}</td>
      <td class="govuk-table__cell">{% if story.approvals_needed %}{{ story.approvals_given }} of {{ story.approvals_needed }}{% else %}Not sent{% endif %}</td>
    </tr>
  {% endfor %}"""

# The coverage table's loop before it became coverage_rows.
COVERAGE_LOOP = """{% for piece in coverage %}
  <tr class="govuk-table__row">
    <td class="govuk-table__cell">{{ piece.published_on|date:"j F Y" }}</td>
    <td class="govuk-table__cell">{% if piece.url %}<a class="govuk-link" href="{{ piece.url }}" rel="noreferrer noopener">{{ piece.headline }}</a>{% else %}{{ piece.headline }}{% endif %}{% if piece.story_id %}<br><span class="govuk-body-s">From our story: {{ piece.story.title }}</span>{% endif %}</td>
    <td class="govuk-table__cell">{{ piece.outlet }}</td>
    <td class="govuk-table__cell"><strong class="govuk-tag {% if piece.tone == 'positive' %}govuk-tag--green{% elif piece.tone == 'negative' %}govuk-tag--red{% else %}govuk-tag--grey{% endif %}">{{ piece.get_tone_display }}</strong></td>
    <td class="govuk-table__cell govuk-table__cell--numeric">{% if piece.reach is not None %}{{ piece.reach|intcomma }}{% else %}Not known{% endif %}</td>
    <td class="govuk-table__cell">{{ piece.partnership_quoted|yesno:"Yes,No" }}</td>
    {% if can_change %}<td class="govuk-table__cell"><a class="govuk-link" href="{% url 'communications:coverage-edit' code=partnership.ons_code pk=piece.pk %}">Change<span class="govuk-visually-hidden"> {{ piece.headline }}</span></a></td>{% endif %}
  </tr>
  {% endfor %}"""


def test_story_rows_write_what_the_template_wrote(world):
    channel = Channel.objects.create(
        partnership=world.partnership,
        name='Radio <Leedsford> & "FM"',
        kind="radio",
        frequency="daily",
    )
    story(world, stage="idea", title="Plain idea")
    story(world, stage="drafted", title="<b>Bold</b> & 'quoted'", channel=channel)
    story(world, stage="awaiting_approval", title="Waiting", planned_on=date(2027, 1, 5))
    story(world, stage="approved", title="Approved", planned_on=date(2026, 12, 31))
    owner = world.user("manager_this")
    owner.full_name = ""
    owner.save()
    stories = list(stories_for(partnership=world.partnership))
    expected = engines["django"].from_string(STORY_LOOP).render({"stories": stories})
    assert story_rows(stories) == expected
    assert "Not set" in expected and "January 2027" in expected and "1 of 1" in expected


def test_long_date_writes_what_the_date_filter_wrote():
    from django.template.defaultfilters import date as date_filter

    day = date(2026, 1, 1)
    for offset in range(0, 366, 7):
        shown = day + timedelta(days=offset)
        assert long_date(shown) == date_filter(shown, "j F Y")
    assert long_date(None) == date_filter(None, "j F Y") == ""


@pytest.mark.parametrize("can_change", [True, False])
def test_coverage_rows_write_what_the_template_wrote(world, can_change):
    made = story(world, stage="idea", title="Our <story> & more")
    channel = Channel.objects.create(
        partnership=world.partnership, name='The "Gazette"', kind="local_paper", frequency="daily"
    )
    common = {"partnership": world.partnership, "published_on": date(2026, 11, 3)}
    Coverage.objects.create(**common, outlet_name="Radio <1>", headline="Plain", tone="neutral")
    Coverage.objects.create(
        **common,
        channel=channel,
        story=made,
        headline="Linked & 'quoted'",
        url="https://example.org/a?b=1&c=<2>",
        reach=1234567,
        tone="positive",
        partnership_quoted=True,
    )
    Coverage.objects.create(
        **common, outlet_name="TV", headline="Bad news", reach=0, tone="negative"
    )
    coverage = list(coverage_list(partnership=world.partnership))
    context = {"coverage": coverage, "partnership": world.partnership, "can_change": can_change}
    expected = engines["django"].from_string("{% load humanize %}" + COVERAGE_LOOP).render(context)
    assert coverage_rows(coverage, world.partnership, can_change) == expected
    assert "1,234,567" in expected and "From our story" in expected
