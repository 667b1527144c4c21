"""A real Celery worker over Redis delivers the notification email, once."""

import pytest

from accounts.models import Notification
from accounts.services import notify
from tests.factories import UserFactory
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def emails_in(mail_dir):
    return sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []


def test_worker_delivers_notification_email_once(real_broker, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    user = UserFactory(email="pat@example.org")
    with celery_worker(mail_dir=mail_dir):
        notification, created = notify(
            user=user,
            subject="Agreement review due",
            body="Review the agreement.",
            idempotency_key="test:review-due:1",
            url="/",
        )
        again, created_again = notify(
            user=user,
            subject="Agreement review due",
            body="Review the agreement.",
            idempotency_key="test:review-due:1",
        )
        assert created and not created_again and again.pk == notification.pk

        def delivered():
            notification.refresh_from_db()
            return notification.emailed_at is not None and emails_in(mail_dir)

        assert wait_for(delivered), "the worker did not send the email"
        # A second delivery of the same task (as after a worker crash) sends nothing more.
        from accounts.tasks import send_notification_email

        send_notification_email.delay(notification.pk)
        wait_for(lambda: False, timeout=2)
    files = emails_in(mail_dir)
    assert len(files) == 1
    text = files[0].read_text()
    assert "To: pat@example.org" in text and "Subject: Agreement review due" in text
    assert Notification.objects.filter(user=user).count() == 1
