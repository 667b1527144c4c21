"""Rows of the data-sharing charts and tables, written in Python: the ISTV analysis shows some
250 cells, and rendering each through the template (lookups, filters, escaping) was most of
the page's time.

Values are escaped with the standard library's escape, which is what Django's does without its
lazy-string wrapper. tests/datasharing/test_rows.py checks the HTML is the old template loops'
to the byte.
"""

from html import escape

from django import template
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe

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
            start=date_format(r.period_start, "j M Y"),
            end=date_format(r.period_end, "j M Y"),
            rows=r.row_count,
            cells="".join(
                QUALITY_CELL.format(percent=percent, count=count, rows=r.row_count)
                for _label, count, percent in r.completeness
            ),
        )
        for r in returns
    )
