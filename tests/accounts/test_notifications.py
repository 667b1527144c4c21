import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from accounts.services import notify
from tests.factories import NotificationFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_notify_stores_and_emails_once_per_idempotency_key():
    user = UserFactory(email="pat@example.org")
    first, created = notify(user=user, subject="Hello", body="Body", idempotency_key="k1")
    second, created_again = notify(user=user, subject="Hello", body="Body", idempotency_key="k1")
    assert created and not created_again and first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pat@example.org"]
    first.refresh_from_db()
    assert first.emailed_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_user_who_turned_email_off_still_sees_the_notice_in_the_portal():
    user = UserFactory(email_notifications=False)
    notify(user=user, subject="Quiet", body="Body", idempotency_key="k2")
    assert mail.outbox == []
    assert Notification.objects.get(idempotency_key="k2").emailed_at is None


@pytest.mark.django_db
def test_notifications_page_lists_only_my_notices_and_marks_them_read(client):
    me, other = UserFactory(), UserFactory()
    NotificationFactory(user=me, subject="Mine")
    NotificationFactory(user=other, subject="Theirs")
    client.force_login(me, backend="accounts.backends.EmailPasswordBackend")
    html = client.get(reverse("accounts:notifications")).content.decode()
    assert "Mine" in html and "Theirs" not in html and "Mark all 1 as read" in html
    client.post(reverse("accounts:notifications-mark-read"))
    assert not Notification.objects.filter(user=me, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other, read_at__isnull=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_notifications_page_query_count_is_constant(client, django_assert_max_num_queries, rows):
    me = UserFactory()
    NotificationFactory.create_batch(rows, user=me)
    client.force_login(me, backend="accounts.backends.EmailPasswordBackend")
    with django_assert_max_num_queries(9):
        assert client.get(reverse("accounts:notifications")).status_code == 200


@pytest.mark.django_db
def test_settings_turn_email_off(client):
    me = UserFactory()
    client.force_login(me, backend="accounts.backends.EmailPasswordBackend")
    response = client.post(reverse("accounts:settings"), {})
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.email_notifications is False
