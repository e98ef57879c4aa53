"""The one JSON error shape: {"error": {"code", "message", "fields"}}.

Domain apps never import this module: they raise `opensend.core.errors.ApplicationError` (with
`fields` or `response_extra` when they need them) and the handlers here render it.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from opensend.core.errors import ApplicationError


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _field_name(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "request"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        status = exc.status_code if exc.status_code != 400 else 422
        code = {404: "not_found", 409: "conflict"}.get(status, "invalid")
        body = {**exc.response_extra, **error_body(code, exc.message, exc.fields)}
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for err in exc.errors:
            fields.setdefault(_field_name(list(err.get("loc", []))), []).append(
                str(err.get("msg", "Invalid value"))
            )
        return api.create_response(
            request, error_body("invalid", "Some of the information sent is not valid", fields), status=422
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request,
            error_body(
                "unauthenticated",
                "Sign in, or send a valid, unexpired API token as 'Authorization: Bearer <token>'",
            ),
            status=401,
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not_found", "Not found"), status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "error")
        return api.create_response(request, error_body(code, str(exc)), status=exc.status_code)
