"""Data-sharing reminders through real Celery workers over Redis and PostgreSQL: two workers
running the daily sweep at the same time, then a third run, send each notice exactly once."""

from collections import Counter
from datetime import timedelta

import pytest

from accounts.models import Notification, Role
from accounts.services import role_assign
from core import clock
from datasharing.models import ReminderSent
from tests.datasharing.helpers import make_agreement
from tests.factories import UserFactory
from tests.workers import celery_worker, sent_emails, wait_for

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sweep_via_broker():
    from datasharing.tasks import send_daily_reminders

    send_daily_reminders.delay()


def test_two_workers_sweeping_at_once_then_again_send_each_notice_once(
    real_broker, world, tmp_path
):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    # Many people to notify, so the two sweeps overlap.
    for n in range(10):
        role_assign(
            user=UserFactory(email=f"police{n}@example.org"),
            role=Role.AGENCY_STAFF,
            agency=world.agency,
        )
    agreement = make_agreement(
        world, status="active", values={"review_date": clock.today() + timedelta(days=7)}
    )
    Notification.objects.all().delete()  # the "please sign" notices of the set-up
    party_staff = 12  # staff_this, ten police colleagues, the council's signatory
    review_notices = party_staff + 1  # and the partnership manager

    with celery_worker(mail_dir=mail_dir, name="a"), celery_worker(mail_dir=mail_dir, name="b"):
        sweep_via_broker()
        sweep_via_broker()

        def settled():
            count = ReminderSent.objects.count()
            return (
                count >= review_notices
                and Notification.objects.filter(emailed_at__isnull=True).count() == 0
                and len(sent_emails(mail_dir)) >= count
            )

        assert wait_for(settled, timeout=90), "the workers did not send every notice"
        wait_for(lambda: False, timeout=3)  # let the slower sweep finish
        first_total = ReminderSent.objects.count()
        sweep_via_broker()  # the job run again: nothing more
        wait_for(lambda: False, timeout=5)

    assert ReminderSent.objects.count() == first_total
    assert (
        ReminderSent.objects.filter(kind="review", days_before=7, agreement=agreement).count()
        == review_notices
    )
    assert (
        Notification.objects.filter(idempotency_key__startswith="datasharing:").count()
        == first_total
    )
    emails = sent_emails(mail_dir)
    duplicates = [pair for pair, n in Counter(emails).items() if n > 1]
    assert not duplicates, f"sent more than once: {duplicates}"
    assert len(emails) == first_total
    review_recipients = {to for to, subject in emails if "is due for review" in subject}
    assert len(review_recipients) == review_notices
