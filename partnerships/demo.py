"""Demo data for partnerships: regions' partnerships, agencies of every type, demo accounts."""

from django.db import transaction

from accounts.models import Role, User
from accounts.services import role_assign

from .demo_data import DEMO_PARTNERSHIPS
from .models import Agency, AgencyType, Membership, Partnership, Region

DEMO_PASSWORD = "demo-partnership-2026"

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
    ("reviewer@example.org", "Riya Reviewer", "Violence reduction lead, regional office",
     Role.REVIEWER, ["E12000003", "E12000001"], False),
    ("reviewer.northwest@example.org", "Noel Northwest", "Regional reviewer", Role.REVIEWER,
     ["E12000002"], False),
    ("manager@example.org", "Morgan Manager", "Community safety partnership manager",
     Role.MANAGER, "E22000345", False),
    ("manager.bolton@example.org", "Bea Bolton", "Community safety partnership manager",
     Role.MANAGER, "E22000099", False),
    ("staff@example.org", "Sam Staff", "Information sharing lead", Role.AGENCY_STAFF,
     "West Yorkshire Police", True),
    ("staff.hospital@example.org", "Hana Hospital", "Emergency department data lead",
     Role.AGENCY_STAFF, "Leeds Hospital Emergency Department", True),
]


def _agency(type_slug: str, name: str, types: dict, site_code: str = "") -> Agency:
    agency, _ = Agency.objects.get_or_create(
        name=name, agency_type=types[type_slug], defaults={"site_code": site_code}
    )
    return agency


def agencies_for(*, partnership: Partnership, force: str, las: list[str], two_tier: bool,
                 types: dict) -> list[Agency]:
    """One agency of every type for a demo partnership, shared where agencies really are."""
    name = partnership.name
    region_code = partnership.region.code
    welsh = region_code.startswith("W")
    agencies = [
        _agency("police", f"{force} Police", types),
        _agency("pcc", f"{force} Police and Crime Commissioner", types),
        _agency("fire", f"{force} Fire and Rescue Service", types),
        _agency("emergency-department", f"{name} Hospital Emergency Department", types,
                site_code=f"ED{partnership.ons_code[-5:]}"),
        _agency("ambulance", AMBULANCE_BY_REGION[region_code], types),
        _agency("probation",
                "Probation Service Wales" if welsh else f"Probation Service {partnership.region.name}",
                types),
        _agency("health-commissioner",
                f"{name} Local Health Board" if welsh else f"{name} Integrated Care Board place team",
                types),
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


@transaction.atomic
def seed() -> dict:
    regions = {region.code: region for region in Region.objects.all()}
    types = {agency_type.slug: agency_type for agency_type in AgencyType.objects.all()}
    partnerships = {}
    for name, code, region_code, force, _pfa, las, two_tier, _population in DEMO_PARTNERSHIPS:
        partnership, _ = Partnership.objects.get_or_create(
            ons_code=code, defaults={"name": name, "region": regions[region_code]}
        )
        partnerships[code] = partnership
        for agency in agencies_for(partnership=partnership, force=force, las=las,
                                   two_tier=two_tier, types=types):
            Membership.objects.get_or_create(partnership=partnership, agency=agency)

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
            role_assign(user=user, role=role, agency=Agency.objects.get(name=scope),
                        is_signatory=signatory)
    return {"partnerships": partnerships, "users": users}
