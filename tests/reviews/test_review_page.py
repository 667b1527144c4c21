"""The review page: an overview, and beside every rating the rule and the page with its facts."""

import re

from django.urls import reverse

from reviews import ratings


def test_every_rating_links_to_its_rule_and_to_facts_the_reviewer_may_read(world, client_for):
    client = client_for("reviewer_in")
    body = client.get(reverse("reviews:review",
                              kwargs={"code": world.partnership.ons_code})).content.decode()
    assert "Local government" in body and "Most similar group" in body
    rules = re.findall(r'href="/reviews/rules/#(\w+)"', body)
    assert rules == ratings.DIMENSION_KEYS
    facts = re.findall(r'<a class="govuk-link" href="([^"]+)">The facts', body)
    assert len(facts) == len(ratings.DIMENSIONS)
    for url in set(facts):
        assert client.get(url.split("#")[0]).status_code == 200, url
