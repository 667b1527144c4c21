"""The portal's clock. Code that compares against "now" calls this, so tests can control time."""

from django.utils import timezone


def now():
    return timezone.now()


def today():
    return timezone.localdate(now())
