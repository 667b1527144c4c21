"""Tells drf-spectacular how the bearer-token authentication appears in the OpenAPI schema.

Kept apart from core/api.py, which REST framework's settings import by name: importing
drf-spectacular there would load REST framework's settings while that module is half-imported.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.api_tokens.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token"}


ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error: a summary and one message per problem, naming the field when "
    "one field is at fault (null otherwise).",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "message": {"type": "string"},
                },
                "required": ["field", "message"],
            },
        },
    },
    "required": ["detail", "errors"],
}
ERROR_RESPONSES = {
    "400": "The request has errors: each is listed, with its field",
    "401": "No token, or a token that is not valid or has been revoked",
    "403": "You may read this but not do this",
    "404": "Not found, or outside your partnerships",
    "429": "Too many requests with this token: wait and try again",
    "500": "Something went wrong on the server (answered in the same error format)",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation may answer with the error format
    for 400, 401, 403, 404, 429 and 500; a text filter must have a value (an empty one is
    refused: core.api_filters.StrictFilterBackend)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "query" and schema.get("type") == "string":
                    schema.setdefault("minLength", 1)
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
