from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .principal import ANONYMOUS, Principal, principal_for_user


def _principal(request: HttpRequest) -> Principal:
    user = request.user
    if not user.is_authenticated:
        return ANONYMOUS
    return principal_for_user(user)


class PrincipalMiddleware:
    """Attaches `request.principal`, built lazily, once per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.principal = SimpleLazyObject(lambda: _principal(request))  # type: ignore[attr-defined]
        return self.get_response(request)


# Paths a staff member who has signed in with a password but not yet a second factor may reach.
_TWO_FACTOR_EXEMPT_PREFIXES = ("/static/", "/api/")


class TwoFactorRequiredMiddleware:
    """Staff who have passed the password step must pass TOTP before anything else.

    Family accounts are not forced (they may opt in later); every staff role is.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
            principal: Principal = request.principal  # type: ignore[attr-defined]
            if principal.is_staff_user or user.is_staff:
                allowed = {
                    reverse("accounts:two-factor"),
                    reverse("accounts:two-factor-setup"),
                    reverse("accounts:sign-out"),
                }
                path = request.path
                if path not in allowed and not path.startswith(_TWO_FACTOR_EXEMPT_PREFIXES):
                    return redirect("accounts:two-factor")
        return self.get_response(request)
