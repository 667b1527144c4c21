"""Shared web pieces: permission mixins, the History tab, the home page and error pages."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, TemplateView

from .home_panels import panels_for

# Where a permission mixin notes a refusal for the audit middleware (audit/middleware.py).
REFUSAL_ATTRIBUTE = "_audit_refusal"


def mark_refusal(request, *, permission: str = "", obj=None) -> None:
    """Called by the permission mixins before they refuse (403) or hide (404) a record."""
    setattr(request, REFUSAL_ATTRIBUTE, {"permission": permission, "obj": obj})


class PermissionMixin:
    """Checks a django-rules permission that needs no object. Refused with 403."""

    permission_required: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission_required):
            mark_refusal(request, permission=self.permission_required)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ObjectPermissionMixin:
    """Checks a django-rules permission against the object the view works on.

    A user who may not even read the object gets 404, so its existence stays secret; a user
    who may read it but not do this gets 403.
    """

    permission_required: str = ""
    read_permission: str = ""

    def check_object(self, obj):
        user = self.request.user
        if user.has_perm(self.permission_required, obj):
            return obj
        # The audit log records both: a 403 here, and a 404 that hides a record out of scope.
        mark_refusal(self.request, permission=self.permission_required, obj=obj)
        if self.read_permission and user.has_perm(self.read_permission, obj):
            raise PermissionDenied
        raise Http404

    def get_object(self, queryset=None):
        return self.check_object(super().get_object(queryset))


def history_entries(obj) -> list[dict]:
    """Who changed what and when on a record, newest first, with the fields each change touched."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                old, new = change.old, change.new
                if getattr(field, "choices", None):  # a status shows its label, not its value
                    labels = dict(field.flatchoices)
                    old, new = labels.get(old, old), labels.get(new, new)
                changes.append(
                    {
                        "field": str(getattr(field, "verbose_name", change.field)).capitalize(),
                        "old": old,
                        "new": new,
                    }
                )
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "action": {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type],
                "changes": changes,
            }
        )
    return entries


class ObjectHistoryView(ObjectPermissionMixin, DetailView):
    """The History tab of a record: set model, permission_required and the lookup."""

    template_name = "history.html"
    back_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = history_entries(self.object)
        context["record"] = self.object
        return context


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = panels_for(self.request)
        return context


@method_decorator(login_not_required, name="dispatch")
class PublicPageView(TemplateView):
    """A static page anyone can read, such as the accessibility statement."""


@login_not_required
def admin_sign_in(request, extra_context=None):
    """Stands in for the Django admin's own login page."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from django.urls import reverse

    if request.user.is_authenticated:
        raise PermissionDenied
    target = request.GET.get("next", reverse("admin:index"))
    return redirect(f"{reverse('accounts:sign-in')}?{urlencode({'next': target})}")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    from core import api

    if api.is_api_path(request):
        return api.json_error(api.NOT_FOUND, 404)
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without the request's context processors: the error may be in one of them.
    from django.http import HttpResponseServerError
    from django.template import loader

    from core import api

    if api.is_api_path(request):
        return api.json_error(api.SERVER_ERROR, 500)
    return HttpResponseServerError(
        loader.get_template("500.html").render({"service_name": "CDRP Partnership Portal"})
    )
