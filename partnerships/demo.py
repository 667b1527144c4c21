"""Demo data for partnerships: regions' partnerships with their profiles, agencies of every
type with their engagement, contacts, groups and meetings, documents, priorities and actions,
and the demo accounts. Idempotent: running it again adds nothing and changes nothing a person
has edited since."""

from datetime import date, timedelta

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from accounts.models import Role, User
from accounts.services import role_assign
from core import clock

from . import services
from .demo_data import DEMO_PARTNERSHIPS
from .models import (
    ActionStatus,
    Agency,
    AgencyType,
    AnalyticalCapacity,
    Contact,
    DocumentKind,
    GroupKind,
    Level,
    Membership,
    Partnership,
    Region,
    Structure,
)

DEMO_PASSWORD = "demo-partnership-2026"  # noqa: S105 - published in the README

AMBULANCE_BY_REGION = {
    "E12000001": "North East Ambulance Service",
    "E12000002": "North West Ambulance Service",
    "E12000003": "Yorkshire Ambulance Service",
    "E12000004": "East Midlands Ambulance Service",
    "E12000006": "East of England Ambulance Service",
    "E12000008": "South East Coast Ambulance Service",
    "W92000004": "Welsh Ambulance Service",
}
COUNTY_BY_FORCE = {
    "Norfolk": "Norfolk County Council",
    "Sussex": "West Sussex County Council",
    "Nottinghamshire": "Nottinghamshire County Council",
}

# (email, full name, job title, role, scope: region codes, partnership code or agency name,
#  authorised signatory)
DEMO_ACCOUNTS = [
    ("admin@example.org", "Alex Admin", "Portal administrator", Role.ADMINISTRATOR, None, False),
    (
        "reviewer@example.org",
        "Riya Reviewer",
        "Violence reduction lead, regional office",
        Role.REVIEWER,
        ["E12000003", "E12000001"],
        False,
    ),
    (
        "reviewer.northwest@example.org",
        "Noel Northwest",
        "Regional reviewer",
        Role.REVIEWER,
        ["E12000002"],
        False,
    ),
    (
        "manager@example.org",
        "Morgan Manager",
        "Community safety partnership manager",
        Role.MANAGER,
        "E22000345",
        False,
    ),
    (
        "manager.bolton@example.org",
        "Bea Bolton",
        "Community safety partnership manager",
        Role.MANAGER,
        "E22000099",
        False,
    ),
    (
        "staff@example.org",
        "Sam Staff",
        "Information sharing lead",
        Role.AGENCY_STAFF,
        "West Yorkshire Police",
        True,
    ),
    (
        "staff.hospital@example.org",
        "Hana Hospital",
        "Emergency department data lead",
        Role.AGENCY_STAFF,
        "Leeds Hospital Emergency Department",
        True,
    ),
]


# Councils' org-id.guide identifiers: GB-LAE (England) and GB-WALEA (Wales) with the register's
# code for the council, as the 360Giving export names a bid's recipient.
COUNCIL_ORG_IDS = {
    "Newcastle upon Tyne Council": "GB-LAE-NET",
    "Sunderland Council": "GB-LAE-SND",
    "Bolton Council": "GB-LAE-BOL",
    "Liverpool Council": "GB-LAE-LIV",
    "Leeds Council": "GB-LAE-LDS",
    "Sheffield Council": "GB-LAE-SHF",
    "Kingston upon Hull, City of Council": "GB-LAE-KHL",
    "Nottingham Council": "GB-LAE-NGM",
    "Broxtowe Borough Council": "GB-LAE-BRT",
    "Gedling Borough Council": "GB-LAE-GED",
    "Rushcliffe Borough Council": "GB-LAE-RUS",
    "Leicester Council": "GB-LAE-LCE",
    "Southend-on-Sea Council": "GB-LAE-SOS",
    "Peterborough Council": "GB-LAE-PTE",
    "Norwich Borough Council": "GB-LAE-NOW",
    "Brighton and Hove Council": "GB-LAE-BNH",
    "Reading Council": "GB-LAE-RDG",
    "Crawley Borough Council": "GB-LAE-CRW",
    "Cardiff Council": "GB-WALEA-CRF",
    "Swansea Council": "GB-WALEA-SWA",
    "Norfolk County Council": "GB-LAE-NFK",
    "West Sussex County Council": "GB-LAE-WSX",
    "Nottinghamshire County Council": "GB-LAE-NTT",
}


