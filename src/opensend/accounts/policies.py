"""Who may manage API tokens and memberships, and see organisations."""

from typing import Any

from django.db import models

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import MANAGER_ROLES, ROLE_ORGANISATION_KINDS, OrganisationKind, Role

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


class MembershipPolicy(Policy):
    """Managers add and end memberships of their own organisation, in any role that belongs there
    but system administrator; system administrators add and end organisations' managers and other
    system administrators (ADR 0170). Nobody may give themselves a role: the services refuse it.

    `obj` is the organisation (for "list" and "grant") or the membership (for "change" and "end").
    """

    resource = "membership"
    actions = frozenset({"list", "grant", "change", "end"})

    def managed_organisation_ids(self, principal: Principal) -> set[int]:
        if principal.user is None:
            return set()
        return {g.organisation_id for g in principal.grants_for(*MANAGER_ROLES)}

    def is_system_admin(self, principal: Principal) -> bool:
        return principal.user is not None and principal.has_role(Role.SYSTEM_ADMIN)

    def grantable_roles(self, principal: Principal, organisation: Any) -> list[str]:
        """The roles this person may give (and end) at this organisation, in the order of `Role`."""
        managed = organisation.pk in self.managed_organisation_ids(principal)
        admin = self.is_system_admin(principal)
        roles = []
        for role in Role:
            if organisation.kind not in ROLE_ORGANISATION_KINDS.get(role, frozenset()):
                continue
            if role == Role.SYSTEM_ADMIN:
                allowed = admin and organisation.kind == OrganisationKind.NATIONAL_BODY
            else:
                allowed = managed or (admin and role in MANAGER_ROLES)
            if allowed:
                roles.append(str(role.value))
        return roles

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if self.is_system_admin(principal):
            return qs
        return qs.filter(organisation_id__in=self.managed_organisation_ids(principal))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if action not in self.actions or principal.user is None:
            return False
        if obj is None:
            return self.is_system_admin(principal) or bool(self.managed_organisation_ids(principal))
        if action == "list":
            return self.is_system_admin(principal) or obj.pk in self.managed_organisation_ids(principal)
        if action == "grant":
            return bool(self.grantable_roles(principal, obj))
        return obj.role in self.grantable_roles(principal, obj.organisation)


api_token_policy = ApiTokenPolicy()
membership_policy = MembershipPolicy()
organisation_policy = OrganisationPolicy()
