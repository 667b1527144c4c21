"""Demo communications for Leeds: a brand, its channels, two press officers, stories at each
stage (one started from the night-time economy good-practice entry), a year of coverage with
some unsolicited bad news, a forward calendar with weekly briefings and a Christmas campaign,
and publicity budgets on some actions but not all. Idempotent: records are found by name."""

from datetime import datetime, time, timedelta

from django.db import transaction

from accounts.models import Role, User
from accounts.services import role_assign
from core import clock
from partnerships.models import Action, ActionStatus, Agency, Partnership

from .models import (
    Brand,
    CalendarItem,
    Channel,
    ChannelKind,
    Coverage,
    Frequency,
    ItemKind,
    PublicityBudget,
    Stage,
    Story,
    StoryApproval,
    Tone,
)

LEEDS = "E22000345"
POLICE, COUNCIL = "West Yorkshire Police", "Leeds Council"
PRESS_OFFICERS = [
    ("press.police@example.org", "Priya Press", "Press officer", POLICE),
    ("press.council@example.org", "Connor Comms", "Communications officer", COUNCIL),
]
CHANNELS = [
    (
        "Yorkshire Evening Post",
        ChannelKind.LOCAL_PAPER,
        Frequency.DAILY,
        "A page every Thursday filled by the partnership",
        42_000,
        "News desk",
    ),
    ("BBC Radio Leeds", ChannelKind.RADIO, Frequency.DAILY, "", 150_000, "Breakfast producer"),
    (
        "Voluntary Action Leeds newsletter",
        ChannelKind.VOLUNTARY,
        Frequency.MONTHLY,
        "Half a page each month",
        3_500,
        "Newsletter editor",
    ),
    ("Safer Leeds social media", ChannelKind.SOCIAL, Frequency.DAILY, "", 18_000, ""),
    (
        "Harehills street meetings",
        ChannelKind.STREET_MEETING,
        Frequency.MONTHLY,
        "First Tuesday of the month",
        None,
        "Neighbourhood policing inspector",
    ),
]
NIGHT_TIME_ENTRY = "Night-time economy group"


def _press_officers(agencies) -> dict:
    from partnerships.demo import DEMO_PASSWORD

    officers = {}
    for email, full_name, job_title, agency_name in PRESS_OFFICERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, full_name=full_name, job_title=job_title
            )
        role_assign(
            user=user, role=Role.AGENCY_STAFF, agency=agencies[agency_name], is_press_officer=True
        )
        officers[agency_name] = user
    return officers


def _at(day, hour=10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=clock.now().tzinfo)


