"""The savings estimator: incidents prevented x editable unit cost, split by who benefits and,
for a chosen partnership, between its member agencies that bear each part."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass
class Line:
    beneficiary: str
    share_percent: Decimal
    amount: int
    agencies: list[tuple[str, int]] = field(default_factory=list)  # (agency, its part)


@dataclass
class Estimate:
    unit_cost: object
    incidents: int
    total: int
    lines: list[Line]
    share_source: str


def split_whole(amount: int, count: int) -> list[int]:
    """amount in count whole-pound parts as equal as may be, the first ones a pound more."""
    base, left = divmod(amount, count)
    return [base + (1 if i < left else 0) for i in range(count)]


def estimate(*, unit_cost, incidents: int, shares, agencies: dict | None = None) -> Estimate:
    """Total = incidents x unit cost; each beneficiary's part = total x its share of the
    evaluated saving. Rounded to whole pounds; the last line takes the rounding remainder.

    agencies: share id -> names of the partnership's member agencies bearing that share; each
    share is split equally between them (the evaluation gives no finer split)."""
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
        names = (agencies or {}).get(share.pk, [])
        parts = list(zip(names, split_whole(amount, len(names)), strict=True)) if names else []
        lines.append(
            Line(
                share.beneficiary,
                (100 * fraction).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                amount,
                parts,
            )
        )
    source = shares[0].source if shares else ""
    return Estimate(unit_cost, incidents, total, lines, source)
