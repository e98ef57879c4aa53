"""Who may see and work on assessment cases, and who may request one for which child.

- LA caseworkers and managers: every case of their council (the council that received it).
- A setting's SENCo: the cases they requested, for children still at their setting.
- Parents with parental responsibility and the young person: their own child's cases.
- Everyone else: nothing yet (panel members will see agenda cases; advisers the cases they advise on).
"""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES, Role
from opensend.children import family
from opensend.children.models import Child

from .models import AssessmentRequest

FAMILY = frozenset({Role.PARENT_CARER, Role.YOUNG_PERSON})
# Writes a council's staff make on its cases.
STAFF_ACTIONS = frozenset({"transition", "allocate", "note", "record_exception", "view_notes"})


def _la_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]


def _setting_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(Role.SENCO)]


def family_child_q(principal: Principal, prefix: str = "") -> Q:
    """Children this person is family of today (the children app's one family rule, ADR 0110)."""
    if not principal.roles() & FAMILY:
        return Q(pk__in=[])
    return family.family_child_q(principal.user, prefix=prefix)


# Other apps widen who sees a case, each with its own rule: panels (members see their meetings'
# agenda cases while the meeting is live), advice (advisers see the cases they are asked into).
# Each function returns a Q on AssessmentRequest for this principal (Q(pk__in=[]) for none).
_EXTRA_VISIBILITY: dict[str, "Callable[[Principal], Q]"] = {}


def register_visibility(key: str, rule: "Callable[[Principal], Q]") -> None:
    _EXTRA_VISIBILITY[key] = rule


# Other apps may let people outside the council's casework team make particular moves (the panel's
# chair records the panel's decision). Each rule answers for one principal, case and target stage.
MoveRule = Callable[[Principal, "AssessmentRequest", str], bool]
_MOVE_AUTHORITIES: dict[str, MoveRule] = {}


def register_move_authority(key: str, rule: MoveRule) -> None:
    _MOVE_AUTHORITIES[key] = rule


# Other apps may take the decisions whether to assess and to issue for a council's cases onto their
# own pages (panels, when the council has a panel: quorum and attendance). The case page then does
# not offer them; without such an app the caseworker's page makes them, through the same service.
DecisionMaker = Callable[["AssessmentRequest"], bool]
_DECISION_MAKERS: dict[str, DecisionMaker] = {}


def register_decision_maker(key: str, rule: DecisionMaker) -> None:
    _DECISION_MAKERS[key] = rule


def decided_elsewhere(case: "AssessmentRequest") -> bool:
    return any(rule(case) for rule in _DECISION_MAKERS.values())


def may_move(principal: Principal, case: "AssessmentRequest", to: str) -> bool:
    """May this principal move this case to `to`: the council's staff, or a registered authority."""
    if case_policy.can(principal, "transition", case):
        return True
    return any(rule(principal, case, to) for rule in _MOVE_AUTHORITIES.values())


class CasePolicy(Policy):
    resource = "case"
    actions = frozenset(
        {
            "request",  # start a request (family, SENCo) for a child
            "record",  # record a request received by post, phone or email (LA staff)
            "list",  # the caseworker's desk
            "view",
            "view_family",  # the family's view of their child's requests
            "upload",
            *STAFF_ACTIONS,
        }
    )

    def visible_q(self, principal: Principal) -> Q:
        q = Q(pk__in=[])
        la_ids = _la_ids(principal)
        if la_ids:
            q |= Q(local_authority_id__in=la_ids)
        setting_ids = _setting_ids(principal)
        if setting_ids and principal.user is not None:
            q |= Q(requested_by=principal.user, child__current_setting_id__in=setting_ids)
        if principal.roles() & FAMILY:
            q |= family_child_q(principal, prefix="child__")
        for rule in _EXTRA_VISIBILITY.values():
            q |= rule(principal)
        return q

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not principal.is_authenticated or not principal.allows_scope("children:read"):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def requestable_children(self, principal: Principal) -> "models.QuerySet[Child]":
        """Children this person may ask an assessment for, online (family and SENCo)."""
        q = family_child_q(principal)
        setting_ids = _setting_ids(principal)
        if setting_ids:
            q |= Q(current_setting_id__in=setting_ids)
        if not principal.is_authenticated or principal.user is None:
            return Child.objects.none()
        return Child.objects.filter(q)

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        roles = principal.roles()
        writes = principal.allows_scope("children:write")
        reads = principal.allows_scope("children:read")
        if obj is None:
            if action == "request":
                return principal.user is not None and bool(roles & (FAMILY | {Role.SENCO}))
            if action in {"record", *STAFF_ACTIONS}:
                return bool(roles & LA_STAFF_ROLES) and (writes if action != "view_notes" else reads)
            if action == "list":
                return bool(roles & LA_STAFF_ROLES) and reads
            if action == "view":
                return bool(roles & (LA_STAFF_ROLES | FAMILY | {Role.SENCO})) and reads
            if action == "view_family":
                return bool(roles & FAMILY) and principal.user is not None
            if action == "upload":
                return bool(roles & (LA_STAFF_ROLES | FAMILY | {Role.SENCO})) and writes
            return False
        if isinstance(obj, Child):
            if action == "request":
                return self.requestable_children(principal).filter(pk=obj.pk).exists()
            if action == "record":
                return writes and obj.responsible_la_id in _la_ids(principal)
            return False
        case: AssessmentRequest = obj
        own_la = case.local_authority_id in _la_ids(principal)
        if action in STAFF_ACTIONS:
            return own_la and (writes if action != "view_notes" else reads)
        if action == "view":
            return reads and AssessmentRequest.objects.filter(self.visible_q(principal), pk=case.pk).exists()
        if action == "view_family":
            return Child.objects.filter(family_child_q(principal), pk=case.child_id).exists()
        if action == "upload":
            return (
                writes
                and case.is_open
                and AssessmentRequest.objects.filter(self.visible_q(principal), pk=case.pk).exists()
            )
        return False


case_policy = CasePolicy()
