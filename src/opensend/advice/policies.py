"""Who may ask for, give, read and reuse advice, and who is in a case's message thread.

- The case council's caseworkers and managers: request advice, record reuse, see every request and
  all submitted advice, move the case on, and write in the thread.
- An adviser: the requests addressed to them by name, or to their organisation when no person is
  named (any member holding an adviser's role there). They write, save and submit advice on those.
- The family (a parent with parental responsibility, or the young person): every request on their
  child's cases (type, from whom, when due), submitted advice only, and their case's thread.
- Nobody else, and drafts only to the people who may write them.
"""

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES, Role
from opensend.casework.models import AssessmentRequest
from opensend.casework.policies import FAMILY, family_child_q
from opensend.children.models import Child

from .codes import AdviceStatus, RequestStatus
from .models import Advice, AdviceRequest

# Roles that can be asked for advice. An LA educational psychologist is an LA caseworker (ADR 0083).
ADVISER_ROLES = frozenset(
    {
        Role.HEALTH_PROFESSIONAL,
        Role.SOCIAL_CARE_PROFESSIONAL,
        Role.SENCO,
        Role.LA_CASEWORKER,
        Role.LA_SEND_MANAGER,
    }
)
LA_ACTIONS = frozenset({"request", "reuse", "complete", "overdue", "view_all"})


def la_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]


def adviser_org_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*ADVISER_ROLES)]


def addressed_q(principal: Principal, prefix: str = "") -> Q:
    """Requests addressed to this person, or to their organisation with nobody named."""
    if principal.user is None or not principal.roles() & ADVISER_ROLES:
        return Q(pk__in=[])
    q = Q(**{f"{prefix}adviser": principal.user})
    orgs = adviser_org_ids(principal)
    if orgs:
        q |= Q(**{f"{prefix}adviser__isnull": True, f"{prefix}organisation_id__in": orgs})
    return q


def adviser_case_q(principal: Principal) -> Q:
    """Casework visibility rule: an adviser sees the cases with an open request addressed to them."""
    if principal.user is None or not principal.roles() & ADVISER_ROLES:
        return Q(pk__in=[])
    asked = AdviceRequest.objects.filter(
        addressed_q(principal), case=OuterRef("pk"), status=RequestStatus.REQUESTED
    )
    return Q(Exists(asked))


class AdvicePolicy(Policy):
    resource = "advice"
    actions = frozenset({*LA_ACTIONS, "contribute", "view", "write", "view_family", "message"})

    def visible_q(self, principal: Principal) -> Q:
        q = addressed_q(principal)
        ids = la_ids(principal)
        if ids:
            q |= Q(case__local_authority_id__in=ids)
        if principal.roles() & FAMILY:
            q |= family_child_q(principal, prefix="child__")
        return q

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not principal.is_authenticated or not principal.allows_scope("children:read"):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def versions_visible(
        self, principal: Principal, qs: "models.QuerySet[Advice]"
    ) -> "models.QuerySet[Advice]":
        """Advice versions: submitted ones of visible requests; drafts only to their writers."""
        if not principal.is_authenticated or not principal.allows_scope("children:read"):
            return qs.none()
        requests = AdviceRequest.objects.filter(self.visible_q(principal)).values("pk")
        writable = AdviceRequest.objects.filter(addressed_q(principal)).values("pk")
        return qs.filter(Q(status=AdviceStatus.SUBMITTED, request__in=requests) | Q(request__in=writable))

    def _family_of(self, principal: Principal, child_id: int) -> bool:
        if principal.user is None or not principal.roles() & FAMILY:
            return False
        return Child.objects.filter(family_child_q(principal), pk=child_id).exists()

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        roles = principal.roles()
        reads = principal.allows_scope("children:read")
        writes = principal.allows_scope("children:write")
        if obj is None:
            if action in LA_ACTIONS:
                return bool(roles & LA_STAFF_ROLES) and (
                    writes if action in {"request", "reuse", "complete"} else reads
                )
            if action == "contribute":
                return bool(roles & ADVISER_ROLES) and principal.user is not None and reads
            if action == "write":
                return bool(roles & ADVISER_ROLES) and principal.user is not None and writes
            if action == "view":
                return bool(roles & (ADVISER_ROLES | FAMILY)) and reads
            if action == "view_family":
                return bool(roles & FAMILY) and principal.user is not None
            if action == "message":
                return bool(roles & (LA_STAFF_ROLES | FAMILY)) and principal.user is not None
            return False
        if isinstance(obj, AssessmentRequest):
            own = obj.local_authority_id in la_ids(principal)
            if action in {"request", "reuse", "complete"}:
                return own and writes and obj.is_open
            if action == "view_all":
                return own and reads
            if action == "view_family":
                return self._family_of(principal, obj.child_id)
            if action == "message":
                return principal.user is not None and (own or self._family_of(principal, obj.child_id))
            return False
        request: AdviceRequest = obj
        if action == "view":
            return reads and AdviceRequest.objects.filter(self.visible_q(principal), pk=request.pk).exists()
        if action == "write":
            return (
                writes
                and principal.user is not None
                and bool(roles & ADVISER_ROLES)
                and request.status != RequestStatus.CANCELLED
                and AdviceRequest.objects.filter(addressed_q(principal), pk=request.pk).exists()
            )
        return False


advice_policy = AdvicePolicy()
