"""Who may read decision notices and who may change a council's details for letters.

- A notice: the family of the child (a parent with parental responsibility, or the young person)
  and the staff of the council responsible: the council that made the decision and the child's
  responsible council now (the record moves with the child). Everyone else gets the same 404.
- Issuing a notice: staff of the deciding council, and its panel members (the chair records the
  panel's decision for the council, ADR 0076); the services that call `notice_issue` check first
  who may make the decision itself.
- Council details: the council's staff read them (they are in every letter); its SEND manager
  changes them.
"""

from typing import Any

from django.db import models
from django.db.models import Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES, Role
from opensend.casework.policies import FAMILY, family_child_q

from .models import CouncilDetails, DecisionNotice


def _la_ids(principal: Principal, *roles: str) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*(roles or LA_STAFF_ROLES))]


def _reads(principal: Principal) -> bool:
    return principal.is_authenticated and principal.allows_scope("children:read")


def _writes(principal: Principal) -> bool:
    return principal.is_authenticated and principal.allows_scope("children:write")


class NoticePolicy(Policy):
    resource = "decision_notice"
    actions = frozenset({"view", "issue"})

    def visible_q(self, principal: Principal) -> Q:
        la_ids = _la_ids(principal)
        q = (
            Q(local_authority_id__in=la_ids) | Q(child__responsible_la_id__in=la_ids)
            if la_ids
            else Q(pk__in=[])
        )
        if principal.roles() & FAMILY:
            q |= family_child_q(principal, prefix="child__")
        return q

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not _reads(principal):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if action not in self.actions or not principal.is_authenticated:
            return False
        if action == "issue":
            # obj: the council making the decision (its Organisation).
            issuers = _la_ids(principal, *LA_STAFF_ROLES, Role.PANEL_MEMBER)
            return _writes(principal) and (
                (obj is None and bool(issuers)) or (obj is not None and obj.pk in issuers)
            )
        if not _reads(principal):
            return False
        if obj is None:
            return bool(principal.roles() & (LA_STAFF_ROLES | FAMILY))
        return DecisionNotice.objects.filter(self.visible_q(principal), pk=obj.pk).exists()


class CouncilDetailsPolicy(Policy):
    resource = "council_details"
    actions = frozenset({"view", "edit"})

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        """`obj` is the council (an Organisation) or its CouncilDetails."""
        if action not in self.actions or not principal.is_authenticated:
            return False
        allowed = _la_ids(principal, Role.LA_SEND_MANAGER) if action == "edit" else _la_ids(principal)
        scoped = _writes(principal) if action == "edit" else _reads(principal)
        if obj is None:
            return scoped and bool(allowed)
        la_id = obj.local_authority_id if isinstance(obj, CouncilDetails) else obj.pk
        return scoped and la_id in allowed

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not _reads(principal):
            return qs.none()
        return qs.filter(pk__in=_la_ids(principal))


notice_policy = NoticePolicy()
council_details_policy = CouncilDetailsPolicy()
