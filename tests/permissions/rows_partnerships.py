"""Matrix rows for partnerships pages."""

from .matrix import Row, everyone


def _this(world):
    return {"code": world.partnership.ons_code}


def _region_in(world):
    return {"code": world.region_in.code}


# Inside the partnership: its manager, its agencies' staff, its region's reviewers, admins.
THIS_PARTNERSHIP_READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)

ROWS = [
    Row("partnerships:region-list", everyone(403, admin=200, reviewer_in=200, reviewer_out=200)),
    Row("partnerships:region-detail", everyone(404, admin=200, reviewer_in=200),
        kwargs=_region_in),
    Row("partnerships:partnership-detail", THIS_PARTNERSHIP_READ, kwargs=_this),
    Row("partnerships:partnership-history", THIS_PARTNERSHIP_READ, kwargs=_this),
]
