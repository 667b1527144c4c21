from decimal import Decimal

from reviews.models import BenefitShare, UnitCost


def test_unit_costs_and_benefit_shares_are_seeded(db):
    assert UnitCost.objects.get(slug="violence-with-injury").cost == 14_050
    assert UnitCost.objects.get(slug="homicide").cost == 3_200_000
    assert "Heeks" in UnitCost.objects.get(slug="rape").source
    assert sum(b.amount for b in BenefitShare.objects.all()) == Decimal("6.9")
