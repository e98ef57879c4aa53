"""Who may see and work on EHC plans (ADR 0095).

- The council's caseworkers and managers (the plan's council): everything, and they draft and issue.
- The family (parents with parental responsibility, the young person): every issued version, drafts
  and finals; they comment on issued drafts. Never the working copy.
- The SENCo of the setting named in section I: the final versions; they may arrange and hold the
  review meeting.
- Health and social care professionals with a live grant on the child: the final versions.
- Another council: a plan sent to it (`receive`, token scope `plans:transfer`), which then moves to it.
- The scheduled task acting for the plan's council (`cease_due`): ends a ceasing plan whose appeal
  window closed (ADR 0120).
- Nobody else. Tokens: reads need `children:read`, writes `children:write`.

Which of these actions a plan's status allows is `workflow`'s business, not the policy's.
"""

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES, Role
from opensend.casework.policies import FAMILY, family_child_q
from opensend.children.models import ProfessionalInvolvement
from opensend.core import clock

from .models import FINAL_KINDS, Plan, PlanTransfer, PlanVersion, Review, TransferStatus

PROFESSIONAL_ROLES = (Role.HEALTH_PROFESSIONAL, Role.SOCIAL_CARE_PROFESSIONAL)
STAFF_ACTIONS = frozenset({"draft", "issue", "report", "import", "decide", "transfer"})
TRANSFER_SCOPE = "plans:transfer"
# The role of the principal a scheduled task acts as for one council (`services.ceasing`): nobody
# signs in as it, and it may only end a ceasing plan whose appeal window has closed.
SCHEDULED_TASK_ROLE = "system"


def _la_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]


