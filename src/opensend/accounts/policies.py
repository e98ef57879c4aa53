"""Who may manage API tokens and see organisations."""

from typing import Any

from django.db import models

from opensend.access.policy import Policy
from opensend.accounts.principal import Principal
from opensend.accounts.roles import Role

TOKEN_MANAGER_ROLES = (Role.LA_SEND_MANAGER, Role.SYSTEM_ADMIN)


def managed_organisation_ids(principal: Principal) -> set[int]:
    """Organisations whose tokens this person manages (never a token itself)."""
    if principal.user is None:
        return set()
    return {g.organisation_id for g in principal.grants_for(*TOKEN_MANAGER_ROLES)}


class ApiTokenPolicy(Policy):
    """An LA SEND manager manages their LA's tokens; a system administrator, their body's tokens."""

    resource = "api_token"
    actions = frozenset({"list", "create", "revoke"})

    def _org_ids(self, principal: Principal) -> set[int]:
        return managed_organisation_ids(principal)

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        return qs.filter(organisation_id__in=self._org_ids(principal))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        org_ids = self._org_ids(principal)
        if obj is None:
            return bool(org_ids)
        return obj.organisation_id in org_ids


class OrganisationPolicy(Policy):
    """Organisations are not personal data: any signed-in person or token may read the directory."""

    resource = "organisation"
    actions = frozenset({"list", "view"})

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        return qs if principal.is_authenticated else qs.none()

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        return principal.is_authenticated and action in self.actions


api_token_policy = ApiTokenPolicy()
organisation_policy = OrganisationPolicy()
