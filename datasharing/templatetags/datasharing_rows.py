"""Rows of the data-sharing charts and tables, written in Python: the ISTV analysis shows some
250 cells and the delivery log 50 rows, and rendering each through the template (lookups,
filters, includes, links, escaping) was most of those pages' time.

Values are escaped with the standard library's escape, which is what Django's does without its
lazy-string wrapper. tests/datasharing/test_rows.py checks the HTML is the old template loops'
to the byte.
"""

import functools
from html import escape

from django import template
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.addresses import address_maker

register = template.Library()

CHART_ROW = (
    '\n      <li class="ds-chart__row"><span class="ds-chart__label">{label}</span>'
    '<span class="ds-chart__track"><span class="ds-chart__bar ds-chart__bar--{percent}">'
    '</span></span><span class="ds-chart__value">{count}</span></li>\n      '
)
CHART_TABLE_ROW = (
    '\n      <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{label}'
    '</th><td class="govuk-table__cell govuk-table__cell--numeric">{count}</td></tr>\n      '
)


def _safe(parts) -> str:
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped or a number


@register.simple_tag
def chart_rows(bars) -> str:
    """A bar chart's rows (hidden from screen readers: the table beside it says the same)."""
    return _safe(
        CHART_ROW.format(label=escape(str(bar.label)), percent=bar.percent, count=bar.count)
        for bar in bars
    )


@register.simple_tag
def chart_table_rows(bars) -> str:
    """The rows of the table beside a bar chart."""
    return _safe(
        CHART_TABLE_ROW.format(label=escape(str(bar.label)), count=bar.count) for bar in bars
    )


HOUR_HEADERS = _safe(f'<th scope="col">{hour:02d}</th>' for hour in range(24))


@register.simple_tag
def heat_hours() -> str:
    """The hour-of-the-week table's column headers, 00 to 23."""
    return HOUR_HEADERS


@register.simple_tag
def heat_rows(heat) -> str:
    """One row a day of the hour-of-the-week table, each cell shaded by its level."""
    return _safe(
        '\n  <tr><th scope="row">{}</th>{}<td><strong>{}</strong></td></tr>\n  '.format(
            escape(day["day"]),
            "".join(
                f'<td class="ds-heat-{cell["level"]}">{cell["count"]}</td>' for cell in day["cells"]
            ),
            day["total"],
        )
        for day in heat
    )


_MONTHS = {}  # language -> the months' short names, as date:"M" writes them


def _day(day) -> str:
    """A date as the template filter date:"j M Y" writes it; "" for none."""
    if day is None:
        return ""
    language = get_language()
    if language not in _MONTHS:
        _MONTHS[language] = [""] + [str(MONTHS_3[n].title()) for n in range(1, 13)]
    return f"{day.day} {_MONTHS[language][day.month]} {day.year:04d}"


QUALITY_ROW = (
    '\n  <tr class="govuk-table__row">\n'
    '    <th scope="row" class="govuk-table__header">{start} to {end}</th>\n'
    '    <td class="govuk-table__cell govuk-table__cell--numeric">{rows}</td>\n'
    "    {cells}\n"
    "  </tr>\n  "
)
QUALITY_CELL = (
    '<td class="govuk-table__cell govuk-table__cell--numeric">{percent}%'
    '<span class="govuk-visually-hidden"> ({count} of {rows})</span></td>'
)


@register.simple_tag
def quality_rows(returns) -> str:
    """A department's returns, each with the share of its assaults with fields not known."""
    return _safe(
        QUALITY_ROW.format(
            start=_day(r.period_start),
            end=_day(r.period_end),
            rows=r.row_count,
            cells="".join(
                QUALITY_CELL.format(percent=percent, count=count, rows=r.row_count)
                for _label, count, percent in r.completeness
            ),
        )
        for r in returns
    )


@functools.cache
def _agreement_address():
    return address_maker("datasharing:agreement-detail", "pk", marker=987654321)


def _lateness_tag(late) -> str:
    if not late:
        return '<strong class="govuk-tag govuk-tag--grey">No schedule</strong>'
    colour = "govuk-tag--green" if late.on_time else "govuk-tag--red"
    return (
        f'<strong class="govuk-tag {colour}">{escape(late.label)}</strong><br>'
        f'<span class="govuk-body-s">data for {escape(late.period.label)}, due by '
        f"{_day(late.due)}</span>"
    )


@register.simple_tag
def lateness_tag(late) -> str:
    """On time or days late, with the period and its due date; datasharing/includes/
    lateness_tag.html writes it with this too."""
    return _safe(_lateness_tag(late))


def _status_tag(agreement) -> str:
    return (
        f'<strong class="govuk-tag {agreement.status_tag_class}">'
        f"{escape(str(agreement.get_status_display()))}</strong>"
    )


@register.simple_tag
def status_tag(agreement) -> str:
    """The agreement's status as a tag; datasharing/includes/status_tag.html writes it with
    this too."""
    return _safe(_status_tag(agreement))


