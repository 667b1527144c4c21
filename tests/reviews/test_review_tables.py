"""The ratings-by-region rows written in Python are what the template loop wrote."""

from types import SimpleNamespace

from django.template import engines

from reviews import ratings

# The rows as templates/reviews/_region_summaries.html wrote them before the tag.
TEMPLATE_LOOP = """{% for s in region_summaries %}
  <tr class="govuk-table__row">
    <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{% url 'reviews:dashboard' %}?region={{ s.region.code|urlencode }}">{{ s.region.name }}</a></th>
    <td class="govuk-table__cell govuk-table__cell--numeric">{{ s.partnerships }}</td>
    {% for cell in s.cells %}<td class="govuk-table__cell">{{ cell.counts.red }} red<br>{{ cell.counts.amber }} amber<br>{{ cell.counts.green }} green</td>{% endfor %}
  </tr>
  {% endfor %}"""


def _summaries():
    regions = [
        SimpleNamespace(code="E12000003", name="Yorkshire and The Humber"),
        SimpleNamespace(code="W&92 <x>", name='Wales & "the <Marches>"'),
        SimpleNamespace(code="E12000007", name="London"),
    ]
    summaries = []
    for n, region in enumerate(regions):
        cells = [
            {"dimension": d, "counts": {"red": n * i, "amber": 1000 + i, "green": 0}}
            for i, d in enumerate(ratings.DIMENSIONS)
        ]
        summaries.append({"region": region, "partnerships": 10**n * 7, "cells": cells})
    return summaries


def test_region_rows_are_the_template_loops_rows(db):
    django = engines["django"]
    context = {"region_summaries": _summaries()}
    loop = django.from_string(TEMPLATE_LOOP).render(context)
    tag = django.from_string(
        "{% load review_tables %}{% region_summary_rows region_summaries %}"
    ).render(context)
    assert tag == loop
    assert "W%26amp%3B92" not in tag and "W%2692%20%3Cx%3E" in tag
    assert "Wales &amp; &quot;the &lt;Marches&gt;&quot;" in tag


def test_no_regions_no_rows(db):
    django = engines["django"]
    assert (
        django.from_string(
            "{% load review_tables %}{% region_summary_rows region_summaries %}"
        ).render({"region_summaries": []})
        == ""
    )
