"""The cached filter panel is the HTML crispy-forms would render, for every state of the form."""

import pytest
from django.http import QueryDict
from django.template import engines

from funding.models import Funder
from funding.selectors import opportunity_search

DIRECT = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")
CACHED = engines["django"].from_string("{% load filter_forms %}{% cached_crispy form %}")


def _form(world, query: str):
    return opportunity_search(user=world.users["manager_this"], data=QueryDict(query))[0].form


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=youth&theme=violence&closing_within=90&sort=closing",
        "closing_within=abc&min_months=0",  # errors shown beside the fields
    ],
)
def test_cached_panel_matches_crispy_forms_twice(world, query):
    expected = DIRECT.render({"form": _form(world, query)})
    assert CACHED.render({"form": _form(world, query)}) == expected  # rendered and kept
    assert CACHED.render({"form": _form(world, query)}) == expected  # from the cache


def test_each_state_has_its_own_panel(world):
    plain = CACHED.render({"form": _form(world, "")})
    wrong = CACHED.render({"form": _form(world, "closing_within=abc")})
    assert "govuk-error-message" not in plain
    assert "govuk-error-message" in wrong


def test_a_new_choice_appears_at_once(world):
    CACHED.render({"form": _form(world, "")})
    Funder.objects.create(name="Fresh Start Trust", identifier="GB-CHC-999999")
    assert "Fresh Start Trust" in CACHED.render({"form": _form(world, "")})
