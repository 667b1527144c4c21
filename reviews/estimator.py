"""The savings estimator: incidents prevented x editable unit cost, split by who benefits."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass
class Line:
    beneficiary: str
    share_percent: Decimal
    amount: int


@dataclass
class Estimate:
    unit_cost: object
    incidents: int
    total: int
    lines: list[Line]
    share_source: str


def estimate(*, unit_cost, incidents: int, shares) -> Estimate:
    """Total = incidents x unit cost; each beneficiary's part = total x its share of the
    evaluated saving. Rounded to whole pounds; the last line takes the rounding remainder."""
    total = incidents * unit_cost.cost
    shares = list(shares)
    whole = sum((s.amount for s in shares), Decimal(0))
    lines = []
    allocated = 0
    for i, share in enumerate(shares):
        fraction = share.amount / whole if whole else Decimal(0)
        if i == len(shares) - 1:
            amount = total - allocated
        else:
            amount = int((total * fraction).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        allocated += amount
        lines.append(Line(share.beneficiary,
                          (100 * fraction).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                          amount))
    source = shares[0].source if shares else ""
    return Estimate(unit_cost, incidents, total, lines, source)
