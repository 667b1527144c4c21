"""What changes a partnership's brand, channels, coverage and calendar, and the few reads their
pages share (the coverage balance, the forward calendar, a colour's readable text).

Every write checks that the records it links (a channel, a story) are the same partnership's:
the forms offer only those, but a crafted request could name any id."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from core import clock

from ..models import Brand, CalendarItem, Channel, Coverage, Stage, Story, Tone

BRAND_FIELDS = (
    "public_name",
    "strapline",
    "primary_colour",
    "secondary_colour",
    "voice",
    "key_messages",
)
CHANNEL_FIELDS = (
    "name",
    "kind",
    "frequency",
    "standing_slot",
    "reach",
    "contact_name",
    "contact_email",
    "contact_phone",
    "note",
    "is_active",
)
COVERAGE_FIELDS = (
    "channel",
    "outlet_name",
    "published_on",
    "headline",
    "url",
    "reach",
    "tone",
    "partnership_quoted",
    "story",
)
CALENDAR_FIELDS = (
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "start_time",
    "location",
    "description",
    "story",
)


def _set(instance, values: dict, allowed) -> None:
    for name in allowed:
        if name in values:
            setattr(instance, name, values[name])


# Brand ---------------------------------------------------------------------------------------


def brand_of(partnership) -> Brand | None:
    return Brand.objects.filter(partnership=partnership).select_related("updated_by").first()


@transaction.atomic
def brand_save(*, partnership, user, values: dict) -> Brand:
    """Set the partnership's brand, or change it."""
    brand = brand_of(partnership) or Brand(partnership=partnership)
    _set(brand, values, BRAND_FIELDS)
    brand.primary_colour = brand.primary_colour.lower()
    brand.secondary_colour = brand.secondary_colour.lower()
    brand.updated_by = user
    brand.updated_at = clock.now()
    brand.full_clean()
    brand.save()
    return brand


def _luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2 defines it."""
    channels = []
    for i in (1, 3, 5):
        value = int(hex_colour[i : i + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Swatch:
    """A brand colour and the text that can be read on it."""

    label: str
    hex: str
    text_colour: str  # "white" or "black"
    ratio: float

    @property
    def meets_aa(self) -> bool:
        return self.ratio >= 4.5

    @property
    def text_hex(self) -> str:
        return "#ffffff" if self.text_colour == "white" else "#0b0c0c"


def swatch(label: str, hex_colour: str) -> Swatch:
    """Whichever of white or black text reads better on the colour, and how well (WCAG AA asks
    for 4.5 to 1 for body text)."""
    on_white = contrast(hex_colour, "#ffffff")
    on_black = contrast(hex_colour, "#0b0c0c")
    if on_white >= on_black:
        return Swatch(label, hex_colour, "white", round(on_white, 1))
    return Swatch(label, hex_colour, "black", round(on_black, 1))


def swatches(brand: Brand) -> list[Swatch]:
    found = [swatch("Main colour", brand.primary_colour)]
    if brand.secondary_colour:
        found.append(swatch("Second colour", brand.secondary_colour))
    return found


# Channels ------------------------------------------------------------------------------------

NAME_TAKEN = "The partnership already has a channel with this name"


def _save_channel(channel: Channel) -> Channel:
    if (
        Channel.objects.filter(partnership=channel.partnership, name__iexact=channel.name)
        .exclude(pk=channel.pk)
        .exists()
    ):
        raise ValidationError({"name": NAME_TAKEN})
    channel.full_clean(exclude=["partnership"], validate_constraints=False)
    try:
        with transaction.atomic():
            channel.save()
    except IntegrityError as error:  # the same name saved a moment ago by someone else
        raise ValidationError({"name": NAME_TAKEN}) from error
    return channel


def channel_create(*, partnership, values: dict) -> Channel:
    channel = Channel(partnership=partnership)
    _set(channel, values, CHANNEL_FIELDS)
    return _save_channel(channel)


def channel_update(*, channel: Channel, values: dict) -> Channel:
    _set(channel, values, CHANNEL_FIELDS)
    return _save_channel(channel)


def channel_list(*, partnership):
    """In-use channels first, then those no longer used, each by name."""
    return Channel.objects.filter(partnership=partnership).order_by("-is_active", "name", "id")


# Coverage ------------------------------------------------------------------------------------


def _check_coverage(coverage: Coverage) -> None:
    errors = {}
    if coverage.channel is not None and coverage.channel.partnership_id != coverage.partnership_id:
        errors["channel"] = "Select one of the partnership’s channels"
    if coverage.story is not None and coverage.story.partnership_id != coverage.partnership_id:
        errors["story"] = "Select one of the partnership’s stories"
    if coverage.channel is None and not coverage.outlet_name.strip():
        errors["outlet_name"] = "Select the outlet, or enter its name if it is not a channel"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def _save_coverage(coverage: Coverage) -> Coverage:
    _check_coverage(coverage)
    if coverage.channel is not None:
        coverage.outlet_name = ""  # the channel names the outlet
    coverage.save()
    if coverage.story is not None:
        # Coverage of an issued story is what "covered" means.
        Story.objects.filter(pk=coverage.story.pk, stage=Stage.ISSUED).update(stage=Stage.COVERED)
    return coverage


def coverage_record(*, partnership, user, values: dict) -> Coverage:
    coverage = Coverage(partnership=partnership, recorded_by=user)
    _set(coverage, values, COVERAGE_FIELDS)
    return _save_coverage(coverage)


def coverage_update(*, coverage: Coverage, values: dict) -> Coverage:
    _set(coverage, values, COVERAGE_FIELDS)
    return _save_coverage(coverage)


def coverage_list(*, partnership, tones=(), since: date | None = None, until: date | None = None):
    """The partnership's coverage, newest first, filtered by tone and by date."""
    found = Coverage.objects.filter(partnership=partnership)
    if tones:
        found = found.filter(tone__in=tones)
    if since:
        found = found.filter(published_on__gte=since)
    if until:
        found = found.filter(published_on__lte=until)
    return found.select_related("channel", "story").order_by("-published_on", "-id")


