from django.utils import timezone
from django.views.generic import ListView

from core import csv as csv_file
from core.views import PermissionMixin

from .models import Action, AuditEvent


class AuditLogView(PermissionMixin, ListView):
    """The audit log for administrators: newest first, filtered by action, person and path."""

    permission_required = "audit.view_log"
    template_name = "audit/event_list.html"
    paginate_by = 50

    def filters(self) -> dict:
        params = self.request.GET
        action = params.get("action", "")
        return {
            "action": action if action in Action.values else "",
            "person": params.get("person", "").strip()[:254],
            "path": params.get("path", "").strip()[:200],
        }

    def get_queryset(self):
        chosen = self.filters()
        events = AuditEvent.objects.all()
        if chosen["action"]:
            events = events.filter(action=chosen["action"])
        if chosen["person"]:
            events = events.filter(actor_email__icontains=chosen["person"])
        if chosen["path"]:
            events = events.filter(path__icontains=chosen["path"])
        return events.order_by("-timestamp", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            filters=self.filters(),
            actions=Action.choices,
            query_string=params.urlencode(),
        )
        return context


class AuditLogExportView(AuditLogView):
    """The audit log with the page's filters, as CSV (not paged)."""

    paginate_by = None

    def get(self, request, *args, **kwargs):
        response = csv_file.response("audit-log.csv")
        writer = csv_file.writer(response)
        writer.writerow(
            [
                "When",
                "Action",
                "Person",
                "Method",
                "Page",
                "Address",
                "Record type",
                "Record id",
                "Record",
            ]
        )
        for event in self.get_queryset().iterator(chunk_size=2000):
            writer.writerow(
                (
                    timezone.localtime(event.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
                    event.get_action_display(),
                    event.actor_email,
                    event.method,
                    event.path,
                    event.ip_address,
                    event.object_type,
                    event.object_id,
                    event.object_label,
                )
            )
        return response
