"""The outcomes dimension as reviewers see it: on the region dashboard and a partnership's
review page, with its reason and a link to its rule."""

import re

import pytest
from django.urls import reverse

from tests.outcomes.test_comparison import group  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _outcomes_cell(html: str, name: str) -> str:
    """The dashboard's outcomes cell in the row of the partnership called `name`."""
    row = next(r for r in re.split(r"<tr\b", html) if f">{name}</a>" in r)
    cell = next(c for c in row.split("<td")[1:] if "#outcomes" in c)
    return re.sub(r"\s+", " ", cell)


def test_the_dashboard_shows_each_partnerships_outcomes_rating(group, client_for):  # noqa: F811
    html = client_for("reviewer_in").get(reverse("reviews:dashboard")).content.decode()
    assert 'href="/reviews/rules/#outcomes"' in html
    worse = _outcomes_cell(html, "Peer 2")
    assert ">Red</strong>" in worse and "Violence against the person" in worse
    assert ">Green</strong>" in _outcomes_cell(html, "Peer 1")


def test_the_review_page_gives_the_outcomes_rating_and_its_reason(group, client_for):  # noqa: F811
    url = reverse("reviews:review", args=[group[3].ons_code])
    html = re.sub(r"\s+", " ", client_for("reviewer_in").get(url).content.decode())
    row = re.split(r'id="rating-|</dl>', html.split('id="rating-outcomes"')[1])[0]
    assert '<dt class="govuk-summary-list__key">Outcomes against the most similar group</dt>' in row
    assert ">Red</strong>" in row and "Violence against the person" in row
    assert 'href="/reviews/rules/#outcomes"' in row