def _agency(type_slug: str, name: str, types: dict, site_code: str = "") -> Agency:
    agency, _ = Agency.objects.get_or_create(
        name=name, agency_type=types[type_slug], defaults={"site_code": site_code}
    )
    org_id = COUNCIL_ORG_IDS.get(name, "")
    if org_id and agency.org_id != org_id:
        agency.org_id = org_id
        agency.save(update_fields=["org_id"])
    return agency


def agencies_for(
    *, partnership: Partnership, force: str, las: list[str], two_tier: bool, types: dict
) -> list[Agency]:
    """One agency of every type for a demo partnership, shared where agencies really are."""
    name = partnership.name
    region_code = partnership.region.code
    welsh = region_code.startswith("W")
    agencies = [
        _agency("police", f"{force} Police", types),
        _agency("pcc", f"{force} Police and Crime Commissioner", types),
        _agency("fire", f"{force} Fire and Rescue Service", types),
        _agency(
            "emergency-department",
            f"{name} Hospital Emergency Department",
            types,
            site_code=f"ED{partnership.ons_code[-5:]}",
        ),
        _agency("ambulance", AMBULANCE_BY_REGION[region_code], types),
        _agency(
            "probation",
            "Probation Service Wales" if welsh else f"Probation Service {partnership.region.name}",
            types,
        ),
        _agency(
            "health-commissioner",
            f"{name} Local Health Board" if welsh else f"{name} Integrated Care Board place team",
            types,
        ),
        _agency("yot", f"{name} Youth Justice Service", types),
        _agency("education", f"{name} Schools and Education Service", types),
        _agency("drug-alcohol", f"{name} Drug and Alcohol Service", types),
        _agency("licensed-trade", f"{name} Pubwatch", types),
        _agency("voluntary", f"{name} Council for Voluntary Service", types),
        _agency("housing", f"{name} Homes", types),
        _agency("other", f"{name} Business Improvement District", types),
    ]
    if two_tier:
        agencies.append(_agency("la-county", COUNTY_BY_FORCE[force], types))
        agencies += [_agency("la-district", f"{la} Borough Council", types) for la in las]
    else:
        agencies += [_agency("la-unitary", f"{la} Council", types) for la in las]
    return agencies


# Most-similar-group labels are imported as data (DOMAIN.md: the Home Office variables were not
# found). These are neutral names in the Home Office's "Group N: kind of area" shape, not its
# own families; nothing a user reads calls them made up.
def _similar_group(population: int, two_tier: bool) -> str:
    if two_tier:
        return "Group 7: shire districts"
    if population >= 450_000:
        return "Group 4: large cities"
    return "Group 5: cities and large towns"


CAPACITY_CYCLE = [
    (AnalyticalCapacity.DEDICATED, 2),
    (AnalyticalCapacity.SHARED_POLICE, 1),
    (AnalyticalCapacity.NONE, 0),
    (AnalyticalCapacity.SHARED_COUNCIL, 1),
]

# Engagement levels by agency type for an ordinary demo partnership:
# (strategic, tactical, operational)
LEVELS_BY_TYPE = {
    "police": (True, True, True),
    "pcc": (True, False, False),
    "la-unitary": (True, True, True),
    "la-county": (True, True, False),
    "la-district": (True, True, True),
    "fire": (True, True, False),
    "health-commissioner": (True, False, False),
    "emergency-department": (False, False, True),
    "ambulance": (False, False, False),
    "probation": (True, True, False),
    "yot": (False, True, True),
    "education": (False, True, False),
    "drug-alcohol": (False, True, True),
    "licensed-trade": (False, False, True),
    "voluntary": (False, True, True),
    "housing": (False, True, True),
    "other": (False, False, True),
}


