"""Notification preferences per kind of notice: by email, in the portal only, or off."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import (
    NoticeDelivery,
    NoticeKind,
    Notification,
    NotificationPreference,
    notice_kind,
)
from accounts.services import notify, preferences_update
from tests.factories import UserFactory


def test_each_notice_has_the_kind_its_key_names():
    assert notice_kind("datasharing:stream-digest:2025-04-01:7") == NoticeKind.DATA_ACHIEVED
    assert notice_kind("datasharing:review:12:2026-09-30:60:user-7") == NoticeKind.AGREEMENTS
    assert notice_kind("funding-reminder:1:2:7") == NoticeKind.FUNDING
    assert notice_kind("goodpractice-decision-1-2") == NoticeKind.GOOD_PRACTICE
    assert notice_kind("reviews-follow-up-1-2-2026-01-01") == NoticeKind.REVIEWS
    key = "communications:story-approval:4:user-7"
    assert notice_kind(key) == NoticeKind.COMMUNICATIONS
    assert notice_kind("second-factor-reset-3-x") is None  # about the account: always sent


@pytest.mark.django_db(transaction=True)
def test_each_kind_arrives_as_the_person_chose():
    user = UserFactory()
    preferences_update(
        user=user,
        email_notifications=True,
        deliveries={
            NoticeKind.FUNDING: NoticeDelivery.IN_APP,
            NoticeKind.REVIEWS: NoticeDelivery.OFF,
        },
    )
    listed, _ = notify(user=user, subject="Closes soon", body="b", idempotency_key="funding-a")
    nothing, created = notify(user=user, subject="A note", body="b", idempotency_key="reviews-a")
    emailed, _ = notify(user=user, subject="Sign", body="b", idempotency_key="datasharing:sign")
    account, _ = notify(
        user=user, subject="Reset", body="b", idempotency_key="second-factor-reset-1"
    )
    assert nothing is None and not created
    assert set(Notification.objects.values_list("subject", flat=True)) == {
        "Closes soon",
        "Sign",
        "Reset",
    }
    assert sorted(m.subject for m in mail.outbox) == ["Reset", "Sign"]


@pytest.mark.django_db
def test_the_settings_page_saves_each_kind(client):
    user = UserFactory()
    client.force_login(user, backend="accounts.backends.EmailPasswordBackend")
    url = reverse("accounts:settings")
    data = {
        "email_notifications": "on",
        **{f"kind_{kind}": NoticeDelivery.EMAIL for kind in NoticeKind.values},
        "kind_funding": NoticeDelivery.OFF,
    }
    assert client.post(url, data).status_code == 302
    assert (
        dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))[
            "funding"
        ]
        == "off"
    )
    page = client.get(url).content.decode()
    chosen = [
        tag
        for tag in re.findall(r"<input[^>]*>", page)
        if 'name="kind_funding"' in tag and "checked" in tag
    ]
    assert len(chosen) == 1 and 'value="off"' in chosen[0]
    bad = client.post(url, {**data, "kind_funding": "sometimes"}).content.decode()
    assert "govuk-error-summary" in bad and "Choose one of the options" in bad
    assert NotificationPreference.objects.get(user=user, kind="funding").delivery == "off"
