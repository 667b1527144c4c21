"""Tells drf-spectacular how the bearer-token authentication appears in the OpenAPI schema.

Kept apart from cdrp_portal/api.py, which REST framework's settings import by name: importing
drf-spectacular there would load REST framework's settings while that module is half-imported.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.api_tokens.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token"}
