"""Writing to the audit log. Every write goes through record()."""

from .models import AuditEvent

# Request paths never keep a secret: URL arguments with these names are blanked out.
SECRET_URL_ARGUMENTS = ("token", "uidb64")


def request_path(request) -> str:
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name in SECRET_URL_ARGUMENTS:
            value = match.kwargs.get(name)
            if value:
                path = path.replace(str(value), "[hidden]")
    return path[:500]


def client_address(request) -> str | None:
    address = request.META.get("REMOTE_ADDR") or None
    return address


def record(
    *,
    action: str,
    request=None,
    actor=None,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Append one event. The actor defaults to the request's signed-in user."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)
    event = AuditEvent(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_email=getattr(actor, "email", "") or "",
        object_type=object_type[:100],
        object_id=str(object_id)[:64],
        object_label=object_label[:200],
        details=details or {},
    )
    if request is not None:
        event.method = (request.method or "")[:10]
        event.path = request_path(request)
        event.ip_address = client_address(request)
    event.save()
    return event
