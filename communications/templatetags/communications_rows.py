"""Table rows of the communications pages, written in Python: a page of 50 stories rendered
through the template's loop, with an address, a date and a default per cell, cost most of
the page's time."""

from html import escape  # Django's escape is this, behind a lazy-string wrapper

from django import template
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe

from core.addresses import address_maker

register = template.Library()


def long_date(day) -> str:
    """The day as `date:"j F Y"` writes it ("3 December 2026"); "" for None."""
    if day is None:
        return ""
    return escape(f"{day.day} {MONTHS[day.month]} {day.year:04d}")


@register.simple_tag
def story_rows(stories) -> str:
    """The stories table's rows: headline linked to the story, stage, owner, channel, planned
    date and approvals."""
    url_of = address_maker("communications:story", "pk", marker=987654321)
    cell = '      <td class="govuk-table__cell">{}</td>\n'
    rows = []
    for story in stories:
        owner = story.owner.get_full_name() or story.owner.email
        channel = story.channel.name if story.channel_id else ""
        approvals = (
            f"{story.approvals_given} of {story.approvals_needed}"
            if story.approvals_needed
            else "Not sent"
        )
        rows.append(
            '\n    <tr class="govuk-table__row">\n'
            + cell.format(
                f'<a class="govuk-link" href="{url_of(story.pk)}">{escape(story.title)}</a>'
            )
            + cell.format(
                '<strong class="govuk-tag govuk-tag--grey">'
                f"{escape(story.get_stage_display())}</strong>"
            )
            + cell.format(escape(owner))
            + cell.format(escape(channel or "Not chosen yet"))
            + cell.format(long_date(story.planned_on) or "Not set")
            + cell.format(approvals)
            + "    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped or a number
