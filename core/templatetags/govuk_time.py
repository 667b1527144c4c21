"""Times and dates written the GOV.UK way: "11:18pm", "9am", "midnight", "midday".

Django's own "a" format gives "p.m."; GOV.UK style is "11:18pm", with no ":00" on the hour and
"midday" and "midnight" for 12:00. Every template writes times through these filters (built in,
no {% load %} needed), and Python code through govuk_time().
"""

from datetime import date, datetime, time

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def govuk_time(value: time | datetime) -> str:
    """A time as GOV.UK writes it: "11:18pm", "9am", "midday" or "midnight"."""
    value = _local(value)
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter(name="govuk_time")
def govuk_time_filter(value):
    """{{ when|govuk_time }}: "11:18pm"."""
    if value in (None, ""):
        return ""
    return govuk_time(value)


@register.filter
def govuk_datetime(value, date_format_string="j F Y"):
    """{{ when|govuk_datetime }}: "2 December 2026, 11:18pm" (the date part in a date format)."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if not isinstance(value, datetime):
        return date_format(value, date_format_string) if isinstance(value, date) else value
    return f"{date_format(value, date_format_string)}, {govuk_time(value)}"
