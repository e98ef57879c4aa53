"""Who may see and act on outreach requests and alternative provision placements.

Child access stays in `child_policy.visible_q`: each policy narrows the principal to the roles that
this resource admits and asks which children that narrowed principal may see (ADR 0043).
"""

from typing import Any

from django.db import models
from django.db.models import Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import FAMILY_ROLES, LA_STAFF_ROLES, Role
from opensend.children.models import Child
from opensend.children.policies import child_policy

from .models import APPlacement, OutreachRequest, OutreachStatus

STAFF_ROLES = LA_STAFF_ROLES | {Role.SENCO}
TIMES_ROLES = LA_STAFF_ROLES | {Role.ANALYST_LA}


def narrowed(principal: Principal, roles: frozenset[str]) -> Principal:
    """The same principal holding only the grants in `roles`."""
    # Built anew: the request's principal may be a lazy proxy, which dataclasses.replace refuses.
    return Principal(
        user=principal.user,
        token=principal.token,
        grants=tuple(g for g in principal.grants if g.role in roles),
        scopes=principal.scopes,
    )


def child_ids_q(principal: Principal, roles: frozenset[str]) -> Q:
    """A filter on a model with a `child` foreign key: children visible through `roles` only."""
    who = narrowed(principal, roles)
    if not who.grants:
        return Q(pk__in=[])
    return Q(child_id__in=Child.objects.filter(child_policy.visible_q(who)).values("pk"))


def _senco_of(principal: Principal, setting_id: int | None) -> bool:
    return setting_id is not None and any(
        g.organisation_id == setting_id for g in principal.grants_for(Role.SENCO)
    )


def _la_staff_of(principal: Principal, la_id: int) -> bool:
    return any(g.organisation_id == la_id for g in principal.grants_for(*LA_STAFF_ROLES))


class OutreachPolicy(Policy):
    resource = "outreach_request"
    actions = frozenset({"list", "view", "create", "decide", "answer", "withdraw", "view_times"})

    def visible_q(self, principal: Principal) -> Q:
        return child_ids_q(principal, STAFF_ROLES) | (
            child_ids_q(principal, FAMILY_ROLES) & Q(status=OutreachStatus.ANSWERED)
        )

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not principal.is_authenticated or not principal.allows_scope("children:read"):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        roles = principal.roles()
        reads, writes = principal.allows_scope("children:read"), principal.allows_scope("children:write")
        if obj is None:
            if action in {"list", "view"}:
                return bool(roles & (STAFF_ROLES | FAMILY_ROLES)) and reads
            if action in {"create", "withdraw"}:
                return Role.SENCO in roles and writes
            if action in {"decide", "answer"}:
                return bool(roles & LA_STAFF_ROLES) and writes
            if action == "view_times":
                return bool(roles & TIMES_ROLES) and reads
            return False
        if action == "create":  # obj is the child
            child: Child = obj
            return writes and _senco_of(principal, child.current_setting_id)
        request: OutreachRequest = obj
        if action in {"list", "view"}:
            return self.visible(principal, OutreachRequest.objects.filter(pk=request.pk)).exists()
        if action in {"decide", "answer"}:
            return writes and _la_staff_of(principal, request.child.responsible_la_id)
        if action == "withdraw":
            return (
                writes
                and _senco_of(principal, request.setting_id)
                and request.child.current_setting_id == request.setting_id
            )
        return False

    def times_la_ids(self, principal: Principal) -> list[int]:
        """The LAs whose answer times this principal may see (aggregates, no person-level data)."""
        if not self.can(principal, "view_times"):
            return []
        return sorted({g.organisation_id for g in principal.grants_for(*TIMES_ROLES)})


class PlacementPolicy(Policy):
    resource = "ap_placement"
    actions = frozenset({"list", "view", "refer", "manage"})

    def visible_q(self, principal: Principal) -> Q:
        return child_ids_q(principal, STAFF_ROLES | FAMILY_ROLES)

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not principal.is_authenticated or not principal.allows_scope("children:read"):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def _acts_for(self, principal: Principal, child: Child) -> bool:
        return _senco_of(principal, child.current_setting_id) or _la_staff_of(
            principal, child.responsible_la_id
        )

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        roles = principal.roles()
        reads, writes = principal.allows_scope("children:read"), principal.allows_scope("children:write")
        if obj is None:
            if action in {"list", "view"}:
                return bool(roles & (STAFF_ROLES | FAMILY_ROLES)) and reads
            if action in {"refer", "manage"}:
                return bool(roles & STAFF_ROLES) and writes
            return False
        if action == "refer":  # obj is the child
            return writes and self._acts_for(principal, obj)
        placement: APPlacement = obj
        if action in {"list", "view"}:
            return self.visible(principal, APPlacement.objects.filter(pk=placement.pk)).exists()
        if action == "manage":
            return writes and self._acts_for(principal, placement.child)
        return False


outreach_policy = OutreachPolicy()
placement_policy = PlacementPolicy()