def _profile(
    partnership: Partnership,
    *,
    force: str,
    pfa: str,
    las: list[str],
    two_tier: bool,
    population: int,
    index: int,
) -> None:
    """Fill the profile once; a profile someone has since edited is left alone."""
    if partnership.police_force_area:
        return
    capacity, analysts = CAPACITY_CYCLE[index % len(CAPACITY_CYCLE)]
    if partnership.ons_code == "E22000345":  # Leeds: a dedicated team (DOMAIN.md praises it)
        capacity, analysts = AnalyticalCapacity.DEDICATED, 3
    partnership.police_force_area = force
    partnership.police_force_area_code = pfa
    partnership.local_authorities = "\n".join(las)
    partnership.structure = Structure.TWO_TIER if two_tier else Structure.UNITARY
    partnership.coterminous_with_police_area = False
    partnership.most_similar_group = _similar_group(population, two_tier)
    partnership.population = population
    partnership.analytical_capacity = capacity
    partnership.analyst_count = analysts
    slug = partnership.name.lower().replace(",", "").replace(" ", "")
    partnership.communications_contact_name = f"{partnership.name} communications team"
    partnership.communications_contact_email = f"communications@{slug}-csp.example.org"
    partnership.save()


def _years_ago(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@transaction.atomic
def seed() -> dict:
    regions = {region.code: region for region in Region.objects.all()}
    types = {agency_type.slug: agency_type for agency_type in AgencyType.objects.all()}
    today = clock.today()
    partnerships = {}
    for index, (name, code, region_code, force, pfa, las, two_tier, population) in enumerate(
        DEMO_PARTNERSHIPS
    ):
        partnership, _ = Partnership.objects.get_or_create(
            ons_code=code, defaults={"name": name, "region": regions[region_code]}
        )
        partnerships[code] = partnership
        _profile(
            partnership,
            force=force,
            pfa=pfa,
            las=las,
            two_tier=two_tier,
            population=population,
            index=index,
        )
        for agency in agencies_for(
            partnership=partnership, force=force, las=las, two_tier=two_tier, types=types
        ):
            strategic, tactical, operational = LEVELS_BY_TYPE[agency.agency_type.slug]
            Membership.objects.get_or_create(
                partnership=partnership,
                agency=agency,
                defaults={
                    "strategic": strategic,
                    "tactical": tactical,
                    "operational": operational,
                    "joined_on": _years_ago(today, 3 + index % 5),
                },
            )
        _records(partnership, today=today, rich=code == "E22000345")

    users = {}
    for email, full_name, job_title, role, scope, signatory in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, full_name=full_name, job_title=job_title
            )
        users[email] = user
        if role == Role.ADMINISTRATOR:
            role_assign(user=user, role=role)
        elif role == Role.REVIEWER:
            for region_code in scope:
                role_assign(user=user, role=role, region=regions[region_code])
        elif role == Role.MANAGER:
            role_assign(user=user, role=role, partnership=partnerships[scope])
        else:
            role_assign(
                user=user, role=role, agency=Agency.objects.get(name=scope), is_signatory=signatory
            )
    return {"partnerships": partnerships, "users": users}


# Records inside each partnership ---------------------------------------------------------

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Ellen",
    "Femi",
    "Grace",
    "Harry",
    "Imran",
    "Jess",
    "Kofi",
    "Laura",
    "Mo",
    "Nia",
    "Owen",
    "Priya",
    "Rhys",
    "Sian",
    "Tom",
    "Uma",
    "Vic",
    "Will",
    "Yasmin",
    "Zac",
]
SURNAMES = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Patel",
    "Roberts",
    "Shaw",
    "Taylor",
    "Walker",
    "Wright",
    "Young",
]


