"""Shared pieces of the REST API: the error format, pagination, throttling, and helpers that
turn the services' errors into API errors."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle


def _flatten(detail, field=None) -> list[dict]:
    """DRF's nested error detail -> [{"field": ..., "message": ...}]."""
    errors = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = None if key in ("non_field_errors", "__all__", "detail") else key
            if field and name:
                name = f"{field}.{name}"
            errors.extend(_flatten(value, name or field))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                errors.extend(_flatten(value, f"{field}[{index}]" if field else str(index)))
            else:
                errors.extend(_flatten(value, field))
    else:
        errors.append({"field": field, "message": str(detail)})
    return errors


def django_validation_error_to_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {
                ("non_field_errors" if key == "__all__" else key): [str(m) for m in messages]
                for key, messages in error.message_dict.items()
            }
        )
    return exceptions.ValidationError({"non_field_errors": error.messages})


def exception_handler(exc, context):
    """Every error: {"detail": "...", "errors": [{"field": name or null, "message": "..."}]}."""
    # Imported here: REST framework's views module reads settings that name this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = django_validation_error_to_drf(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and hasattr(exc, "report"):
        detail = exc.summary  # a report already in the error format (the ISTV row report)
        errors = exc.report
    elif isinstance(exc, exceptions.ValidationError):
        detail = "The request has errors"
        errors = _flatten(exc.detail)
    else:
        detail = str(exc.detail) if hasattr(exc, "detail") else "Error"
        errors = [{"field": None, "message": detail}]
    if isinstance(exc, exceptions.Throttled):
        detail = (
            f"Too many requests: try again in {exc.wait:.0f} seconds"
            if exc.wait is not None
            else "Too many requests: try again later"
        )
        errors = [{"field": None, "message": detail}]
    response.data = {"detail": detail, "errors": errors}
    return response


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )


class ValuesListMixin:
    """A list read as plain values rather than model instances run through a serializer.

    The filtered queryset is paged as ``.values(*list_values)``, and `list_rows(rows)` turns
    the page's dicts into the list's representations, in order. Only the list does this: one
    record, and every write's answer, still go through the serializer, which the list's
    representations must match exactly (tests/api/test_list_queries.py compares them). At
    national scale DRF spent about two thirds of a page of fifty in its fields and in building
    the model instances and prefetched relations they read.
    """

    list_values: tuple[str, ...] = ()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        rows = queryset.values(*self.list_values)
        page = self.paginate_queryset(rows)
        if page is None:
            return Response(self.list_rows(list(rows)))
        return self.get_paginated_response(self.list_rows(list(page)))

    def list_rows(self, rows):
        """The representations of a page's rows (a list of dicts), in the same order."""
        raise NotImplementedError


# The representations DRF gives dates and times (ISO 8601, times in the current time zone).
represent_date = serializers.DateField().to_representation
represent_datetime = serializers.DateTimeField().to_representation


class TokenRateThrottle(SimpleRateThrottle):
    """One rate per token (or per signed-in user for session requests), under scope "token"."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return self.cache_format % {"scope": "anon", "ident": self.get_ident(request)}
        token = getattr(request, "auth", None)
        ident = f"token-{token.pk}" if getattr(token, "pk", None) else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


ERROR_STATUSES = (
    status.HTTP_400_BAD_REQUEST,
    status.HTTP_401_UNAUTHORIZED,
    status.HTTP_403_FORBIDDEN,
    status.HTTP_404_NOT_FOUND,
    status.HTTP_429_TOO_MANY_REQUESTS,
)


def form_errors_to_drf(form) -> exceptions.ValidationError:
    """A page's Django form found errors: the same messages, in the API's error format."""
    return exceptions.ValidationError({
        ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in form.errors.items()
    })


def require_perm(user, perm: str, obj=None, message: str = "You may not do this") -> None:
    """403 unless `user` holds `perm` (on `obj`), by the same rules as the pages."""
    if not user.has_perm(perm, obj):
        raise exceptions.PermissionDenied(message)


def form_data(data, form_class, *, lists=()) -> dict:
    """Request data (JSON or a form post) as a page form's data. A field named in `lists` takes
    a list of plain values, any other a single plain value; anything else is a 400 naming the
    field (a page form would otherwise be handed objects it never sees from a browser)."""
    names = set(form_class.base_fields)
    out, problems = {}, {}
    for name in names:
        if hasattr(data, "getlist") and name in lists:
            if name in data:
                out[name] = data.getlist(name)
            continue
        if name not in data:
            continue
        value = data[name]
        if name in lists:
            if not isinstance(value, list) or any(isinstance(v, dict | list) for v in value):
                problems[name] = ["Give a list of values"]
            else:
                out[name] = ["" if v is None else str(v) for v in value]
        elif isinstance(value, dict | list):
            problems[name] = ["Give a single value"]
        elif value is None:
            out[name] = ""
        elif isinstance(value, bool):
            out[name] = "on" if value else ""
        else:
            out[name] = str(value)
    if problems:
        raise exceptions.ValidationError(problems)
    return out
