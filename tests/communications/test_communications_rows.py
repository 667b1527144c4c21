"""The communications pages' rows written in Python are what their template loops wrote."""

from datetime import date, timedelta

import pytest
from django.template import engines

from communications.models import Channel
from communications.selectors_stories import stories_for
from communications.templatetags.communications_rows import long_date, story_rows
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
