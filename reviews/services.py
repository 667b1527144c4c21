"""Writes for regional reviews: notes, follow-up actions and the reminders about them."""

from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.services import notify
from cdrp_portal import clock

from .models import FollowUpAction, FollowUpReminderSent, FollowUpStatus, ReviewNote


@transaction.atomic
def note_create(*, partnership, author, written_on, text, shared_with_manager) -> ReviewNote:
    """Record a review note; a shared note is also sent to the partnership's managers."""
    note = ReviewNote.objects.create(partnership=partnership, author=author,
                                     written_on=written_on, text=text,
                                     shared_with_manager=shared_with_manager)
    if shared_with_manager:
        _tell_managers(note)
    return note


def _tell_managers(note: ReviewNote) -> None:
    from accounts.models import Role, RoleAssignment

    managers = RoleAssignment.objects.filter(
        role=Role.MANAGER, partnership_id=note.partnership_id, user__is_active=True,
    ).select_related("user")
    url = reverse("reviews:shared-notes", kwargs={"code": note.partnership.ons_code})
    for assignment in managers:
        notify(
            user=assignment.user,
            subject=f"A regional reviewer shared a review note on {note.partnership.name}",
            body=(f"{note.author or 'A regional reviewer'} wrote, on "
                  f"{note.written_on:%-d %B %Y}:\n\n{note.text}"),
            idempotency_key=f"reviews-shared-note-{note.pk}-{assignment.user_id}",
            url=url,
        )


def follow_up_create(*, partnership, created_by, **fields) -> FollowUpAction:
    return FollowUpAction.objects.create(partnership=partnership, created_by=created_by, **fields)


def follow_up_set_status(*, action: FollowUpAction, status: str) -> FollowUpAction:
    action.status = status
    action.save(update_fields=["status"])
    return action


def follow_up_reminders_send(*, today=None) -> int:
    """Remind each follow-up action's reviewer once, when it falls due (or is overdue) and is
    still open. A unique constraint records the reminder in the same transaction as the
    notification, whose idempotency key makes a repeat send nothing."""
    today = today or clock.today()
    due = (FollowUpAction.objects.filter(status=FollowUpStatus.OPEN, due_on__lte=today,
                                         created_by__isnull=False, created_by__is_active=True)
           .select_related("partnership", "created_by", "owner_agency"))
    sent = 0
    for action in due:
        user = action.created_by
        try:
            with transaction.atomic():
                FollowUpReminderSent.objects.create(action=action, user=user)
                notify(
                    user=user,
                    subject=f"Follow-up due: {action.title} ({action.partnership.name})",
                    body=(f"The follow-up action “{action.title}” for {action.partnership.name}, "
                          f"owned by {action.owner_label}, was due on "
                          f"{action.due_on:%-d %B %Y} and is still open."),
                    idempotency_key=f"reviews-follow-up-{action.pk}-{user.pk}",
                    url=reverse("reviews:review", kwargs={"code": action.partnership.ons_code}),
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