@dataclass(frozen=True)
class Balance:
    """How the coverage of a period splits by tone, and how often the partnership was quoted."""

    positive: int
    neutral: int
    negative: int
    quoted: int

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative

    def _share(self, part: int) -> int | None:
        return round(100 * part / self.total) if self.total else None

    @property
    def positive_share(self):
        return self._share(self.positive)

    @property
    def neutral_share(self):
        return self._share(self.neutral)

    @property
    def negative_share(self):
        return self._share(self.negative)

    @property
    def quoted_share(self):
        return self._share(self.quoted)


def coverage_balance(coverage) -> Balance:
    """The balance of a coverage queryset, in one query."""
    counts = coverage.order_by().aggregate(
        positive=Count("pk", filter=Q(tone=Tone.POSITIVE)),
        neutral=Count("pk", filter=Q(tone=Tone.NEUTRAL)),
        negative=Count("pk", filter=Q(tone=Tone.NEGATIVE)),
        quoted=Count("pk", filter=Q(partnership_quoted=True)),
    )
    return Balance(**counts)


# Calendar ------------------------------------------------------------------------------------


def _save_calendar_item(item: CalendarItem) -> CalendarItem:
    errors = {}
    if item.ends_on is not None and item.starts_on and item.ends_on < item.starts_on:
        errors["ends_on"] = "The end date must be the same as or after the start date"
    if item.story is not None and item.story.partnership_id != item.partnership_id:
        errors["story"] = "Select one of the partnership’s stories"
    if errors:
        raise ValidationError(errors)
    item.save()
    return item


def calendar_item_create(*, partnership, values: dict) -> CalendarItem:
    item = CalendarItem(partnership=partnership)
    _set(item, values, CALENDAR_FIELDS)
    return _save_calendar_item(item)


def calendar_item_update(*, item: CalendarItem, values: dict) -> CalendarItem:
    _set(item, values, CALENDAR_FIELDS)
    return _save_calendar_item(item)


def _still_on(today: date) -> Q:
    """Items that have not finished by `today`: one-day items from today, longer ones until
    their last day."""
    return Q(ends_on__isnull=True, starts_on__gte=today) | Q(ends_on__gte=today)


def calendar_upcoming(*, partnership, today: date):
    return (
        CalendarItem.objects.filter(partnership=partnership)
        .filter(_still_on(today))
        .select_related("story")
        .order_by("starts_on", "start_time", "id")
    )


def calendar_past(*, partnership, today: date):
    return (
        CalendarItem.objects.filter(partnership=partnership)
        .exclude(_still_on(today))
        .select_related("story")
        .order_by("-starts_on", "-start_time", "-id")
    )
