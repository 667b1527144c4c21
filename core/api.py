"""Shared pieces of the REST API: the error format, pagination, throttling, and helpers that
turn the services' errors into API errors."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404, JsonResponse
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


SERVER_ERROR = "Something went wrong on our side: try again later"
NOT_FOUND = "Not found."
logger = logging.getLogger("django.request")


def error_body(message: str) -> dict:
    return {"detail": message, "errors": [{"field": None, "message": message}]}


def is_api_path(request) -> bool:
    return request.path.startswith(settings.API_PATH_PREFIX)


def json_error(message: str, status_code: int) -> JsonResponse:
    """An error outside any API view (an unknown address, a failure in middleware) in the
    API's own format, for the project's error handlers."""
    return JsonResponse(error_body(message), status=status_code)


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
    from rest_framework.views import set_rollback

    response = drf_exception_handler(exc, context)
    if response is None:
        # A failure of our own: logged as Django logs any server error, answered in the
        # API's format rather than the HTML error page.
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", ""),
            exc_info=exc,
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        set_rollback()
        return Response(error_body(SERVER_ERROR), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
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
    """Pages of 50, or `?page_size=` up to 200. A page size that is not a whole number in
    that range is refused (400) rather than quietly replaced by the default."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        if self.page_size_query_param not in request.query_params:
            return self.page_size
        value = request.query_params[self.page_size_query_param]
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= self.max_page_size):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"Enter a whole number from 1 to {self.max_page_size}"
                    ]
                }
            )
        return int(value)

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


class TextField(serializers.CharField):
    """Text only: a number or true/false sent for a text field is refused, not turned into
    text ("notes": 0 is a script's mistake, and the schema says the field is a string)."""

    default_error_messages = {"invalid": "Enter text in quotes, not a number or true or false"}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictModelSerializer(serializers.ModelSerializer):
    """The API's model serializers: text fields take text only (TextField)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextField,
        models.TextField: TextField,
    }


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
    return exceptions.ValidationError(
        {
            ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
            for name, messages in form.errors.items()
        }
    )


def require_perm(user, perm: str, obj=None, message: str = "You may not do this") -> None:
    """403 unless `user` holds `perm` (on `obj`), by the same rules as the pages."""
    if not user.has_perm(perm, obj):
        raise exceptions.PermissionDenied(message)


def _is_text(field) -> bool:
    from django import forms

    return isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField)


def require_object(data) -> None:
    """400 unless the request body is an object of fields (JSON can also be a list, a string or
    a number, which no form or serializer here can read)."""
    if not hasattr(data, "get"):
        raise exceptions.ValidationError({"non_field_errors": ["Send an object"]})


def form_data(data, form_class, *, lists=()) -> dict:
    """Request data (JSON or a form post) as a page form's data. A field named in `lists` takes
    a list of plain values, any other a single plain value; anything else is a 400 naming the
    field (a page form would otherwise be handed objects it never sees from a browser)."""
    require_object(data)
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
        elif isinstance(value, int | float) and _is_text(form_class.base_fields[name]):
            problems[name] = ["Enter text in quotes, not a number"]
        else:
            out[name] = str(value)
    if problems:
        raise exceptions.ValidationError(problems)
    return out
