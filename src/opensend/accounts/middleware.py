from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from opensend.access.principal import ANONYMOUS, Principal, principal_for_user
from opensend.core import clock

from .signals import SIGNED_IN_AT

# Session keys: whether the person has a confirmed security-code device (set at sign-in), and why
# the last session was ended (read once by the sign-in page).
HAS_DEVICE = "opensend_has_two_factor_device"
SIGNED_OUT_REASON = "opensend_signed_out_reason"


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


class SessionLifetimeMiddleware:
    """Ends a sign-in SESSION_ABSOLUTE_SECONDS after it began, however active it has been (ADR 0171).

    The idle timeout (SESSION_COOKIE_AGE) is pushed forward by every request; this is not. A session
    with no sign-in time (made before this limit existed) is ended too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            began = session.get(SIGNED_IN_AT)
            if began is None or clock.now().timestamp() - began > settings.SESSION_ABSOLUTE_SECONDS:
                from opensend.access import audit

                from .audit import AccountsAudit

                user = request.user
                if user.is_authenticated:
                    audit.record(principal_for_user(user), AccountsAudit.SESSION_LIMIT_REACHED, obj=user)
                logout(request)
                request.session[SIGNED_OUT_REASON] = "limit"
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """People who must use security codes pass them after the password, before anything else.

    Every staff role must; a family member must once they have set codes up, or for everyone when
    FAMILY_TWO_FACTOR_REQUIRED is on (ADR 0171).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
            principal: Principal = request.principal  # type: ignore[attr-defined]
            needed = (
                principal.is_staff_user
                or user.is_staff
                or settings.FAMILY_TWO_FACTOR_REQUIRED
                or request.session.get(HAS_DEVICE, False)
            )
            if needed:
                allowed = {
                    reverse("accounts:two-factor"),
                    reverse("accounts:two-factor-setup"),
                    reverse("accounts:sign-out"),
                }
                path = request.path
                if path not in allowed and not path.startswith(_TWO_FACTOR_EXEMPT_PREFIXES):
                    return redirect("accounts:two-factor")
        return self.get_response(request)
