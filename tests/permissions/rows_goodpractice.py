"""Matrix rows for good-practice pages.

Published entries are for everyone signed in. Unpublished ones (draft, submitted, changes
requested, archived) are read only by their partnership (its manager and its agencies' staff),
the region's reviewers and administrators; everyone else gets 404. The partnership writes and
revises; the region's reviewers and administrators moderate; another partnership adopts.
"""

import tempfile

from .matrix import Row, everyone

# The entry's partnership (manager, agency staff), its region's reviewers, administrators.
THIS_READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
THIS_WRITE = everyone(404, admin=200, manager_this=200, staff_this=200, reviewer_in=403)
THIS_WRITE_DONE = everyone(404, admin=302, manager_this=302, staff_this=302, reviewer_in=403)
MODERATE = everyone(404, admin=200, reviewer_in=200, manager_this=403, staff_this=403)
# Anyone who works in a partnership (or administers) writes entries; reviewers alone do not.
WRITERS = everyone(200, reviewer_in=403, reviewer_out=403)
# A published entry: every signed-in user reads it; only some may act on it.
NOBODY_ON_PUBLISHED = everyone(403)
ARCHIVERS = everyone(403, admin=200, reviewer_in=200, manager_this=200)
ARCHIVERS_DONE = everyone(403, admin=302, reviewer_in=302, manager_this=302)
# Another partnership's people (and administrators) record adoptions.
ADOPTERS = everyone(403, admin=200, manager_other=200, staff_other=200)


def _entry(world, state, *, complete=True, report=False):
    from django.conf import settings
    from django.core.files.base import ContentFile

    from goodpractice.models import Entry
    from tests.goodpractice import factories

    title = f"Matrix {state}{'' if complete else ' (incomplete)'}"
    existing = Entry.objects.filter(title=title).first()
    if existing is not None:
        return existing
    if state == "draft":
        entry = factories.draft(partnership=world.partnership, title=title, complete=complete)
    elif state == "submitted":
        entry = factories.submitted(partnership=world.partnership, title=title)
    else:
        entry = factories.published(
            partnership=world.partnership, title=title, reviewer=world.users["admin"]
        )
    if report:
        settings.GOODPRACTICE_PRIVATE_ROOT = tempfile.gettempdir() + "/cdrp-gp-matrix"
        entry.evaluation_report.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    return entry


def _pk(state, **options):
    return lambda world: {"pk": _entry(world, state, **options).pk}


ROWS = [
    Row("goodpractice:search", everyone(200)),
    Row("goodpractice:search-export", everyone(200)),
    Row("goodpractice:criteria", everyone(200)),
    Row("goodpractice:work", everyone(200)),
    Row("goodpractice:entry-create", WRITERS),
    # An empty form comes back with its errors (200) to those who may write.
    Row("goodpractice:entry-create", WRITERS, method="post"),
    Row("goodpractice:entry-detail", THIS_READ, kwargs=_pk("draft")),
    Row("goodpractice:entry-detail", THIS_READ, kwargs=_pk("submitted")),
    Row("goodpractice:entry-detail", everyone(200), kwargs=_pk("published")),
    Row("goodpractice:entry-edit", THIS_WRITE, kwargs=_pk("draft")),
    Row("goodpractice:entry-edit", THIS_WRITE, method="post", kwargs=_pk("draft")),
    Row(
        "goodpractice:entry-edit",
        everyone(404, admin=403, reviewer_in=403, manager_this=403, staff_this=403),
        kwargs=_pk("submitted"),
    ),
    Row("goodpractice:entry-edit", NOBODY_ON_PUBLISHED, kwargs=_pk("published")),
    Row("goodpractice:entry-submit", THIS_WRITE, kwargs=_pk("draft")),
    # An incomplete draft is refused with its errors; a complete one is submitted.
    Row(
        "goodpractice:entry-submit", THIS_WRITE, method="post", kwargs=_pk("draft", complete=False)
    ),
    Row("goodpractice:entry-submit", THIS_WRITE_DONE, method="post", kwargs=_pk("draft")),
    Row("goodpractice:entry-review", MODERATE, kwargs=_pk("submitted")),
    Row("goodpractice:entry-review", MODERATE, method="post", kwargs=_pk("submitted")),
    Row(
        "goodpractice:entry-review",
        everyone(404, admin=403, reviewer_in=403, manager_this=403, staff_this=403),
        kwargs=_pk("draft"),
    ),
    Row("goodpractice:entry-review", NOBODY_ON_PUBLISHED, kwargs=_pk("published")),
    Row("goodpractice:entry-archive", ARCHIVERS, kwargs=_pk("published")),
    Row("goodpractice:entry-archive", ARCHIVERS_DONE, method="post", kwargs=_pk("published")),
    # The data an entry drew on: its partnership's writers, whatever its status.
    Row("goodpractice:entry-data", THIS_WRITE, kwargs=_pk("draft")),
    Row("goodpractice:entry-data", THIS_WRITE_DONE, method="post", kwargs=_pk("draft")),
    Row(
        "goodpractice:entry-data",
        everyone(403, admin=200, manager_this=200, staff_this=200),
        kwargs=_pk("published"),
    ),
    Row(
        "goodpractice:entry-data",
        everyone(403, admin=302, manager_this=302, staff_this=302),
        method="post",
        kwargs=_pk("published"),
    ),
    Row("goodpractice:entry-history", THIS_READ, kwargs=_pk("draft")),
    Row("goodpractice:entry-history", everyone(200), kwargs=_pk("published")),
    Row("goodpractice:entry-report", THIS_READ, kwargs=_pk("draft", report=True)),
    Row("goodpractice:entry-report", everyone(200), kwargs=_pk("published", report=True)),
    Row("goodpractice:adoption-create", ADOPTERS, kwargs=_pk("published")),
    Row("goodpractice:adoption-create", ADOPTERS, method="post", kwargs=_pk("published")),
    Row(
        "goodpractice:adoption-create",
        everyone(404, admin=403, reviewer_in=403, manager_this=403, staff_this=403),
        kwargs=_pk("draft"),
    ),
]
