"""Middleware of the portal itself."""

from django.conf import settings
from django.http import QueryDict


class DropNulFromQueryStringMiddleware:
    """Removes NUL characters from query-string values before any view reads them.

    A NUL is never part of a real search or filter, and PostgreSQL refuses any string holding
    one, so a search for "a%00b" would otherwise be a server error on every page that filters
    by what the address says. (Form fields refuse NUL themselves, with an error message.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """Keeps personal pages out of every cache and turns off browser features the portal never
    uses.

    Responses to a signed-in user and every API answer get `Cache-Control: no-store`, so a
    shared computer's browser or a proxy keeps no copy of someone's records; public pages and
    static files (served before this runs) keep their own caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith(settings.API_PATH_PREFIX):
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
