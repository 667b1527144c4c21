"""Factories for funding records."""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from core import clock
from funding.models import Bid, Funder, Opportunity, Theme, Watch


class FunderFactory(DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("identifier",)

    name = factory.Sequence(lambda n: f"Funder {n}")
    identifier = factory.Sequence(lambda n: f"GB-GOV-{9000 + n}")


class OpportunityFactory(DjangoModelFactory):
    """Open now, closing in 30 days, national, themed "violence"."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    funder = factory.SubFactory(FunderFactory)
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    description = "Money for partnerships."
    is_national = True
    opens_at = factory.LazyFunction(lambda: clock.now() - timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: clock.now() + timedelta(days=30))
    published_at = factory.LazyFunction(lambda: clock.now() - timedelta(days=5))
    created_at = factory.LazyFunction(clock.now)
    max_award = 50_000

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create:
            slugs = extracted if extracted is not None else ["violence"]
            obj.themes.set(Theme.objects.filter(slug__in=slugs))


class WatchFactory(DjangoModelFactory):
    class Meta:
        model = Watch


class BidFactory(DjangoModelFactory):
    class Meta:
        model = Bid

    opportunity = factory.SubFactory(OpportunityFactory)
