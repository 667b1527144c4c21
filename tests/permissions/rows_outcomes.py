"""Matrix rows for outcomes: the partnership, comparison, region and rules pages, the uploads,
survey results and targets."""

from .matrix import ROLES, Row, everyone

PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = everyone(200)
READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
READ_POST = everyone(404, admin=405, reviewer_in=405, manager_this=405, staff_this=405)
RECORD = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
RECORD_POST = everyone(404, admin=302, manager_this=302, reviewer_in=403, staff_this=403)
# A form sent empty comes back with its errors (200) to those allowed to send it.
RECORD_POST_EMPTY = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
UPLOAD = everyone(403, admin=200, manager_this=200, manager_other=200)
REGION = everyone(404, admin=200, reviewer_in=200)


def _this(world):
    return {"code": world.partnership.ons_code}


def _region(world):
    return {"code": world.region_in.code}


def _target(world):
    from datetime import date
    from decimal import Decimal

    from outcomes.models import Indicator, Target
    from partnerships.models import Priority

    priority, _ = Priority.objects.get_or_create(
        partnership=world.partnership, title="Violence in the city centre", problem_statement="-"
    )
    target, _ = Target.objects.get_or_create(
        priority=priority,
        indicator=Indicator.objects.get(code="violence-with-injury"),
        defaults={
            "baseline_end": date(2024, 3, 31),
            "target_change": Decimal("-10"),
            "target_date": date(2026, 3, 31),
        },
    )
    return {"code": world.partnership.ons_code, "pk": target.pk}


def _indicator(world):
    from outcomes.models import Indicator

    return {"pk": Indicator.objects.order_by("pk").first().pk}


def _figure(world):
    from datetime import date

    from outcomes.models import Figure, Indicator

    figure, _ = Figure.objects.get_or_create(
        partnership=world.partnership,
        indicator=Indicator.objects.get(code="robbery"),
        period_type="quarter",
        period_start=date(2025, 4, 1),
        defaults={"value": 12},
    )
    return {"pk": figure.pk}


def _population(world):
    from outcomes.models import Population

    population, _ = Population.objects.get_or_create(
        partnership=world.partnership, year=2024, defaults={"population": 250_000}
    )
    return {"pk": population.pk}


def _survey_data(world):
    from outcomes.models import Indicator

    return {
        "indicator": Indicator.objects.get(code="feel-unsafe-after-dark").pk,
        "period_type": "quarter",
        "period_start_0": "1",
        "period_start_1": "4",
        "period_start_2": "2025",
        "value": "23.5",
        "sample_size": "1,200",
        "source_note": "Residents’ survey",
    }


API_SIGNED_IN = everyone(200, anonymous=401)
API_THIS = everyone(
    404, anonymous=401, admin=200, reviewer_in=200, manager_this=200, staff_this=200
)
# An upload sent without a file: 400 naming the file to those who may upload.
API_UPLOAD = everyone(403, anonymous=401, admin=400, manager_this=400, manager_other=400)

ROWS = [
    Row("api:outcome-indicator-list", API_SIGNED_IN),
    Row("api:outcome-indicator-detail", API_SIGNED_IN, kwargs=_indicator),
    Row("api:outcome-figure-list", API_SIGNED_IN),
    Row("api:outcome-figure-list", API_UPLOAD, method="post"),
    Row("api:outcome-figure-detail", API_THIS, kwargs=_figure),
    Row("api:outcome-population-list", API_SIGNED_IN),
    Row("api:outcome-population-list", API_UPLOAD, method="post"),
    Row("api:outcome-population-detail", API_THIS, kwargs=_population),
    Row("outcomes:index", SIGNED_IN),
    Row("outcomes:rules", PUBLIC),
    Row("outcomes:crime-upload", UPLOAD),
    Row("outcomes:crime-upload", UPLOAD, method="post"),
    Row("outcomes:crime-sample", PUBLIC),
    Row("outcomes:population-upload", UPLOAD),
    Row("outcomes:population-upload", UPLOAD, method="post"),
    Row("outcomes:population-sample", PUBLIC),
    Row("outcomes:region", REGION, kwargs=_region),
    Row("outcomes:partnership", READ, kwargs=_this),
    Row("outcomes:partnership", READ_POST, method="post", kwargs=_this),
    Row("outcomes:partnership-export", READ, kwargs=_this),
    Row("outcomes:comparison", READ, kwargs=_this),
    Row("outcomes:survey-create", RECORD, kwargs=_this),
    Row("outcomes:survey-create", RECORD_POST, method="post", kwargs=_this, data=_survey_data),
    Row("outcomes:target-create", RECORD, kwargs=_this),
    Row("outcomes:target-create", RECORD_POST_EMPTY, method="post", kwargs=_this),
    Row("outcomes:target-delete", RECORD, kwargs=_target),
    Row("outcomes:target-delete", RECORD_POST, method="post", kwargs=_target),
]
