"""Administrators' home page keeps the national review summary for a few minutes."""

import pytest
from django.test import override_settings
from django.urls import reverse

from reviews.home_panels import national_summary

pytestmark = pytest.mark.django_db

LOCAL_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "national-summary-test",
    }
}


def test_the_summary_is_worked_out_once_and_kept(world, clock, django_assert_max_num_queries):
    admin = world.users["admin"]
    today = clock.current.date()
    with override_settings(CACHES=LOCAL_CACHE, REVIEW_NATIONAL_SUMMARY_SECONDS=300):
        first = national_summary(user=admin, today=today)
        with django_assert_max_num_queries(0):
            again = national_summary(user=admin, today=today)
    assert again["total"] == first["total"] == 2
    assert [s["counts"] for s in again["summaries"]] == [s["counts"] for s in first["summaries"]]


def test_without_keeping_it_is_worked_out_each_time(world, clock, django_assert_max_num_queries):
    admin = world.users["admin"]
    today = clock.current.date()
    with override_settings(CACHES=LOCAL_CACHE, REVIEW_NATIONAL_SUMMARY_SECONDS=0):
        national_summary(user=admin, today=today)
        with pytest.raises(pytest.fail.Exception):
            with django_assert_max_num_queries(0):
                national_summary(user=admin, today=today)


def test_the_home_page_says_when_it_was_worked_out(world, client_for):
    page = client_for("admin").get(reverse("home")).content.decode()
    assert "Ratings worked out at" in page and "Regional review: national view" in page
