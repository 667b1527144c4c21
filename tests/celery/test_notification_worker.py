"""A real Celery worker over Redis delivers the notification email, once."""

import pytest

from accounts.models import Notification
from accounts.services import notify
from tests.factories import UserFactory
from tests.workers import celery_worker, sent_emails, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


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
            return notification.emailed_at is not None and sent_emails(mail_dir)

        assert wait_for(delivered), "the worker did not send the email"
        # A second delivery of the same task (as after a worker crash) sends nothing more.
        from accounts.tasks import send_notification_email

        send_notification_email.delay(notification.pk)
        wait_for(lambda: False, timeout=2)
    # One message, not merely one file: a duplicate could be appended to the same file.
    assert sent_emails(mail_dir) == [("pat@example.org", "Agreement review due")]
    assert Notification.objects.filter(user=user).count() == 1
