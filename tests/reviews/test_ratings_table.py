"""The review dashboard's ratings table body (reviews/ratings_table.py) is the markup the
template language gives cell by cell: the same elements, links, escaping and reasons."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.urls import reverse

from reviews import ratings
from reviews.ratings_table import table_body

pytestmark = pytest.mark.django_db

# The rows as templates/reviews/dashboard.html rendered them before they were built in Python.
ROWS_TEMPLATE = Template("""{% for row in rows %}
  <tr class="govuk-table__row">
    <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{% url 'reviews:review' row.partnership.ons_code %}">{{ row.partnership.name }}</a><br><span class="govuk-body-s">{{ row.partnership.region.name }}</span></th>
    {% for dimension, result in row.cells %}
    <td class="govuk-table__cell"><a href="{% url 'reviews:rules' %}#{{ dimension.key }}" class="govuk-link"><strong class="govuk-tag {{ result.tag_class }}">{{ result.label }}</strong><span class="govuk-visually-hidden"> {{ dimension.title }} rule</span></a><br>{{ result.explanation }}</td>
    {% endfor %}
  </tr>
{% endfor %}""")


def _row(name, code, region, rating_of):
    partnership = SimpleNamespace(name=name, ons_code=code, region=SimpleNamespace(name=region))
    return ratings.PartnershipRatings(
        partnership,
        {
            d.key: ratings.Result(rating_of(n), f'{d.title} & <why> "{n}"\'s reason', {"n": n})
            for n, d in enumerate(ratings.DIMENSIONS)
        },
    )


def test_the_rows_are_the_markup_the_template_gave_for_every_rating_and_awkward_text():
    order = list(ratings.RATING_LABELS)
    rows = [
        _row("Leedsford", "E23000001", "Yorkshire and The Humber", lambda n: order[n % 3]),
        _row(
            'Barnham & <Caldwick> "CSP"', "E06 00&x", "North <West>", lambda n: order[(n + 1) % 3]
        ),
        _row("Dunmore", "W15000002", "Wales", lambda n: order[(n + 2) % 3]),
    ]
    built = str(table_body(rows))
    assert parse_html(built) == parse_html(ROWS_TEMPLATE.render(Context({"rows": rows})))
    assert "&lt;Caldwick&gt;" in built and "<why>" not in built
    assert built.count('<td class="govuk-table__cell">') == 3 * len(ratings.DIMENSIONS)
    assert built.count(f'href="{reverse("reviews:rules")}#') == 3 * len(ratings.DIMENSIONS)


def test_no_rows_make_an_empty_body():
    assert table_body([]) == ""


def test_the_national_dashboard_rows_link_each_partnership_and_each_rule(world, client_for):
    body = client_for("admin").get(reverse("reviews:dashboard")).content.decode()
    for partnership in (world.partnership, world.other_partnership):
        assert reverse("reviews:review", args=[partnership.ons_code]) in body
    assert body.count(f'href="{reverse("reviews:rules")}#') == 2 * len(ratings.DIMENSIONS)
    assert "no emergency department is a member" in body