@transaction.atomic
def seed() -> dict:
    partnership = Partnership.objects.filter(ons_code=LEEDS).first()
    manager = User.objects.filter(email="manager@example.org").first()
    if partnership is None or manager is None:
        return {}
    agencies = {a.name: a for a in Agency.objects.filter(memberships__partnership=partnership)}
    if POLICE not in agencies or COUNCIL not in agencies:
        return {}
    officers = _press_officers(agencies)
    today = clock.today()

    Brand.objects.get_or_create(
        partnership=partnership,
        defaults={
            "public_name": "Safer Leeds",
            "strapline": "Working together for a safer city",
            "primary_colour": "#005ea5",
            "secondary_colour": "#f47738",
            "voice": "Plain, local and calm. Lead with what changed and who helped; give the "
            "figures and their source; never sensationalise a crime.",
            "key_messages": "Leeds is a safe city and getting safer.\n"
            "Agencies work as one team.\nHelp is there when you need it.",
            "updated_by": manager,
        },
    )
    channels = {}
    for name, kind, frequency, slot, reach, contact in CHANNELS:
        channels[name], _ = Channel.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={
                "kind": kind,
                "frequency": frequency,
                "standing_slot": slot,
                "reach": reach,
                "contact_name": contact,
            },
        )
    paper, radio = channels["Yorkshire Evening Post"], channels["BBC Radio Leeds"]

    from goodpractice.models import Entry, Status

    entry = Entry.objects.filter(
        status=Status.PUBLISHED, title__startswith=NIGHT_TIME_ENTRY
    ).first()
    done = Action.objects.filter(partnership=partnership, status=ActionStatus.DONE).first()
    stories = [
        (
            "Help points cut late-night assaults in the city centre",
            "City centre help points staffed on Friday and Saturday nights, with a ban that "
            "applies in every Pubwatch venue. Assault attendances at the emergency department "
            "between 10pm and 3am fell in the first six months.",
            Stage.COVERED,
            paper,
            70,
            entry,
            None,
        ),
        (
            done.title if done else "Knife arches at the summer festivals",
            "An action in our plan, now complete, delivered by the partnership's agencies.",
            Stage.AWAITING_APPROVAL,
            radio,
            -10,
            None,
            done,
        ),
        (
            "Street pastors reach 1,000 people this year",
            "",
            Stage.IDEA,
            None,
            -30,
            None,
            None,
        ),
    ]
    made = []
    for title, facts, stage, channel, days_ago, source_entry, action in stories:
        story, created = Story.objects.get_or_create(
            partnership=partnership,
            title=title,
            defaults={
                "facts": facts,
                "body": facts,
                "stage": stage,
                "owner": manager,
                "channel": channel,
                "planned_on": today - timedelta(days=days_ago - 7),
                "entry": source_entry,
                "action": action,
                "created_at": _at(today - timedelta(days=max(days_ago, 0) + 14)),
            },
        )
        made.append(story)
        if not created or stage == Stage.IDEA:
            continue
        story.sent_for_approval_at = _at(today - timedelta(days=max(days_ago, 5)))
        if stage == Stage.COVERED:
            story.issued_on = today - timedelta(days=days_ago)
        story.save(update_fields=["sent_for_approval_at", "issued_on"])
        for name in (POLICE, COUNCIL):
            approved = stage == Stage.COVERED or name == POLICE
            StoryApproval.objects.create(
                story=story,
                agency=agencies[name],
                approved_by=officers[name] if approved else None,
                approved_at=story.sent_for_approval_at + timedelta(days=1) if approved else None,
            )

    covered = made[0]
    coverage = [
        (paper, covered, 69, "Help points bring calm to city centre nights", Tone.POSITIVE, True),
        (radio, covered, 68, "Breakfast interview: the help points team", Tone.POSITIVE, True),
        (
            None,
            None,
            40,
            "Night of violence in the city centre, says national paper",
            Tone.NEGATIVE,
            False,
        ),
        (paper, None, 25, "Council budget: what it means for policing", Tone.NEUTRAL, False),
        (paper, None, 12, "Residents' fears over Harehills stabbing", Tone.NEGATIVE, False),
        (
            channels["Voluntary Action Leeds newsletter"],
            covered,
            20,
            "Volunteers on the night-time streets",
            Tone.POSITIVE,
            True,
        ),
    ]
    for channel, story, days_ago, headline, tone, quoted in coverage:
        Coverage.objects.get_or_create(
            partnership=partnership,
            headline=headline,
            defaults={
                "channel": channel,
                "outlet_name": "" if channel else "A national daily paper",
                "story": story,
                "published_on": today - timedelta(days=days_ago),
                "tone": tone,
                "partnership_quoted": quoted,
                "reach": channel.reach if channel else None,
                "recorded_by": manager,
            },
        )

    monday = today - timedelta(days=today.weekday())
    items = [
        (
            ItemKind.BRIEFING,
            f"Weekly media briefing, {(monday + timedelta(weeks=w)):%-d %B}",
            monday + timedelta(weeks=w, days=1),
            time(9, 30),
            "Civic Hall",
        )
        for w in range(0, 4)
    ]
    christmas = today.replace(month=12, day=1) if today.month < 12 else today
    items += [
        (ItemKind.CAMPAIGN, "Safe nights out before Christmas", christmas, None, "City centre"),
        (
            ItemKind.EVENT,
            "Night Time Extravaganza",
            christmas + timedelta(days=10),
            time(19, 0),
            "Millennium Square",
        ),
    ]
    for kind, title, starts_on, start_time, location in items:
        CalendarItem.objects.get_or_create(
            partnership=partnership,
            title=title,
            defaults={
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": starts_on + timedelta(days=24) if kind == ItemKind.CAMPAIGN else None,
                "start_time": start_time,
                "location": location,
            },
        )

    for index, action in enumerate(Action.objects.filter(partnership=partnership)[:2]):
        PublicityBudget.objects.get_or_create(
            partnership=partnership,
            action=action,
            defaults={"total": 40_000 + 10_000 * index, "publicity": 1_500 + 500 * index},
        )
    PublicityBudget.objects.get_or_create(
        partnership=partnership,
        initiative="Safe nights out before Christmas",
        defaults={"total": 12_000, "publicity": 3_000},
    )
    return {"stories": made, "press_officers": officers}
