"""The overview's rows written in Python are what its template loops wrote."""

import datetime

import pytest
from django.template import engines

from partnerships import demo, selectors
from partnerships.models import ActionStatus, Level, Membership
from tests.partnerships import factories as f

pytestmark = pytest.mark.django_db

# The loops of templates/partnerships/includes/overview.html before the tags, as they were.
DEPENDENCY_LOOP = """  {% for flag in o.flags %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{{ flag.membership.get_absolute_url }}">{{ flag.membership.agency.name }}</a></td>
      <td class="govuk-table__cell">{{ flag.where }}</td>
      <td class="govuk-table__cell">{% if flag.kind == "single" %}<strong class="govuk-tag govuk-tag--orange">Single point of failure</strong> {{ flag.person }}{% else %}<strong class="govuk-tag govuk-tag--red">No named contact</strong>{% endif %}</td>
      <td class="govuk-table__cell">{% if flag.contact and can_change %}<a class="govuk-link" href="{% url 'partnerships:contact-edit' code=partnership.ons_code pk=flag.contact.pk %}">Add a deputy<span class="govuk-visually-hidden"> for {{ flag.person }}, {{ flag.membership.agency.name }} ({{ flag.where|lower }})</span></a>{% elif can_change %}<a class="govuk-link" href="{% url 'partnerships:contact-add' code=partnership.ons_code pk=flag.membership.pk %}{% if flag.level %}?level={{ flag.level }}{% endif %}">Add a contact<span class="govuk-visually-hidden"> for {{ flag.membership.agency.name }} ({{ flag.where|lower }})</span></a>{% else %}<a class="govuk-link" href="{{ flag.membership.get_absolute_url }}#contacts">{% if flag.contact %}{{ flag.person }}{% else %}Contacts{% endif %}<span class="govuk-visually-hidden">, {{ flag.membership.agency.name }} ({{ flag.where|lower }})</span></a>{% endif %}</td>
      <td class="govuk-table__cell">{% with m=flag.membership %}{% if m.in_job_description and m.in_commissioning_contracts %}The job description and commissioning contracts{% elif m.in_job_description %}The job description{% elif m.in_commissioning_contracts %}Commissioning contracts{% else %}Neither the job description nor contracts{% endif %}{% endwith %}</td>
    </tr>
  {% endfor %}
"""
DOCUMENT_LOOP = """  {% for document in o.documents %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{{ document.get_absolute_url }}">{{ document.title }}</a>{% if document.is_joint_with_police %}<br><span class="govuk-body-s">Joint with the police</span>{% endif %}</td>
      <td class="govuk-table__cell">{{ document.get_kind_display }}</td>
      <td class="govuk-table__cell">{{ document.published_on|date:"j F Y"|default:"Not published" }}</td>
      <td class="govuk-table__cell">{{ document.review_due_on|date:"j F Y"|default:"Not set" }}{% if document.review_due_on and document.review_due_on < today %} <strong class="govuk-tag govuk-tag--red">Overdue</strong>{% endif %}</td>
    </tr>
  {% empty %}
    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No documents are registered yet.</td></tr>
  {% endfor %}
"""
EVIDENCE_LOOP = """{% for chain in o.chains %}
<div class="govuk-summary-card">
  <div class="govuk-summary-card__title-wrapper"><h3 class="govuk-summary-card__title">{{ chain.priority.title }}</h3></div>
  <div class="govuk-summary-card__content">
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Actions</dt>
        <dd class="govuk-summary-list__value">
          {% if chain.actions %}<ul class="govuk-list">{% for action in chain.actions %}
            <li>{{ action.title }} ({{ action.owner.name }}, {{ action.get_status_display|lower }}){% if action.overdue %} <strong class="govuk-tag govuk-tag--red">Overdue</strong>{% endif %}</li>
          {% endfor %}</ul>{% else %}No actions answer this priority yet.{% endif %}
        </dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Indicators</dt>
        <dd class="govuk-summary-list__value">
          {% if chain.indicators %}<ul class="govuk-list">{% for indicator in chain.indicators %}<li>{{ indicator }}</li>{% endfor %}</ul>{% else %}No indicator measures this priority yet.{% endif %}
        </dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Comes from</dt>
        <dd class="govuk-summary-list__value">
          {% if chain.documents %}<ul class="govuk-list">{% for document, data in chain.documents %}
            <li><a class="govuk-link" href="{{ document.get_absolute_url }}">{{ document.title }}</a>{% if data %}, drawing on {{ data|length }} source{{ data|length|pluralize }} of data:
              <ul class="govuk-list govuk-list--bullet govuk-body-s">{% for source in data %}<li>{{ source }}</li>{% endfor %}</ul>{% else %}, with no data recorded as behind it{% endif %}</li>
          {% endfor %}</ul>{% else %}No document is cited as its source.{% endif %}
        </dd>
      </div>
    </dl>
  </div>
</div>
{% empty %}
<p class="govuk-body">No priorities are recorded yet.</p>
{% endfor %}"""
TAGS = (
    "{% load overview_rows %}",
    "  {% dependency_rows o.flags partnership can_change %}\n",
    "  {% document_rows o.documents partnership today %}\n",
    "{% evidence_cards o.chains partnership %}",
)


