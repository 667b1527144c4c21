"""The body of the review dashboard's ratings table, one row per partnership, built in Python.

The national view has 315 partnerships of eleven rated cells each: 3,465 cells, which the template
language took about 100 ms to render one variable and one {% url %} at a time. A cell differs
from another of its column only by its rating (one of three) and its explanation, so the markup
up to the explanation is made once per dimension and rating, and each cell is that, the escaped
explanation and the closing tag. The markup is what templates/reviews/dashboard.html gave cell
by cell: the tag, a link to the dimension's rule that names it for screen readers, the reason.
"""

from html import escape

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.addresses import address_maker

from . import ratings

CELL_OPENING = (
    '<td class="govuk-table__cell"><a href="{}#{}" class="govuk-link">'
    '<strong class="govuk-tag {}">{}</strong>'
    '<span class="govuk-visually-hidden"> {} rule</span></a><br>'
)
ROW_OPENING = (
    '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
    '<a class="govuk-link" href="{url}">{name}</a><br><span class="govuk-body-s">{region}</span></th>'
)


def cell_openings() -> dict[tuple[str, str], str]:
    """For each (dimension key, rating): a cell's markup up to its explanation."""
    rules = reverse("reviews:rules")
    return {
        (d.key, rating): format_html(
            CELL_OPENING, rules, d.key, ratings.TAG_CLASSES[rating], label, d.title
        )
        for d in ratings.DIMENSIONS
        for rating, label in ratings.RATING_LABELS.items()
    }


def table_body(rows: list[ratings.PartnershipRatings]) -> SafeString:
    """The <tr> of each row, in order: the partnership (linked to its review page) and its
    region, then its rating on each dimension with the reason.

    The review page's address is reversed once (address_maker); text is escaped by
    html.escape, as the template language escapes."""
    openings = cell_openings()
    review_address = address_maker("reviews:review", "code", marker="ons-code")
    keys = ratings.DIMENSION_KEYS
    parts = []
    for row in rows:
        p = row.partnership
        parts.append(
            ROW_OPENING.format(
                url=escape(review_address(p.ons_code)),
                name=escape(p.name),
                region=escape(p.region.name),
            )
        )
        for key in keys:
            result = row.results[key]
            parts.append(openings[key, result.rating])
            parts.append(escape(result.reason))  # the tag already says the rating
            parts.append("</td>")
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped or our markup