class PlanPolicy(Policy):
    resource = "plan"
    actions = frozenset(
        {
            "view",
            "view_family",
            "comment",
            "list",
            "review",
            "contribute",
            "receive",
            "cancel",
            "family_told",
            "cease_due",
            *STAFF_ACTIONS,
        }
    )

    def version_q(self, principal: Principal, prefix: str = "") -> Q:
        """A filter on PlanVersion (or, with prefix "versions__", on Plan) for what this person may see."""
        p = prefix
        q = Q(pk__in=[])
        la_ids = _la_ids(principal)
        if la_ids:
            q |= Q(**{f"{p}plan__local_authority_id__in": la_ids})
        if principal.roles() & FAMILY:
            q |= family_child_q(principal, prefix=f"{p}plan__child__")
        finals = Q(**{f"{p}kind__in": FINAL_KINDS})
        setting_ids = [g.organisation_id for g in principal.grants_for(Role.SENCO)]
        if setting_ids:
            q |= finals & Q(**{f"{p}plan__named_setting_id__in": setting_ids})
        org_ids = [g.organisation_id for g in principal.grants_for(*PROFESSIONAL_ROLES)]
        if org_ids and principal.user is not None:
            live = ProfessionalInvolvement.objects.filter(
                ProfessionalInvolvement.live_filter(clock.today()),
                child=OuterRef(f"{p}plan__child_id"),
                user=principal.user,
                organisation_id__in=org_ids,
            )
            q |= finals & Q(Exists(live))
        return q

    def _reads(self, principal: Principal) -> bool:
        return principal.is_authenticated and principal.allows_scope("children:read")

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        """Plans (those with a version this person may see, or the council's own) or versions."""
        if not self._reads(principal):
            return qs.none()
        if qs.model is PlanVersion:
            return qs.filter(self.version_q(principal))
        la_q = Q(local_authority_id__in=_la_ids(principal))
        seen = PlanVersion.objects.filter(self.version_q(principal), plan_id=OuterRef("pk"))
        return qs.filter(la_q | Q(Exists(seen)))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if action == "cease_due":
            return isinstance(obj, Plan) and is_scheduled_task(principal, obj.local_authority_id)
        if not principal.is_authenticated:
            return False
        roles = principal.roles()
        reads = principal.allows_scope("children:read")
        writes = principal.allows_scope("children:write")
        if obj is None:
            if action in {"transfer", "receive", "cancel"}:
                return bool(roles & LA_STAFF_ROLES) and principal.allows_scope(TRANSFER_SCOPE)
            if action == "family_told":
                return bool(roles & LA_STAFF_ROLES) and writes
            if action == "review":
                return bool(roles & (LA_STAFF_ROLES | {Role.SENCO})) and writes
            if action == "contribute":
                return writes and principal.user is not None
            if action in STAFF_ACTIONS:
                return bool(roles & LA_STAFF_ROLES) and (writes if action != "report" else reads)
            if action in {"view", "list"}:
                return reads and bool(roles & (LA_STAFF_ROLES | FAMILY | {Role.SENCO, *PROFESSIONAL_ROLES}))
            if action in {"view_family", "comment"}:
                return bool(roles & FAMILY) and principal.user is not None and (writes or action != "comment")
            return False
        if isinstance(obj, PlanVersion):
            version = obj
            if action == "view":
                return reads and PlanVersion.objects.filter(self.version_q(principal), pk=version.pk).exists()
            if action == "comment":
                return (
                    writes
                    and version.is_draft
                    and version.plan.current_version_id == version.pk
                    and self.is_family(principal, version.plan)
                )
            return False
        if isinstance(obj, Review):
            return self._can_review(principal, action, obj, reads, writes)
        if isinstance(obj, PlanTransfer):
            if action == "receive":
                return principal.allows_scope(TRANSFER_SCOPE) and obj.to_la_id in _la_ids(principal)
            if action == "cancel":
                return principal.allows_scope(TRANSFER_SCOPE) and obj.from_la_id in _la_ids(principal)
            if action == "family_told":
                return writes and obj.to_la_id in _la_ids(principal)
            if action == "view":
                la_ids = _la_ids(principal)
                return reads and (obj.to_la_id in la_ids or obj.from_la_id in la_ids)
            return False
        plan: Plan = obj
        if action == "receive":
            # The new council receives a plan sent to it: the plan moves to it (`transfer_receive`).
            return (
                principal.allows_scope(TRANSFER_SCOPE)
                and PlanTransfer.objects.filter(
                    plan_id=plan.pk, status=TransferStatus.SENT, to_la_id__in=_la_ids(principal)
                ).exists()
            )
        if action in {"draft", "issue", "import", "decide"}:
            return writes and plan.local_authority_id in _la_ids(principal)
        if action == "transfer":
            return principal.allows_scope(TRANSFER_SCOPE) and plan.local_authority_id in _la_ids(principal)
        if action == "review":
            setting_ids = [g.organisation_id for g in principal.grants_for(Role.SENCO)]
            return writes and (
                plan.local_authority_id in _la_ids(principal)
                or (plan.named_setting_id is not None and plan.named_setting_id in setting_ids)
            )
        if action == "view":
            return reads and self.visible(principal, Plan.objects.filter(pk=plan.pk)).exists()
        if action == "view_family":
            return self.is_family(principal, plan)
        return False

    def _can_review(self, principal: Principal, action: str, review: Any, reads: bool, writes: bool) -> bool:
        """A review: the council and the setting holding it run it; invitees see it and contribute."""
        plan = review.plan
        if self.can(principal, "review", plan):
            return action in {"view", "contribute", "review"} and (reads or action != "view")
        invited = principal.user is not None and review.invitations.filter(user=principal.user).exists()
        if action == "view":
            return reads and (invited or self.is_family(principal, plan))
        if action == "contribute":
            return writes and invited
        return False

    def is_family(self, principal: Principal, plan: Plan) -> bool:
        from opensend.children.models import Child

        if not principal.roles() & FAMILY:
            return False
        return Child.objects.filter(family_child_q(principal), pk=plan.child_id).exists()


def is_scheduled_task(principal: Principal, local_authority_id: int) -> bool:
    """The scheduled task's principal for this council: no person, no token, named in the audit."""
    return (
        principal.user is None
        and principal.token is None
        and bool(principal.acting_as)
        and any(
            g.role == SCHEDULED_TASK_ROLE and g.organisation_id == local_authority_id
            for g in principal.grants
        )
    )


plan_policy = PlanPolicy()
