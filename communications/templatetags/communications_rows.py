"""Table rows of the communications pages, written in Python: a page of 50 stories or pieces
of coverage rendered through the template's loop, with an address, a date and a default per
cell, cost most of the page's time."""

from html import escape  # Django's escape is this, behind a lazy-string wrapper

from django import template
from django.urls import reverse
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


TONE_TAGS = {"positive": "govuk-tag--green", "negative": "govuk-tag--red"}


@register.simple_tag
def coverage_rows(coverage, partnership, can_change) -> str:
    """The coverage table's rows: date, headline (linked, with its story), outlet, tone, reach,
    whether the partnership was quoted, and a change link for those who may change it."""
    marker = 987654321
    edit_head, edit_tail = reverse(
        "communications:coverage-edit", kwargs={"code": partnership.ons_code, "pk": marker}
    ).split(str(marker))
    cell = '    <td class="govuk-table__cell">{}</td>\n'
    rows = []
    for piece in coverage:
        headline = escape(piece.headline)
        linked = (
            f'<a class="govuk-link" href="{escape(piece.url)}" rel="noreferrer noopener">'
            f"{headline}</a>"
            if piece.url
            else headline
        )
        if piece.story_id:
            linked += (
                f'<br><span class="govuk-body-s">From our story: {escape(piece.story.title)}</span>'
            )
        reach = "Not known" if piece.reach is None else f"{piece.reach:,}"
        change = (
            '<td class="govuk-table__cell"><a class="govuk-link" '
            f'href="{edit_head}{piece.pk}{edit_tail}">Change<span class="govuk-visually-hidden">'
            f" {headline}</span></a></td>"
            if can_change
            else ""
        )
        rows.append(
            '\n  <tr class="govuk-table__row">\n'
            + cell.format(long_date(piece.published_on))
            + cell.format(linked)
            + cell.format(escape(piece.outlet))
            + cell.format(
                f'<strong class="govuk-tag {TONE_TAGS.get(piece.tone, "govuk-tag--grey")}">'
                f"{escape(piece.get_tone_display())}</strong>"
            )
            + '    <td class="govuk-table__cell govuk-table__cell--numeric">'
            + f"{reach}</td>\n"
            + cell.format("Yes" if piece.partnership_quoted else "No")
            + f"    {change}\n"
            + "  </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped or a number
