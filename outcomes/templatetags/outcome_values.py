"""Numbers and bands on the outcomes pages, written in Python: a region's table or a
partnership's figures hold over a thousand of them, and an included template or `floatformat`
per cell cost most of the page's time."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape  # Django's escape is this, behind a lazy-string wrapper

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _tag(colour: str, words: str) -> str:
    return mark_safe(f'<strong class="govuk-tag {colour}">{words}</strong>')  # noqa: S308 - constants


# (band, lower is better) -> the tag saying where a value sits against its group.
BAND_TAGS = {
    ("higher", True): _tag("govuk-tag--red", "Significantly higher"),
    ("higher", False): _tag("govuk-tag--green", "Significantly higher"),
    ("lower", True): _tag("govuk-tag--green", "Significantly lower"),
    ("lower", False): _tag("govuk-tag--red", "Significantly lower"),
    ("within", True): _tag("govuk-tag--grey", "Within the normal range"),
    ("within", False): _tag("govuk-tag--grey", "Within the normal range"),
}
NOT_ENOUGH = mark_safe('<span class="govuk-body-s">Not enough figures in the group</span>')


# places -> (the quantum to round to, whether to group thousands), worked out once per form.
_STEPS: dict = {}


@register.filter
def fixed(value, places="2") -> str:
    """The number to `places` decimal places as `floatformat` writes them (half up, never
    "-0.00"); "0g" groups thousands as `floatformat:0|intcomma` does ("1,240")."""
    step = _STEPS.get(places)
    if step is None:
        text = str(places)
        quantum = Decimal(1).scaleb(-int(text.removesuffix("g") or 0))
        step = _STEPS[places] = (quantum, text.endswith("g"))
    quantum, grouped = step
    try:
        if type(value) is float:
            number = Decimal(repr(value))
        elif isinstance(value, Decimal):
            number = value
        else:
            number = Decimal(repr(value) if isinstance(value, float) else str(value))
        if not number.is_finite():
            return ""
        rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        return ""
    if not rounded:
        rounded = abs(rounded)
    return f"{rounded:,f}" if grouped else f"{rounded:f}"


@register.simple_tag
def outcome_value(value, indicator) -> str:
    """'No figure', a share to one place with "%", or a rate to two places."""
    if value is None:
        return "No figure"
    if indicator.unit == "percent":
        return f"{fixed(value, 1)}%"
    return fixed(value, 2)


@register.simple_tag
def band_tag(view) -> str:
    """The tag saying where a value sits against its group, coloured by which way is better."""
    return BAND_TAGS.get((view.band.band, view.indicator.lower_is_better), NOT_ENOUGH)


@register.simple_tag
def chart_rows(view) -> str:
    """The bar chart's rows, one per period (hidden from screen readers: the table says it)."""
    rows = [
        '<li class="ds-chart__row"><span class="ds-chart__label">{}</span>'
        '<span class="ds-chart__track"><span class="ds-chart__bar ds-chart__bar--{}"></span>'
        '</span><span class="ds-chart__value">{}</span></li>'.format(
            escape(point.label),
            int(point.percent),
            "–" if point.rate is None else fixed(point.rate, 2),
        )
        for point in view.points
    ]
    return mark_safe("\n".join(rows))  # noqa: S308 - every value is escaped or a number


@register.simple_tag
def period_rows(view) -> str:
    """The table's rows, one per period: a share with its sample, or a count with its rate."""
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    rows = []
    for point in view.points:
        if view.indicator.unit == "percent":
            cells = (
                cell.format(f"{fixed(point.value, 1)}%")
                + cell.format(fixed(point.sample_size, "0g") or "–")
                + f'<td class="govuk-table__cell">{escape(point.source or "Not given")}</td>'
            )
        else:
            per_1000 = "No population" if point.rate is None else fixed(point.rate, 2)
            cells = cell.format(fixed(point.value, "0g")) + cell.format(per_1000)
        rows.append(
            '<tr class="govuk-table__row">'
            f'<th scope="row" class="govuk-table__header">{escape(point.label)}</th>{cells}</tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value is escaped or a number


def _group_row(heading: str, view, *, mean: bool) -> str:
    """A row of a table of partnerships: the value, the group average if asked, the band
    and the trend."""
    numeric = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    cells = numeric.format(outcome_value(view.latest, view.indicator))
    if mean:
        cells += numeric.format(outcome_value(view.band.mean, view.indicator))
    return (
        f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{heading}'
        f'</th>{cells}<td class="govuk-table__cell">{band_tag(view)}</td>'
        f'<td class="govuk-table__cell">{escape(view.trend.label)}</td></tr>'
    )


@register.simple_tag
def peer_rows(view, partnership) -> str:
    """The comparison table's rows: each member of the group, this partnership marked."""
    rows = []
    for member, peer in view.peers:
        name = escape(member.name)
        heading = f"{name} (this partnership)" if member.pk == partnership.pk else name
        rows.append(_group_row(heading, peer, mean=False))
    return mark_safe("\n".join(rows))  # noqa: S308 - every value is escaped or a number


@register.simple_tag
def region_rows(cells) -> str:
    """The region table's rows for one indicator: each partnership, linked to its figures."""
    rows = [
        _group_row(
            f'<a class="govuk-link" href="{escape(link)}">{escape(row.partnership.name)}</a>',
            view,
            mean=True,
        )
        for row, link, view in cells
    ]
    return mark_safe("\n".join(rows))  # noqa: S308 - every value is escaped or a number
