import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from . import request_context


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it,
    # and a deployment behind one configures that at the proxy.
    return request.META.get("REMOTE_ADDR") or None


def loaded_user_id(request: HttpRequest) -> int | None:
    """The id of the person this request is for, if their account has already been loaded: the
    session user (a lazy object until first used) or an API token's user."""
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is not None and wrapped is not empty and getattr(wrapped, "is_authenticated", False):
        return getattr(wrapped, "pk", None)
    auth = request.__dict__.get("auth")
    return getattr(getattr(auth, "user", None), "pk", None)


class RequestIdMiddleware:
    """Gives every request one id, carried into every audit row it writes and back in a header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_context.set_current(
            request_context.RequestContext(request_id, client_ip(request), lambda: loaded_user_id(request))
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-Id"] = request_id
        return response
