"""Good-practice search results, written in Python: rendering each of a page's 20 entries
through the template loop (lookups, an included tag, filters, a reverse() per link) was a
third of the search page's time.

Values are escaped with the standard library's escape, which is what Django's does without its
lazy-string wrapper; none of them is ever marked safe. tests/goodpractice/test_search_results.py
checks the HTML is the template loop's to the byte.
"""

import functools
from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.addresses import address_maker

register = template.Library()

# goodpractice/includes/outcome_tag.html, as included (with its last newline).
OUTCOME_TAGS = {
    "worked": '<strong class="govuk-tag govuk-tag--green">Worked</strong>',
    "promising": '<strong class="govuk-tag govuk-tag--blue">Promising</strong>',
    "new": '<strong class="govuk-tag govuk-tag--purple">New or innovative</strong>',
    "did_not_work": '<strong class="govuk-tag govuk-tag--red">Did not work</strong>',
}
NO_OUTCOME_TAG = '<strong class="govuk-tag govuk-tag--grey">Outcome not given</strong>'
REASONS = (
    '<p class="govuk-body-s gp-reason govuk-!-margin-bottom-1"><span class="govuk-visually-hidden">'
    "Why it ranks here: </span>{reasons}</p>"
)
ROW_OF_LIST = (
    '\n          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{key}'
    '</dt><dd class="govuk-summary-list__value">{value}</dd></div>'
)
RESULT = (
    '\n      <li class="gp-result govuk-!-margin-bottom-6">\n'
    '        <h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link"'
    ' href="{url}">{title}</a></h3>\n'
    '        <p class="govuk-body-s govuk-!-margin-bottom-1">{partnership}, {region} · {outcome}\n'
    "</p>\n"
    "        {reasons}\n"
    '        <p class="govuk-body govuk-!-margin-bottom-1">{summary}</p>\n'
    '        <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2'
    ' gp-compact-list">{rows}\n'
    "        </dl>\n"
    "      </li>\n      "
)


@functools.cache
def _entry_address():
    return address_maker("goodpractice:entry-detail", "pk", marker=987654321)


def _cost(entry) -> str:
    if entry.first_year_cost is None:
        return "Not stated"
    return f"£{intcomma(entry.first_year_cost)}"


def _adoptions(entry) -> str:
    count = entry.adoption_count
    if not count:
        return "Not yet"
    return f"{count} partnership{'' if count == 1 else 's'}"


@register.simple_tag
def search_results(entries) -> str:
    """One list item for each entry found (goodpractice.selectors.with_theme_names): its link, partnership, outcome, why it ranks there,
    summary (its first 50 words), evidence, cost, themes and adoptions."""
    url_of = _entry_address()
    items = []
    for entry in entries:
        partnership = entry.partnership
        reasons = getattr(entry, "reasons", None)
        themes = [escape(name) for name in entry.theme_names]
        rows = (
            ("Evidence", escape(entry.evidence_label)),
            ("First-year cost", escape(_cost(entry))),
            ("Themes", ", ".join(themes) if themes else "None"),
            ("Tried elsewhere", escape(_adoptions(entry))),
        )
        items.append(
            RESULT.format(
                url=escape(url_of(entry.pk)),
                title=escape(entry.title),
                partnership=escape(partnership.name),
                region=escape(partnership.region.name),
                outcome=OUTCOME_TAGS.get(entry.outcome, NO_OUTCOME_TAG),
                reasons=(
                    REASONS.format(reasons=". ".join(escape(str(r)) for r in reasons))
                    if reasons
                    else ""
                ),
                summary=escape(Truncator(entry.summary).words(50, truncate=" …")),
                rows="".join(ROW_OF_LIST.format(key=key, value=value) for key, value in rows),
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - every value is escaped or a fixed string
