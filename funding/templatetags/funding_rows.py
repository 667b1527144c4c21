"""The timetable's rows, the finder's results and the home panel's deadlines, written in Python: the timetable shows some
240 events and the finder 20 results, and rendering each through the template (lookups,
includes, a link or two, escaping) was a third of those pages' time.

Values are escaped with the standard library's escape, which is what Django's does without its
lazy-string wrapper (a fifth of the timetable rows' time); none of them is ever marked safe.
tests/funding/test_timetable_rows.py, test_finder_results.py and test_closing_rows.py check the HTML is the
templates' to the byte.
"""

import functools
from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe

from core.addresses import address_maker
from core.templatetags.govuk_time import govuk_datetime
from funding.models import BidStatus

register = template.Library()

OPENS = '<strong class="govuk-tag govuk-tag--blue">Opens</strong>'
CLOSES = '<strong class="govuk-tag govuk-tag--red">Closes</strong>'
ROW = (
    '\n      <tr class="govuk-table__row">\n'
    '        <td class="govuk-table__cell">{label}</td>\n'
    '        <td class="govuk-table__cell">{tag}</td>\n'
    '        <td class="govuk-table__cell"><a class="govuk-link" href="{url}">{title}</a>'
    '<br><span class="govuk-body-s">{funder}</span></td>\n'
    "      </tr>\n      "
)


@register.simple_tag
def timetable_rows(events) -> str:
    """One table row for each event: when, whether it opens or closes, and the opportunity."""
    return mark_safe(  # noqa: S308 - every value is escaped or a fixed string
        "".join(
            ROW.format(
                label=escape(event.label),
                tag=OPENS if event.kind == "opens" else CLOSES,
                url=escape(event.opportunity.url),
                title=escape(event.opportunity.title),
                funder=escape(event.opportunity.funder_name),
            )
            for event in events
        )
    )


# An opportunity's status tag; funding/includes/status_tag.html writes it with this too.
STATUS_TAGS = {
    "open": '<strong class="govuk-tag govuk-tag--green">Open</strong>',
    "forthcoming": '<strong class="govuk-tag govuk-tag--blue">Forthcoming</strong>',
}
CLOSED_TAG = '<strong class="govuk-tag govuk-tag--grey">Closed</strong>'
ROW_OF_LIST = (
    '\n          <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{key}'
    '</dt><dd class="govuk-summary-list__value">{value}</dd></div>'
)
RESULT = (
    '\n      <li class="portal-result govuk-!-margin-bottom-6">\n'
    '        <h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link"'
    ' href="{url}">{title}</a></h3>\n'
    '        <p class="govuk-body-s govuk-!-margin-bottom-1">{funder}</p>\n'
    '        <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2'
    ' portal-compact-list">{rows}\n'
    "        </dl>\n"
    "        {watch}\n"
    "      </li>\n      "
)
# The watch button; funding/includes/watch_button.html writes it with this too.
WATCH = (
    '<form method="post" action="{action}" class="portal-inline-form">{token}\n'
    '  <input type="hidden" name="next" value="{next_url}">\n'
    "  \n"
    '  <input type="hidden" name="watch" value="{value}">\n'
    '  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"'
    ' data-module="govuk-button">{words}<span class="govuk-visually-hidden"> {title}</span>'
    "</button>\n"
    "  \n"
    "</form>"
)


@functools.cache
def _opportunity_address():
    return address_maker("funding:opportunity-detail", "pk", marker=987654321)


@functools.cache
def _watch_address():
    return address_maker("funding:opportunity-watch", "pk", marker=987654321)


@register.simple_tag
def status_tag(opportunity) -> str:
    """Open, forthcoming or closed, as a tag."""
    return mark_safe(STATUS_TAGS.get(opportunity.status, CLOSED_TAG))  # noqa: S308 - constants


