"""Pieces the data-sharing views share: CSV responses, mixins, form errors."""

from itertools import chain

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.generic.list import MultipleObjectMixin

from core import cache
from core import csv as csv_file
from partnerships.selectors import visible_partnership_ids

from ..models import (
    Agreement,
    Frequency,
)

Status = Agreement.Status


FREQUENCY_LABELS = dict(Frequency.choices)


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    return csv_file.response(filename, chain([header], rows))


def service_errors(form, error: ValidationError, field=None):
    for message in error.messages:
        form.add_error(field, message)


class CachedTableMixin:
    """For a ListView whose table and pagination are the same for everyone who may read the
    same partnerships: their HTML is cached under those partnerships, the query string and the
    page. An administrator's, over every partnership, is worked out each time. Set
    `table_template`; `prepare_rows` may add to the page's rows what the table shows."""

    table_template = ""

    def prepare_rows(self, rows):
        return rows

    def render_table(self, query_string: str) -> str:
        paginator, page, rows, is_paginated = self.paginate_queryset(
            self.object_list, self.paginate_by
        )
        return render_to_string(
            self.table_template,
            {
                "paginator": paginator,
                "page_obj": page,
                "is_paginated": is_paginated,
                self.context_object_name: self.prepare_rows(rows),
                "query_string": query_string,
            },
        )

    def cached_table(self, query_string: str):
        ids = visible_partnership_ids(self.request.user)
        if ids is None:
            return mark_safe(self.render_table(query_string))  # noqa: S308 - our template
        ids = sorted(ids)
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        return cache.fragment(
            self.request,
            self.table_template,
            lambda: self.render_table(query_string),
            depends_on=ids,
            shared=cache.EVERYONE,
            vary=[ids, query_string, str(page)],
        )

    def get_context_data(self, **kwargs):
        # ContextMixin's, not MultipleObjectMixin's: the page is paginated in render_table,
        # and only when its HTML is not cached.
        return super(MultipleObjectMixin, self).get_context_data(**kwargs)
