"""Every funding page answers for a signed-in user with demo-like data, and no query string
makes a page fail."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_render(client_for, world, opportunity, bid):
    admin = client_for("admin")
    manager = client_for("manager_this")
    code = world.partnership.ons_code
    for client, url in [
        (manager, reverse("funding:finder")),
        (
            manager,
            reverse("funding:finder")
            + "?q=safer&theme=violence&amount=25000-99999&sort=largest&eligible=on",
        ),
        (manager, reverse("funding:finder-export")),
        (manager, reverse("funding:timetable")),
        (manager, reverse("funding:watch-list")),
        (manager, reverse("funding:saved-search-list")),
        (manager, reverse("funding:saved-search-create") + "?theme=violence"),
        (manager, reverse("funding:settings")),
        (manager, reverse("funding:opportunity-detail", kwargs={"pk": opportunity.pk})),
        (manager, reverse("funding:opportunity-history", kwargs={"pk": opportunity.pk})),
        (manager, reverse("funding:partnership-funding", kwargs={"code": code})),
        (manager, reverse("funding:partnership-funding-export", kwargs={"code": code})),
        (manager, reverse("funding:bid-create", kwargs={"code": code})),
        (manager, reverse("funding:bid-detail", kwargs={"pk": bid.pk})),
        (manager, reverse("funding:bid-edit", kwargs={"pk": bid.pk})),
        (manager, reverse("funding:bid-status", kwargs={"pk": bid.pk})),
        (manager, reverse("funding:bid-history", kwargs={"pk": bid.pk})),
        (manager, reverse("funding:giving360-json")),
        (manager, reverse("funding:giving360-csv")),
        (manager, reverse("home")),
        (admin, reverse("funding:insight")),
        (admin, reverse("funding:opportunity-create")),
        (admin, reverse("funding:opportunity-edit", kwargs={"pk": opportunity.pk})),
        (admin, reverse("funding:funder-create")),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
