"""Matrix rows for the communications overview: the index, rules, region view, a partnership's
communications page, perception and publicity budgets."""

from .matrix import Row, everyone

SIGNED_IN = everyone(200)
SIGNED_IN_POST = everyone(405)
READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
READ_POST = everyone(404, admin=405, reviewer_in=405, manager_this=405, staff_this=405)
CHANGE = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
CHANGE_POST = everyone(404, admin=302, manager_this=302, reviewer_in=403, staff_this=403)
# A form sent empty comes back with its errors (200) to those allowed to send it.
CHANGE_POST_EMPTY = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
REGION = everyone(404, admin=200, reviewer_in=200)
REGION_POST = everyone(404, admin=405, reviewer_in=405)


def _this(world):
    return {"code": world.partnership.ons_code}


def _region(world):
    return {"code": world.region_in.code}


def _budget(world):
    from communications.models import PublicityBudget

    budget, _ = PublicityBudget.objects.get_or_create(
        partnership=world.partnership,
        initiative="Summer youth programme",
        defaults={"total": 20_000, "publicity": 1_500},
    )
    return {"code": world.partnership.ons_code, "pk": budget.pk}


def _budget_data(world):
    return {"initiative": "Safer streets week", "total": "8,000", "publicity": "400"}


ROWS = [
    Row("communications:index", SIGNED_IN),
    Row("communications:rules", SIGNED_IN),
    Row("communications:rules", SIGNED_IN_POST, method="post"),
    Row("communications:region", REGION, kwargs=_region),
    Row("communications:region", REGION_POST, method="post", kwargs=_region),
    Row("communications:partnership", READ, kwargs=_this),
    Row("communications:partnership", READ_POST, method="post", kwargs=_this),
    Row("communications:perception", READ, kwargs=_this),
    Row("communications:budgets", READ, kwargs=_this),
    Row("communications:budgets", READ_POST, method="post", kwargs=_this),
    Row("communications:budget-create", CHANGE, kwargs=_this),
    Row("communications:budget-create", CHANGE_POST_EMPTY, method="post", kwargs=_this),
    Row(
        "communications:budget-create",
        CHANGE_POST,
        method="post",
        kwargs=_this,
        data=_budget_data,
    ),
    Row("communications:budget-edit", CHANGE, kwargs=_budget),
    Row(
        "communications:budget-edit", CHANGE_POST, method="post", kwargs=_budget, data=_budget_data
    ),
    Row("communications:budget-delete", CHANGE, kwargs=_budget),
    Row("communications:budget-delete", CHANGE_POST, method="post", kwargs=_budget),
]
