"""Reference data every installation starts with. Sources: ONS region codes; Crime and Disorder
Act 1998 s.5 (responsible authorities); Police, Crime, Sentencing and Courts Act 2022 s.11 and
Sch. 1 (Serious Violence Duty specified authorities). See ../shared/DOMAIN.md "Who and what".
"""

REGIONS = [
    ("E12000001", "North East"),
    ("E12000002", "North West"),
    ("E12000003", "Yorkshire and The Humber"),
    ("E12000004", "East Midlands"),
    ("E12000005", "West Midlands"),
    ("E12000006", "East of England"),
    ("E12000007", "London"),
    ("E12000008", "South East"),
    ("E12000009", "South West"),
    ("W92000004", "Wales"),
]

# (slug, name, responsible authority, SVD specified authority)
AGENCY_TYPES = [
    ("police", "Police", True, True),
    ("pcc", "Police and crime commissioner", False, False),
    ("la-unitary", "Local authority (unitary)", True, True),
    ("la-county", "Local authority (county)", True, True),
    ("la-district", "Local authority (district)", True, True),
    ("fire", "Fire and rescue", True, True),
    ("health-commissioner", "Health commissioner (ICB or Local Health Board)", True, True),
    ("emergency-department", "Hospital emergency department", False, False),
    ("ambulance", "Ambulance trust", False, False),
    ("probation", "Probation", True, True),
    ("yot", "Youth offending team", False, True),
    ("education", "Schools and education authority", False, False),
    ("drug-alcohol", "Drug and alcohol service", False, False),
    ("licensed-trade", "Licensed trade", False, False),
    ("voluntary", "Voluntary sector", False, False),
    ("housing", "Housing", False, False),
    ("other", "Other", False, False),
]


def load_reference_data(region_model=None, agency_type_model=None) -> None:
    """Create or update the regions and agency types. Idempotent.

    Used by the data migration (with historical models) and by tests whose database is emptied
    between tests.
    """
    if region_model is None or agency_type_model is None:
        from .models import AgencyType, Region

        region_model, agency_type_model = Region, AgencyType
    for code, name in REGIONS:
        region_model.objects.update_or_create(code=code, defaults={"name": name})
    for order, (slug, name, ra, svd) in enumerate(AGENCY_TYPES, start=1):
        agency_type_model.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "is_responsible_authority": ra,
                "is_svd_specified_authority": svd,
                "order": order * 10,
            },
        )
