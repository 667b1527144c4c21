"""Reference data for the savings estimator. Sources: ../shared/DOMAIN.md "Costs of violence".
Administrators change them afterwards in the portal (reviews:unit-costs)."""

from decimal import Decimal

UNIT_COST_SOURCE = (
    "Home Office, The economic and social costs of crime, 2nd ed. (Heeks et al. 2018)"
)
# (slug, name, £ per incident at 2015/16 prices)
UNIT_COSTS = [
    ("violence-with-injury", "Violence with injury", 14_050),
    ("robbery", "Robbery", 11_320),
    ("rape", "Rape", 39_360),
    ("other-sexual-offences", "Other sexual offences", 6_520),
    ("homicide", "Homicide", 3_200_000),
]
BENEFIT_SOURCE = (
    "Florence et al. 2014, economic evaluation of the Cardiff Model: £6.9m lower social costs "
    "in 2007"
)
# (slug, beneficiary, £m of the £6.9m saving)
BENEFIT_SHARES = [
    ("health", "Health service", Decimal("1.25")),
    ("criminal-justice", "Criminal justice (police, courts, prisons)", Decimal("1.62")),
    ("wider-society", "Victims and wider society", Decimal("4.03")),
]

# Who bears each part of the saving (agency type slugs), for a partnership's split by agency.
BENEFIT_AGENCY_TYPES = {
    "health": ("emergency-department", "ambulance", "health-commissioner"),
    "criminal-justice": ("police", "probation", "yot"),
    "wider-society": (),
}


def load_reference_data(unit_cost_model=None, benefit_share_model=None) -> None:
    """Create the unit costs and benefit shares if missing (keeps later edits). Idempotent."""
    if unit_cost_model is None or benefit_share_model is None:
        from .models import BenefitShare, UnitCost

        unit_cost_model, benefit_share_model = UnitCost, BenefitShare
    for order, (slug, name, cost) in enumerate(UNIT_COSTS, start=1):
        unit_cost_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "cost": cost,
                "price_year": "2015/16",
                "source": UNIT_COST_SOURCE,
                "order": order * 10,
            },
        )
    for order, (slug, beneficiary, amount) in enumerate(BENEFIT_SHARES, start=1):
        benefit_share_model.objects.get_or_create(
            slug=slug,
            defaults={
                "beneficiary": beneficiary,
                "amount": amount,
                "source": BENEFIT_SOURCE,
                "order": order * 10,
            },
        )


def link_benefit_agency_types(benefit_share_model=None) -> None:
    """Name the agency types bearing each share that names none yet (keeps later edits)."""
    if benefit_share_model is None:
        from .models import BenefitShare as benefit_share_model
    for share in benefit_share_model.objects.filter(slug__in=list(BENEFIT_AGENCY_TYPES)):
        if not share.agency_types.exists():
            share.agency_types.add(
                *share.agency_types.model.objects.filter(slug__in=BENEFIT_AGENCY_TYPES[share.slug])
            )
