"""Records what is decided after a view has run: permission refusals and exports.

- Every 403 response is a permission refusal (the permission mixins, the Django admin, the API).
- A 404 is a refusal only when a permission mixin hid a record outside the user's scope: the
  mixin marks the request with mark_refusal() before raising Http404.
- Every successful response that is a file download (Content-Disposition, not an image shown
  in a page) is an export.
- A 401 from the API to a request that carried a token is a refused token.

Recording here, after the view's own transactions have ended, means a refusal is kept even when
the view's transaction is rolled back.
"""

from core.views import REFUSAL_ATTRIBUTE

from .models import Action
from .services import record


def _token_prefix(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        return ""
    # Tokens look like cdrp_<prefix>_<secret>: keep the public prefix only, never the secret.
    pieces = parts[1].split("_")
    return pieces[1][:12] if len(pieces) >= 3 and pieces[0] == "cdrp" else ""


def _is_export(response) -> bool:
    """A file handed over: a download (CSV, JSON, iCalendar, a stored document), not an image
    shown inside a page (a partnership's logo)."""
    if not response.has_header("Content-Disposition"):
        return False
    return not response.get("Content-Type", "").startswith("image/")


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        refusal = getattr(request, REFUSAL_ATTRIBUTE, None)
        if status == 403 or (status == 404 and refusal is not None):
            refusal = refusal or {}
            details = {"status": status}
            if refusal.get("permission"):
                details["permission"] = refusal["permission"]
            record(
                action=Action.PERMISSION_REFUSED,
                request=request,
                obj=refusal.get("obj"),
                details=details,
            )
        elif status == 401 and request.META.get("HTTP_AUTHORIZATION"):
            record(
                action=Action.API_TOKEN_REFUSED,
                request=request,
                details={"status": status, "token_prefix": _token_prefix(request)},
            )
        elif 200 <= status < 300 and _is_export(response):
            record(
                action=Action.EXPORT,
                request=request,
                details={
                    "content_type": response.get("Content-Type", ""),
                    "disposition": response["Content-Disposition"][:200],
                    "query": request.GET.urlencode()[:500],
                },
            )
        return response
