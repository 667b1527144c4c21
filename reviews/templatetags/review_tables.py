"""The rows of the ratings-by-region table, written in Python: 10 regions of eleven cells of
three counts each cost the template language a variable lookup per number."""

from html import escape
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()

ROW = (
    '\n  <tr class="govuk-table__row">\n    <th scope="row" class="govuk-table__header">'
    '<a class="govuk-link" href="{url}?region={code}">{name}</a></th>\n'
    '    <td class="govuk-table__cell govuk-table__cell--numeric">{partnerships}</td>\n'
    "    {cells}\n  </tr>\n  "
)
CELL = '<td class="govuk-table__cell">{red} red<br>{amber} amber<br>{green} green</td>'


@register.simple_tag
def region_summary_rows(region_summaries) -> str:
    """Each region's row: its name linked to its dashboard, its partnerships and, for each
    dimension, how many are rated red, amber and green."""
    url = escape(reverse("reviews:dashboard"))
    return mark_safe(  # noqa: S308 - names and codes escaped, the rest our markup and numbers
        "".join(
            ROW.format(
                url=url,
                code=escape(quote(s["region"].code, safe="/")),
                name=escape(s["region"].name),
                partnerships=int(s["partnerships"]),
                cells="".join(CELL.format(**cell["counts"]) for cell in s["cells"]),
            )
            for s in region_summaries
        )
    )
