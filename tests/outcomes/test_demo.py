"""The demo tells a story: Leeds falling, Bolton rising, Nottingham well above its group."""

import pytest
from django.core.management import call_command

from outcomes import selectors
from outcomes.models import Figure
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def _vap(code):
    views = selectors.partnership_outcomes(partnership=Partnership.objects.get(ons_code=code))
    return next(v for v in views if v.indicator.code == "violence-against-the-person")


def test_the_demo_figures_tell_the_story_and_load_twice_the_same():
    call_command("seed_demo", allow_without_debug=True, verbosity=0)
    count = Figure.objects.count()
    leeds = _vap("E22000345")
    assert leeds.trend.direction == "down" and leeds.trend.improving
    assert _vap("E22000099").trend.direction == "up"
    assert _vap("E22000257").band.band == selectors.HIGHER
    assert len(leeds.points) == 12  # three years of quarters
    for partnership in Partnership.objects.all():
        assert Figure.objects.filter(partnership=partnership).count() >= 12 * 3 + 3
    call_command("seed_demo", allow_without_debug=True, verbosity=0)
    assert Figure.objects.count() == count