def _form_token(context) -> str:
    """The CSRF field as {% csrf_token %} writes it: nothing without a token."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's "no token" value
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'


def _watch(opportunity, *, form_token: str, next_url: str) -> str:
    watched = opportunity.is_watched
    return WATCH.format(
        action=escape(_watch_address()(opportunity.pk)),
        token=form_token,
        next_url=next_url,
        value="0" if watched else "1",
        words="Stop watching" if watched else "Watch",
        title=escape(opportunity.title),
    )


@register.simple_tag(takes_context=True)
def watch_button(context, opportunity) -> str:
    """Watch or stop watching the opportunity, coming back to `next_url`."""
    next_url = escape(str(context.get("next_url", "")))
    return mark_safe(  # noqa: S308 - every value is escaped or a fixed string
        _watch(opportunity, form_token=_form_token(context), next_url=next_url)
    )


def _award(opportunity) -> str:
    low, high = opportunity.min_award, opportunity.max_award
    text = f"£{intcomma(low)} to " if low is not None else ""
    return text + (f"£{intcomma(high)}" if high is not None else "Not stated")


@register.simple_tag(takes_context=True)
def finder_results(context, opportunities) -> str:
    """One list item for each opportunity found (funding.selectors.with_theme_names): its link,
    funder, status, closing, award, themes and watch button (with this page's CSRF token and
    address to come back to)."""
    url_of = _opportunity_address()
    form_token = _form_token(context)
    next_url = escape(str(context.get("next_url", "")))
    items = []
    for opportunity in opportunities:
        title = escape(opportunity.title)
        funder = escape(opportunity.funder.name)
        if opportunity.programme:
            funder += f": {escape(opportunity.programme)}"
        rows = [
            ("Status", STATUS_TAGS.get(opportunity.status, CLOSED_TAG) + "\n"),
            ("Closes", escape(govuk_datetime(opportunity.closes_at, "j F Y"))),
            ("Award", escape(_award(opportunity))),
            ("Themes", ", ".join(escape(name) for name in opportunity.theme_names)),
        ]
        watch = _watch(opportunity, form_token=form_token, next_url=next_url) + "\n"
        items.append(
            RESULT.format(
                url=escape(url_of(opportunity.pk)),
                title=title,
                funder=funder,
                rows="".join(ROW_OF_LIST.format(key=key, value=value) for key, value in rows),
                watch=watch,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - every value is escaped or a fixed string


CLOSING_BID = (
    '\n  <li><a class="govuk-link" href="{url}">{title}</a> ({partnership}, {status}):'
    " closes {closes}</li>\n  "
)
CLOSING_OPPORTUNITY = (
    '\n  <li><a class="govuk-link" href="{url}">{title}</a>: closes {closes}</li>\n  '
)


@register.simple_tag
def closing_bids(bids) -> str:
    """The home panel's bids closing soon (funding.selectors.ClosingBid): link, partnership,
    status and closing date."""
    url_of = address_maker("funding:bid-detail", "pk", marker=987654321)
    return mark_safe(  # noqa: S308 - every value is escaped or a fixed string
        "".join(
            CLOSING_BID.format(
                url=escape(url_of(bid.pk)),
                title=escape(bid.title),
                partnership=escape(bid.partnership_name),
                status=escape(str(BidStatus(bid.status).label).lower()),
                closes=escape(govuk_datetime(bid.closes_at, "j F Y")),
            )
            for bid in bids
        )
    )


@register.simple_tag
def closing_opportunities(opportunities) -> str:
    """The home panel's watched opportunities closing soon (funding.selectors.
    ClosingOpportunity): link and closing date."""
    return mark_safe(  # noqa: S308 - every value is escaped or a fixed string
        "".join(
            CLOSING_OPPORTUNITY.format(
                url=escape(_opportunity_address()(opportunity.pk)),
                title=escape(opportunity.title),
                closes=escape(govuk_datetime(opportunity.closes_at, "j F Y")),
            )
            for opportunity in opportunities
        )
    )
