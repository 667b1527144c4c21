import pytest

from .factories import BidFactory, OpportunityFactory


@pytest.fixture
def opportunity(world):
    return OpportunityFactory(title="Safer Streets round 6")


@pytest.fixture
def bid(world, opportunity):
    return BidFactory(
        partnership=world.partnership,
        opportunity=opportunity,
        lead_officer=world.users["manager_this"],
        amount_requested=100_000,
        staff_days=5,
    )
