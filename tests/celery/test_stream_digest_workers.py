"""The quarterly "what your data achieved" digest through real Celery workers over Redis and
PostgreSQL: two workers running it at once, then a third run, send each person one digest."""

from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification, Role
from accounts.services import role_assign
from core import clock
from datasharing import periods, services
from datasharing.models import DataUse, PrescribedDataset, StreamDigestSent
from tests.factories import UserFactory
from tests.partnerships.factories import ActionFactory
from tests.workers import celery_worker, sent_emails, wait_for

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_workers_at_once_then_again_send_each_digest_once(real_broker, world, tmp_path):
    from datasharing.tasks import send_stream_digests

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    for n in range(10):
        role_assign(
            user=UserFactory(email=f"police{n}@example.org"),
            role=Role.AGENCY_STAFF,
            agency=world.agency,
        )
    # A use of the police's recorded crime in the quarter before the workers' today.
    last_quarter = periods.previous_period(
        periods.period_containing(clock.today(), "quarterly"), "quarterly"
    )
    use = services.data_use_add(
        user=world.users["manager_this"],
        partnership=world.partnership,
        agency=world.agency,
        dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
        action=ActionFactory(partnership=world.partnership, owner=world.agency),
    )
    DataUse.objects.filter(pk=use.pk).update(
        created_at=timezone.make_aware(
            datetime.combine(last_quarter.start + timedelta(days=3), datetime.min.time())
        )
    )
    Notification.objects.all().delete()
    recipients = 11  # staff_this and ten colleagues

    with celery_worker(mail_dir=mail_dir, name="a"), celery_worker(mail_dir=mail_dir, name="b"):
        send_stream_digests.delay()
        send_stream_digests.delay()

        def settled():
            return (
                StreamDigestSent.objects.count() >= recipients
                and Notification.objects.filter(emailed_at__isnull=True).count() == 0
                and len(sent_emails(mail_dir)) >= recipients
            )

        assert wait_for(settled, timeout=90), "the workers did not send every digest"
        wait_for(lambda: False, timeout=3)  # let the slower run finish
        send_stream_digests.delay()  # the job run again: nothing more
        wait_for(lambda: False, timeout=5)

    assert StreamDigestSent.objects.filter(quarter_start=last_quarter.start).count() == recipients
    emails = sent_emails(mail_dir)
    duplicates = [pair for pair, n in Counter(emails).items() if n > 1]
    assert not duplicates, f"sent more than once: {duplicates}"
    assert len(emails) == recipients
    assert all("What your data achieved" in subject for _to, subject in emails)
