"""Writes for accounts: users, role assignments and notifications."""

from django.db import IntegrityError, transaction

from core import clock

from .models import (
    NoticeDelivery,
    NoticeKind,
    Notification,
    NotificationPreference,
    Role,
    RoleAssignment,
    User,
    notice_kind,
)


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    job_title: str = "",
    password: str | None = None,
    is_staff: bool = False,
) -> User:
    return User.objects.create_user(
        email=email, full_name=full_name, job_title=job_title, password=password, is_staff=is_staff
    )


def user_invite(*, user: User, site_url: str) -> None:
    """Email a new user a link to set their password (single use, expiring); `site_url` is
    the portal's address as the administrator reached it, like https://portal.example.org."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from .tokens import invitation_token

    link = site_url.rstrip("/") + reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    send_mail(
        subject=f"You have been added to the {settings.SERVICE_NAME}",
        message=render_to_string(
            "accounts/email/invitation.txt",
            {"user": user, "link": link, "days": days, "service": settings.SERVICE_NAME},
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def role_assign(
    *,
    user: User,
    role: str,
    region=None,
    partnership=None,
    agency=None,
    is_signatory: bool = False,
    is_press_officer: bool = False,
) -> RoleAssignment:
    """Give a user a role in a scope. Assigning the same role twice returns the existing one."""
    if role != Role.AGENCY_STAFF:
        is_signatory = is_press_officer = False
    flags = {"is_signatory": is_signatory, "is_press_officer": is_press_officer}
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        region=region,
        partnership=partnership,
        agency=agency,
        defaults=flags,
    )
    changed = [name for name, value in flags.items() if getattr(assignment, name) != value]
    if not created and changed:
        for name in changed:
            setattr(assignment, name, flags[name])
        assignment.save(update_fields=changed)
    if role == Role.ADMINISTRATOR and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return assignment


def role_remove(*, assignment: RoleAssignment) -> None:
    user = assignment.user
    assignment.delete()
    if not user.is_superuser and not user.role_assignments.filter(role=Role.ADMINISTRATOR).exists():
        if user.is_staff:
            user.is_staff = False
            user.save(update_fields=["is_staff"])


def notify(
    *,
    user: User,
    subject: str,
    body: str,
    idempotency_key: str,
    url: str = "",
    email: bool = True,
) -> tuple[Notification, bool]:
    """Tell a user something: list it on their notifications page and email it to them.

    The idempotency key makes the notice happen once: a second call with the same key finds the
    first notice and sends nothing. The email goes through a Celery task enqueued after the
    surrounding transaction commits. With email=False (a kind of notice the user chose not
    to have emailed) it is listed in the portal only. The user's choice for the notice's kind
    (NotificationPreference) applies too: in the portal only, or off (nothing is recorded,
    and None is returned).
    """
    from .tasks import send_notification_email

    delivery = notice_delivery(user=user, kind=notice_kind(idempotency_key))
    if delivery == NoticeDelivery.OFF:
        return None, False
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                subject=subject[:200],
                body=body,
                url=url,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        return Notification.objects.get(idempotency_key=idempotency_key), False
    if email and user.email_notifications and delivery == NoticeDelivery.EMAIL:
        send_notification_email.delay_on_commit(notification.pk)
    return notification, True


def notification_send_email(*, notification_id: int) -> bool:
    """Email one stored notification, at most once. Returns whether an email went out."""
    from django.conf import settings
    from django.core.mail import send_mail

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.user.email_notifications:
            return False
        delay = float(getattr(settings, "NOTIFICATION_EMAIL_TEST_DELAY", 0) or 0)
        if delay:
            import time

            time.sleep(delay)  # tests only: a window in which to kill the worker
        link = ""
        if notification.url:
            base = getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
            link = f"\n\n{base}{notification.url}"
        send_mail(
            subject=notification.subject,
            message=f"{notification.body}{link}\n\n-- \n{settings.SERVICE_NAME}",
            from_email=None,
            recipient_list=[notification.user.email],
        )
        notification.emailed_at = clock.now()
        notification.save(update_fields=["emailed_at"])
    return True


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=clock.now())


def notice_delivery(*, user: User, kind: str | None) -> str:
    """How the user receives notices of this kind (by email unless they chose otherwise)."""
    if kind is None:
        return NoticeDelivery.EMAIL
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or NoticeDelivery.EMAIL


@transaction.atomic
def preferences_update(
    *, user: User, email_notifications: bool, deliveries: dict[str, str] | None = None
) -> User:
    """The email switch, and how each kind of notice arrives (kind -> NoticeDelivery)."""
    user.email_notifications = email_notifications
    user.save(update_fields=["email_notifications"])
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(
                user=user, kind=NoticeKind(kind), delivery=NoticeDelivery(delivery)
            )
            for kind, delivery in (deliveries or {}).items()
        ],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["delivery"],
    )
    return user
