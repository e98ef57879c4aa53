"""API authentication: the browser's session (with two-factor for staff) or a bearer token."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from opensend.access.principal import Principal, principal_for_token
from opensend.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        principal = principal_for_token(api_token)
        request.principal = principal  # type: ignore[attr-defined]
        return principal


class StaffVerifiedSessionAuth(SessionAuth):
    """Session auth that also requires the second factor for staff, as pages do."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        principal: Principal = request.principal  # type: ignore[attr-defined]
        if (principal.is_staff_user or user.is_staff) and not user.is_verified():
            return None
        return principal


AUTH = [TokenAuth(), StaffVerifiedSessionAuth()]