class _People:
    """Made-up, repeatable names for demo contacts (example.org addresses only)."""

    def __init__(self, seed_text: str):
        self.n = sum(ord(c) for c in seed_text)

    def next(self) -> tuple[str, str]:
        first = FIRST_NAMES[self.n % len(FIRST_NAMES)]
        last = SURNAMES[(self.n // 3) % len(SURNAMES)]
        self.n += 7
        return f"{first} {last}", f"{first}.{last}".lower() + "@example.org"


def _contact(membership, level, people, *, deputy=True, confirmed_on=None, title=""):
    """An unsaved contact: _records saves them all at once, with their history."""
    name, email = people.next()
    contact = Contact(
        membership=membership,
        level=level,
        name=name,
        job_title=title,
        email=email,
        confirmed_on=confirmed_on,
    )
    if deputy:
        contact.deputy_name, contact.deputy_email = people.next()
    return contact


def _records(partnership: Partnership, *, today: date, rich: bool) -> None:
    if (
        partnership.groups.exists()
        or Contact.objects.filter(membership__partnership=partnership).exists()
    ):
        return  # seeded before
    members = {
        m.agency.agency_type.slug: m
        for m in partnership.memberships.select_related("agency__agency_type")
    }
    people = _People(partnership.ons_code)
    la = members.get("la-unitary") or members.get("la-county")
    recent = today - timedelta(days=60)

    # Contacts: everyone engaged at a level gets a named contact with a deputy, except
    # where the demo shows a gap.
    contacts = []
    for slug, membership in members.items():
        for level in membership.engaged_levels:
            if rich and slug == "probation":
                continue  # below: Leeds probation rests on one person
            if rich and slug == "fire" and level == Level.STRATEGIC:
                contacts.append(
                    _contact(
                        membership,
                        level,
                        people,
                        title="Group manager, prevention",
                        confirmed_on=today - timedelta(days=460),
                    )
                )
                continue
            contacts.append(_contact(membership, level, people, confirmed_on=recent))
    if rich and "probation" in members:
        name, email = people.next()
        contacts += [
            Contact(
                membership=members["probation"],
                level=level,
                name=name,
                email=email,
                job_title="Head of probation delivery unit",
                confirmed_on=recent,
            )
            for level in (Level.STRATEGIC, Level.TACTICAL)
        ]
    bulk_create_with_history(contacts, Contact)

    # Groups and a year of meetings.
    police = members.get("police")
    board = services.group_create(
        partnership=partnership,
        name=f"{partnership.name} Community Safety Partnership Board",
        kind=GroupKind.STRATEGIC_BOARD,
        chair=la.agency if la else None,
        description="Sets the partnership’s priorities and plan.",
    )
    tasking = services.group_create(
        partnership=partnership,
        name="Tasking and coordination group",
        kind=GroupKind.TASKING,
        chair=police.agency if police else None,
        description="Monthly: allocates resources to hotspots.",
    )
    groups = [
        (board, 91, Level.STRATEGIC, 4 if rich else 2),
        (tasking, 30, Level.TACTICAL, 12 if rich else 3),
    ]
    if rich:
        marac = services.group_create(
            partnership=partnership,
            name="Leeds MARAC",
            kind=GroupKind.MARAC,
            chair=police.agency if police else None,
            description="High-risk domestic abuse cases. The portal "
            "records attendance only, never case data.",
        )
        services.group_create(
            partnership=partnership,
            name="City centre night-time economy group",
            kind=GroupKind.NIGHT_TIME_ECONOMY,
            chair=members["licensed-trade"].agency if "licensed-trade" in members else None,
        )
        groups.append((marac, 30, Level.OPERATIONAL, 12))
    for group, every, level, count in groups:
        expected = [m for m in members.values() if m.engaged_at(level)]
        for i in range(count):
            held_on = today - timedelta(days=10 + every * i)
            # Every third meeting, one expected agency sends no one.
            attended = [m for j, m in enumerate(expected) if (i + j) % 3 or j == 0]
            services.meeting_record(
                group=group,
                held_on=held_on,
                expected=expected,
                attended=attended,
                notes="Agreed actions recorded in the action plan.",
            )

    # Documents.
    year = today.year
    assessment = services.document_add(
        partnership=partnership,
        values={
            "kind": DocumentKind.STRATEGIC_ASSESSMENT,
            "title": f"Strategic assessment {year - 1}",
            "period_start": date(year - 2, 4, 1),
            "period_end": date(year - 1, 3, 31),
            "published_on": today - timedelta(days=420 if rich else 200),
            "review_due_on": today - timedelta(days=55) if rich else today + timedelta(days=165),
            "is_joint_with_police": False,
        },
    )
    services.document_add(
        partnership=partnership,
        values={
            "kind": DocumentKind.PARTNERSHIP_PLAN,
            "title": f"Partnership plan {year - 1} to {year + 2}",
            "period_start": date(year - 1, 4, 1),
            "period_end": date(year + 2, 3, 31),
            "published_on": today - timedelta(days=300),
            "review_due_on": today + timedelta(days=65),
            "is_joint_with_police": False,
        },
    )
    sources = [assessment]
    if rich:
        sources.append(
            services.document_add(
                partnership=partnership,
                values={
                    "kind": DocumentKind.JOINT_STRATEGIC_ASSESSMENT,
                    "title": "Joint strategic assessment with West Yorkshire Police",
                    "period_start": date(year - 1, 1, 1),
                    "period_end": date(year - 1, 12, 31),
                    "published_on": today - timedelta(days=150),
                    "review_due_on": today + timedelta(days=215),
                    "is_joint_with_police": True,
                },
            )
        )
        services.document_add(
            partnership=partnership,
            values={
                "kind": DocumentKind.SV_STRATEGY,
                "title": "Serious violence strategy",
                "period_start": date(year - 1, 1, 1),
                "period_end": date(year + 1, 12, 31),
                "published_on": today - timedelta(days=500),
                "review_due_on": today - timedelta(days=20),
                "is_joint_with_police": False,
            },
        )

    # Priorities and actions.
    owner = (police or next(iter(members.values()))).agency
    violence = services.priority_create(
        partnership=partnership,
        title="Violence in the night-time economy",
        problem_statement=f"Assaults with injury in {partnership.name} town or city centre on "
        "Friday and Saturday nights, mostly among 18 to 30 year olds, "
        "under-recorded by the police compared with the emergency department.",
        documents=sources,
    )
    abuse = services.priority_create(
        partnership=partnership,
        title="Repeat domestic abuse",
        problem_statement="A third of high-risk domestic abuse victims are referred again "
        "within 12 months.",
        documents=[assessment],
    )
    actions = [
        (
            violence,
            "Agree monthly sharing of emergency department assault data",
            owner,
            -30,
            ActionStatus.BLOCKED if rich else ActionStatus.IN_PROGRESS,
            "Waiting for the data-sharing agreement to be signed.",
        ),
        (
            violence,
            "Extend the street marshal scheme to a second night",
            owner,
            45,
            ActionStatus.IN_PROGRESS,
            "",
        ),
        (
            abuse,
            "Review MARAC referral thresholds",
            la.agency if la else owner,
            -10 if rich else 20,
            ActionStatus.IN_PROGRESS,
            "",
        ),
        (
            abuse,
            "Train front-line housing staff to recognise coercive control",
            members["housing"].agency if "housing" in members else owner,
            -90,
            ActionStatus.DONE,
            "Two sessions held.",
        ),
    ]
    for priority, title, agency, due_in, status, note in actions:
        services.action_create(
            partnership=partnership,
            values={
                "priority": priority,
                "title": title,
                "owner": agency,
                "start_on": today - timedelta(days=120),
                "due_on": today + timedelta(days=due_in),
                "status": status,
                "note": note,
            },
        )
    if rich:
        _meeting_business(board, owner=owner, today=today)
        # Partnership work written into job descriptions and contracts (report ch. 2.3.2).
        for slug, job_description, contracts in (
            ("police", True, False),
            ("health-commissioner", True, True),
            ("la-unitary", True, False),
        ):
            if slug in members:
                membership = members[slug]
                membership.in_job_description = job_description
                membership.in_commissioning_contracts = contracts
                membership.save(update_fields=["in_job_description", "in_commissioning_contracts"])


def _meeting_business(board, *, owner, today: date) -> None:
    """The board's last two meetings: agendas, minutes (text, and the plan from the register)
    and actions arising, one of the earlier meeting's now overdue."""
    latest, earlier = list(board.meetings.order_by("-held_on")[:2])
    plan = board.partnership.documents.filter(kind=DocumentKind.PARTNERSHIP_PLAN).first()
    earlier.agenda = (
        "Apologies\nThe strategic assessment's findings\nNight-time economy "
        "violence: the emergency department's data\nAny other business"
    )
    earlier.minutes = (
        "The board agreed the priorities from the strategic assessment and asked "
        "the police and the emergency department to agree monthly data sharing."
    )
    earlier.minutes_document = plan
    earlier.save()
    latest.agenda = "Apologies\nActions from the last meeting\nThe serious violence strategy"
    latest.save()
    for meeting, title, due_in in (
        (earlier, "Report the emergency department's assault data to the board", -14),
        (earlier, "Name a deputy for the probation board seat", 30),
        (latest, "Bring the refreshed serious violence strategy to the board", 60),
    ):
        services.action_create(
            partnership=board.partnership,
            values={
                "title": title,
                "owner": owner,
                "due_on": today + timedelta(days=due_in),
                "status": ActionStatus.IN_PROGRESS,
                "arising_from": meeting,
            },
        )