def _render(text, overview, can_change):
    context = {
        "o": overview,
        "partnership": overview.partnership,
        "can_change": can_change,
        "today": overview.today,
    }
    return engines["django"].from_string(text).render(context)


def _assert_same(overview):
    load, *tags = TAGS
    for can_change in (True, False):
        for loop, tag in zip((DEPENDENCY_LOOP, DOCUMENT_LOOP, EVIDENCE_LOOP), tags, strict=True):
            old = _render(loop, overview, can_change)
            assert _render(load + tag, overview, can_change) == old


def test_the_leeds_demo_overview_is_written_as_the_template_wrote_it():
    from datasharing import demo as datasharing_demo

    leeds = demo.seed()["partnerships"]["E22000345"]
    datasharing_demo.seed()
    overview = selectors.partnership_overview(partnership=leeds)
    assert overview.flags and overview.documents and overview.chains
    assert any(document_data for c in overview.chains for _d, document_data in c.documents)
    _assert_same(overview)


def test_awkward_names_dates_and_an_empty_plan_are_written_alike(world):
    today = datetime.date(2026, 6, 15)
    partnership = world.partnership
    assert not selectors.partnership_overview(partnership=partnership, today=today).chains
    _assert_same(selectors.partnership_overview(partnership=partnership, today=today))
    membership = Membership.objects.get(partnership=partnership)
    membership.agency.name = 'Police & "Crime" <Commissioner>'
    membership.agency.save()
    membership.in_job_description = True
    membership.strategic = membership.tactical = True  # tactical: no one named
    membership.save()
    f.ContactFactory(
        membership=membership,
        level=Level.STRATEGIC,
        name="Ann <O'Hara>",
        email="",
        deputy_name="",
        deputy_email="",
    )
    plan = f.DocumentFactory(
        partnership=partnership,
        title="Plan & <annex>",
        is_joint_with_police=True,
        published_on=datetime.date(2026, 1, 5),
        review_due_on=today - datetime.timedelta(days=1),
    )
    f.DocumentFactory(partnership=partnership, title="Draft", published_on=None, review_due_on=None)
    elsewhere = f.DocumentFactory(title="Another area's assessment")
    priority = f.PriorityFactory(partnership=partnership, title="Night & day <violence>")
    priority.documents.add(plan, elsewhere)
    f.PriorityFactory(partnership=partnership, title="No plan yet")
    for days, status in (
        (-3, ActionStatus.IN_PROGRESS),
        (3, ActionStatus.DONE),
        (-1, ActionStatus.DONE),
    ):
        f.ActionFactory(
            partnership=partnership,
            priority=priority,
            owner=membership.agency,
            title="Patrol the <station> & bus stops",
            due_on=today + datetime.timedelta(days=days),
            status=status,
        )
    overview = selectors.partnership_overview(partnership=partnership, today=today)
    assert len(overview.chains) == 2
    assert {flag.kind for flag in overview.flags} == {"single", "none"}
    assert [d.title for d, _data in overview.chains[0].documents] == [
        "Another area's assessment",
        "Plan & <annex>",
    ]
    _assert_same(overview)
