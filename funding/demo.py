"""Demo funding data: a year of opportunities (some closing within days), bids for the demo
partnerships, and a watch list for the demo manager. Safe to run again.

Funder identifiers use real org-id.guide lists (GB-GOV, GB-CHC, GB-LAE, GB-GOR) but the numbers
in them are illustrative demo values, not checked registrations.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import clock
from partnerships.models import Partnership, Region

from . import services
from .models import ApplicantType, Bid, BidStatus, Funder, Opportunity, Theme, months_between

FUNDERS = [
    ("Home Office", "GB-GOV-13", "https://www.gov.uk/government/organisations/home-office"),
    (
        "Ministry of Justice",
        "GB-GOV-18",
        "https://www.gov.uk/government/organisations/ministry-of-justice",
    ),
    ("Youth Endowment Fund", "GB-CHC-1185413", "https://youthendowmentfund.org.uk"),
    ("Office for Health Improvement and Disparities", "GB-GOV-1730", ""),
    ("West Yorkshire Mayoral Combined Authority", "GB-LAE-WYCA", ""),
    ("Greater Manchester Combined Authority", "GB-LAE-GMCA", ""),
    ("National Lottery Community Fund", "GB-GOR-PB188", ""),
    ("Safer Streets Foundation", "GB-CHC-1199999", ""),
]

# (title, programme, themes, who can apply, award range, pot, ring-fenced, match funding)
PROGRAMMES = [
    (
        "Safer Streets: neighbourhood crime prevention",
        "Safer Streets",
        ["anti-social-behaviour", "community-engagement"],
        ["csp", "local-authority", "pcc"],
        (50_000, 500_000),
        45_000_000,
        True,
        False,
    ),
    (
        "Serious Violence Duty: implementation support",
        "Serious Violence Duty",
        ["serious-violence-duty", "violence"],
        ["csp", "local-authority", "police", "health", "youth-justice"],
        (20_000, 150_000),
        12_000_000,
        True,
        False,
    ),
    (
        "Violence Against Women and Girls: safer night-time economy",
        "Violence Against Women and Girls",
        ["night-time-economy", "domestic-abuse"],
        ["csp", "local-authority", "pcc"],
        (25_000, 250_000),
        5_000_000,
        True,
        True,
    ),
    (
        "Domestic abuse perpetrator interventions",
        "Domestic Abuse Perpetrator Fund",
        ["domestic-abuse"],
        ["pcc", "csp", "voluntary"],
        (100_000, 1_000_000),
        36_000_000,
        True,
        False,
    ),
    (
        "Youth diversion pilots",
        "Turnaround",
        ["youth", "violence"],
        ["youth-justice", "local-authority"],
        (10_000, 80_000),
        7_500_000,
        False,
        False,
    ),
    (
        "Drug and alcohol treatment capacity",
        "Supplementary substance misuse treatment",
        ["drugs-alcohol"],
        ["local-authority", "health"],
        (50_000, 400_000),
        100_000_000,
        True,
        False,
    ),
    (
        "Community engagement small grants",
        "Community Safety Small Grants",
        ["community-engagement", "anti-social-behaviour"],
        ["voluntary", "csp", "other"],
        (1_000, 9_999),
        250_000,
        False,
        False,
    ),
    (
        "Hot-spot policing of anti-social behaviour",
        "ASB Hotspot Response",
        ["anti-social-behaviour"],
        ["pcc", "police"],
        (100_000, 1_000_000),
        66_000_000,
        True,
        True,
    ),
    (
        "Night-time economy welfare and safety",
        "Safer Nights",
        ["night-time-economy", "drugs-alcohol"],
        ["csp", "local-authority", "voluntary"],
        (5_000, 40_000),
        800_000,
        False,
        True,
    ),
    (
        "Knife crime education in schools",
        "Knife Crime Prevention",
        ["youth", "serious-violence-duty"],
        ["csp", "voluntary", "youth-justice"],
        (2_000, 20_000),
        1_000_000,
        False,
        False,
    ),
]

# (demo partnership ONS code, programme index, status, amount requested, awarded, staff-days)
DEMO_BIDS = [
    ("E22000345", 0, BidStatus.PREPARING, 240_000, None, Decimal("12")),
    ("E22000345", 1, BidStatus.SUBMITTED, 120_000, None, Decimal("8.5")),
    ("E22000345", 6, BidStatus.CONSIDERING, 9_000, None, Decimal("6")),
    ("E22000345", 4, BidStatus.AWARDED, 60_000, 55_000, Decimal("5")),
    ("E22000345", 9, BidStatus.UNSUCCESSFUL, 15_000, None, Decimal("4")),
    ("E22000099", 2, BidStatus.PREPARING, 150_000, None, Decimal("10")),
    ("E22000099", 8, BidStatus.AWARDED, 30_000, 30_000, Decimal("3")),
    ("E22000099", 3, BidStatus.WITHDRAWN, 400_000, None, Decimal("2")),
]


def _at(day, hour=12):
    return timezone.make_aware(
        datetime.combine(day, time(hour, 0)), timezone.get_current_timezone()
    )


@transaction.atomic
def seed() -> dict:
    admin = User.objects.get(email="admin@example.org")
    rng = random.Random(2026)  # noqa: S311 - repeatable demo data
    today = clock.today()
    funders = []
    for name, identifier, url in FUNDERS:
        funder, _ = Funder.objects.update_or_create(
            name=name, defaults={"identifier": identifier, "url": url}
        )
        funders.append(funder)
    themes = {t.slug: t for t in Theme.objects.all()}
    applicants = {a.slug: a for a in ApplicantType.objects.all()}
    regions = list(Region.objects.filter(partnerships__isnull=False).distinct())
    partnerships = list(Partnership.objects.order_by("ons_code"))

    # A year of opportunities: published from nine months ago to next month; each programme
    # runs a round every few months. Some close within days of today.
    opportunities = {}
    index = 0
    for round_number, months_ago in enumerate((9, 6, 3, 1, 0, -1)):
        for p_index, (
            title,
            programme,
            theme_slugs,
            who,
            (low, high),
            pot,
            ring,
            match,
        ) in enumerate(PROGRAMMES):
            if (p_index + round_number) % 2:
                continue
            index += 1
            published = today - timedelta(days=30 * months_ago + rng.randint(0, 20))
            notice = rng.choice([14, 21, 28, 35, 42, 56, 84])
            opens = published + timedelta(days=rng.choice([0, 0, 7, 14]))
            closes = opens + timedelta(days=notice)
            if round_number == 4 and p_index in (0, 2, 4):
                closes = today + timedelta(days={0: 2, 2: 6, 4: 13}[p_index])
                opens = min(opens, closes - timedelta(days=14))
            year = published.year if published.month < 10 else published.year + 1
            full_title = f"{title} ({published:%B %Y} round)"
            existing = Opportunity.objects.filter(title=full_title).first()
            if existing is not None:
                opportunities[(p_index, round_number)] = existing
                continue
            location = {}
            if p_index in (4, 5):
                location = {
                    "is_national": False,
                    "regions": [regions[(index + k) % len(regions)] for k in range(2)],
                }
            elif p_index == 9 and partnerships:
                location = {"is_national": False, "partnerships": partnerships[:3]}
            else:
                location = {"is_national": True}
            period_start = datetime(year, 4, 1).date()
            period_end = datetime(year + (1 if p_index % 3 else 2), 3, 31).date()
            opportunity = services.opportunity_create(
                user=admin,
                funder=funders[p_index % len(funders)],
                title=full_title,
                programme=programme,
                description=(
                    f"{title}. Funding for partnerships and their members to reduce "
                    f"harm, with evaluation built in. Bids must show the partnership’s "
                    f"strategic assessment supports the need."
                ),
                themes=[themes[s] for s in theme_slugs if s in themes],
                applicant_types=[applicants[s] for s in who if s in applicants],
                min_award=low,
                max_award=high,
                total_pot=pot,
                opens_at=_at(opens, 9),
                closes_at=_at(closes, 12),
                decision_on=closes + timedelta(days=42),
                period_start=period_start,
                period_end=period_end,
                ring_fenced=ring,
                match_funding_required=match,
                capital_revenue="both" if p_index == 0 else "revenue",
                conditions="Spend by 31 March; quarterly monitoring returns." if ring else "",
                url="https://www.gov.uk/government/collections/funding",
                published_at=_at(published, 9),
                **location,
            )
            Opportunity.objects.filter(pk=opportunity.pk).update(
                created_at=opportunity.published_at,
                period_months=months_between(period_start, period_end),
            )
            opportunities[(p_index, round_number)] = opportunity

    manager = User.objects.filter(email="manager@example.org").first()
    bids = []
    for code, p_index, status, requested, awarded, days in DEMO_BIDS:
        partnership = Partnership.objects.filter(ons_code=code).first()
        candidates = [o for (pi, _), o in sorted(opportunities.items()) if pi == p_index]
        if partnership is None or not candidates:
            continue
        decided = status in (BidStatus.AWARDED, BidStatus.UNSUCCESSFUL)
        opportunity = candidates[0] if decided or status == BidStatus.WITHDRAWN else candidates[-1]
        lead = User.objects.filter(role_assignments__partnership=partnership).first()
        bid, created = Bid.objects.get_or_create(
            partnership=partnership,
            opportunity=opportunity,
            defaults={
                "status": status,
                "amount_requested": requested,
                "amount_awarded": awarded,
                "staff_days": days,
                "lead_officer": lead,
                "notes": "Agreed at the tasking group; the police lead the bid.",
            },
        )
        if created and status in (BidStatus.SUBMITTED, BidStatus.AWARDED, BidStatus.UNSUCCESSFUL):
            bid.submitted_on = timezone.localdate(opportunity.closes_at) - timedelta(days=1)
            if decided:
                bid.decided_on = timezone.localdate(opportunity.closes_at) + timedelta(days=40)
            bid.save(update_fields=["submitted_on", "decided_on"])
        bids.append(bid)
    if manager is not None:
        for opportunity in Opportunity.objects.filter(closes_at__gt=clock.now()).order_by(
            "closes_at"
        )[:4]:
            services.watch_add(user=manager, opportunity=opportunity)
    return {"opportunities": len(opportunities), "bids": len(bids)}