DELIVERY_ROW = (
    '\n  <tr class="govuk-table__row">\n'
    '    <td class="govuk-table__cell">{dataset}{note}</td>\n'
    '    <td class="govuk-table__cell">{agency}<br><span class="govuk-body-s">to {partnership}'
    "{agreement}</span></td>\n"
    '    <td class="govuk-table__cell">{start} to {end}</td>\n'
    '    <td class="govuk-table__cell">{received}</td>\n'
    '    <td class="govuk-table__cell govuk-table__cell--numeric">{records}</td>\n'
    '    <td class="govuk-table__cell">{late}\n</td>\n'
    "  </tr>\n  "
)
NO_DELIVERIES = (
    '\n  <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="6">'
    "No deliveries recorded yet.</td></tr>\n  "
)


@register.simple_tag
def delivery_rows(deliveries) -> str:
    """The delivery log's rows: each delivery, where it went and whether it was on time."""
    address = _agreement_address()
    rows = [
        DELIVERY_ROW.format(
            dataset=escape(d.dataset.name),
            note=f'<br><span class="govuk-body-s">{escape(d.note)}</span>' if d.note else "",
            agency=escape(d.agency.name),
            partnership=escape(d.partnership.name),
            agreement=(
                f', under <a class="govuk-link" href="{escape(address(d.agreement.pk))}">'
                f"{escape(d.agreement.reference)}</a>"
                if d.agreement
                else ""
            ),
            start=_day(d.period_start),
            end=_day(d.period_end),
            received=_day(d.received_on),
            records=d.record_count,
            late=_lateness_tag(d.lateness),
        )
        for d in deliveries
    ]
    return _safe(rows or [NO_DELIVERIES])


COVERAGE_ROW = (
    '\n  <tr class="govuk-table__row{gap}{health_row}">\n'
    '    <th scope="row" class="govuk-table__header">{dataset}{health}</th>\n'
    '    <td class="govuk-table__cell">{agency}<br><a class="govuk-link govuk-body-s" '
    'href="{stream}">What this data achieved<span class="govuk-visually-hidden">: {dataset} '
    "from {agency}</span></a></td>\n"
    '    <td class="govuk-table__cell">{agreement}</td>\n'
    '    <td class="govuk-table__cell">{delivery}</td>\n'
    '    <td class="govuk-table__cell"><strong class="govuk-tag {tag}">{status}</strong><br>'
    '<span class="govuk-body-s">{detail}</span></td>\n'
    "  </tr>\n  "
)
NO_COVERAGE = (
    '\n  <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="5">No member agency '
    "of this partnership holds a prescribed dataset.</td></tr>\n  "
)
HEALTH = ' <strong class="govuk-tag govuk-tag--purple">Health</strong>'


@register.simple_tag
def coverage_rows(rows, partnership) -> str:
    """The coverage matrix's rows: each stream, its agreement, last delivery and status."""
    address = _agreement_address()
    html = []
    for row in rows:
        agreement, last = row.agreement, row.last_delivery
        html.append(
            COVERAGE_ROW.format(
                gap=" ds-gap-row" if row.is_gap else "",
                health_row=" ds-health-row" if row.dataset.is_health else "",
                dataset=escape(row.dataset.name),
                health=HEALTH if row.dataset.is_health else "",
                agency=escape(row.agency.name),
                stream=escape(
                    reverse(
                        "datasharing:stream-detail",
                        kwargs={
                            "code": partnership.ons_code,
                            "agency": row.agency.pk,
                            "dataset": row.dataset.code,
                        },
                    )
                ),
                agreement=(
                    f'<a class="govuk-link" href="{escape(address(agreement.pk))}">'
                    f"{escape(agreement.reference)}</a><br>{_status_tag(agreement)}\n"
                    if agreement
                    else '<strong class="govuk-tag govuk-tag--red">No agreement</strong>'
                ),
                delivery=(
                    f"{_day(last.period_start)} to {_day(last.period_end)}<br>"
                    f'<span class="govuk-body-s">received {_day(last.received_on)}</span>'
                    if last
                    else "None"
                ),
                tag=escape(row.tag_class),
                status=escape(row.status_label),
                detail=escape(row.detail),
            )
        )
    return _safe(html or [NO_COVERAGE])


REGISTER_ROW = (
    '\n  <tr class="govuk-table__row">\n'
    '    <td class="govuk-table__cell"><a class="govuk-link" href="{address}">{title}</a><br>'
    '<span class="govuk-body-s">{reference}</span></td>\n'
    '    <td class="govuk-table__cell">{partnership}</td>\n'
    '    <td class="govuk-table__cell">{parties}</td>\n'
    '    <td class="govuk-table__cell">{status}</td>\n'
    '    <td class="govuk-table__cell">{review}</td>\n'
    "  </tr>\n  "
)
NO_AGREEMENTS = (
    '\n  <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="5">'
    "No agreements match.</td></tr>\n  "
)


@register.simple_tag
def register_rows(agreements) -> str:
    """The agreement register's rows (each agreement has its address and party names)."""
    rows = [
        REGISTER_ROW.format(
            address=escape(a.address),
            title=escape(a.title),
            reference=escape(a.reference),
            partnership=escape(a.partnership.name),
            parties="<br>".join(escape(name) for name in a.party_names),
            status=_status_tag(a),
            review=_day(a.review_date) or "Not set",
        )
        for a in agreements
    ]
    return _safe(rows or [NO_AGREEMENTS])
