"""Communications reminders through real Celery workers over Redis and PostgreSQL: two workers
running the daily sweep at the same time, then a third run, send each notice exactly once."""

from collections import Counter
from datetime import timedelta

import pytest

from accounts.models import Notification, Role
from accounts.services import role_assign
from communications.models import CalendarItem, Story
from core import clock
from tests.communications.stories_helpers import press_officer, story
from tests.factories import UserFactory
from tests.workers import celery_worker, sent_emails, wait_for

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sweep_via_broker():
    from communications.tasks import send_daily_reminders

    send_daily_reminders.delay()


def test_two_workers_sweeping_at_once_then_again_send_each_notice_once(
    real_broker, world, tmp_path
):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    # Many press officers and managers, so the two sweeps overlap.
    for n in range(10):
        press_officer(world.agency, f"police.press{n}@example.org")
    for n in range(4):
        role_assign(
            user=UserFactory(email=f"manager{n}@example.org"),
            role=Role.MANAGER,
            partnership=world.partnership,
        )
    waiting = story(world, stage="awaiting_approval", title="Waiting a fortnight")
    Story.objects.filter(pk=waiting.pk).update(
        sent_for_approval_at=clock.now() - timedelta(days=14)
    )
    story(world, stage="awaiting_approval", title="Sent today")  # not yet due
    CalendarItem.objects.create(
        partnership=world.partnership,
        kind="briefing",
        title="Weekly briefing",
        starts_on=clock.today(),
    )
    Notification.objects.all().delete()  # the "please approve" notices of the set-up
    approval_notices = 10
    briefing_notices = 5  # manager_this and four more
    expected = approval_notices + briefing_notices

    def ours():
        return Notification.objects.filter(
            idempotency_key__regex=r"^communications:(approval-waiting|briefing):"
        )

    with celery_worker(mail_dir=mail_dir, name="a"), celery_worker(mail_dir=mail_dir, name="b"):
        sweep_via_broker()
        sweep_via_broker()

        def settled():
            return (
                ours().count() >= expected
                and Notification.objects.filter(emailed_at__isnull=True).count() == 0
                and len(sent_emails(mail_dir)) >= expected
            )

        assert wait_for(settled, timeout=90), "the workers did not send every notice"
        wait_for(lambda: False, timeout=3)  # let the slower sweep finish
        sweep_via_broker()  # the job run again: nothing more
        wait_for(lambda: False, timeout=5)

    assert ours().count() == expected
    assert ours().filter(subject__contains="Waiting a fortnight").count() == approval_notices
    assert ours().filter(subject__contains="Sent today").count() == 0
    emails = sent_emails(mail_dir)
    duplicates = [pair for pair, n in Counter(emails).items() if n > 1]
    assert not duplicates, f"sent more than once: {duplicates}"
    assert len(emails) == expected
    assert {to for to, subject in emails if "Media briefing this week" in subject} == {
        "manager.this@example.org",
        *(f"manager{n}@example.org" for n in range(4)),
    }
