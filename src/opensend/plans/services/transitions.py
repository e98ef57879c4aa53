"""The one service that changes a plan's status (ADR 0120), and the one way a plan is made with one.

Every service that moves a plan (issuing, amending, ceasing, the appeal, a transfer to another
council) does its own work and then calls `plan_transition`, which locks the row, checks
`workflow.PLAN_MOVES` and the plan policy, writes the status, and writes the move's timeline entry
and audit row (with the old and new status) in the same transaction.
"""

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.children.services import timeline_append
from opensend.core.errors import ApplicationError, NotFound
from opensend.plans import workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import Plan, PlanStatus
from opensend.plans.policies import plan_policy


@transaction.atomic
def plan_transition(
    *,
    by: Principal,
    plan: Plan,
    to: str,
    kind: str,
    title: str,
    audit_action: PlansAudit,
    body: str = "",
    visible_to_family: bool = True,
    obj: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> Plan:
    """Move `plan` to `to`. The caller's other changes to the plan are saved before this is called;
    `plan` (the caller's instance) gets the new status. `kind`, `title`, `body` and
    `visible_to_family` make the timeline entry; `audit_action`, `obj` (default: the plan) and
    `detail` the audit row."""
    locked = Plan.objects.select_for_update().select_related("child").filter(pk=plan.pk).first()
    if locked is None:
        raise NotFound()
    current = PlanStatus(locked.status)
    try:
        target = PlanStatus(to)
    except ValueError:
        raise ApplicationError("Choose the status to move the plan to") from None
    allowed = workflow.moves(current, target)
    if not allowed:
        nexts = workflow.TRANSITIONS[current]
        raise ApplicationError(
            f"A plan that is “{current.label.lower()}” cannot become “{target.label.lower()}”"
            + (f". It can become: {', '.join(sorted(s.label.lower() for s in nexts))}" if nexts else "")
        )
    if not any(plan_policy.can(by, move.allowed_for, locked) for move in allowed):
        raise NotFound()
    Plan.objects.filter(pk=locked.pk).update(status=target, updated_at=timezone.now())
    plan.status = target
    timeline_append(
        child=locked.child, kind=kind, title=title, body=body, by=by, visible_to_family=visible_to_family
    )
    audit.record(
        by,
        audit_action,
        child_id=locked.child_id,
        obj=obj if obj is not None else locked,
        detail={**(detail or {}), "old": current.value, "new": target.value},
    )
    return plan


def plan_create(*, status: str = PlanStatus.DRAFTING, **fields: Any) -> Plan:
    """Make a plan at one of the statuses a plan may start at (`workflow.ENTRY`). The calling service
    checks its own policy and writes its own timeline entry and audit row."""
    if PlanStatus(status) not in workflow.ENTRY:
        raise ApplicationError(f"A plan cannot be made “{PlanStatus(status).label.lower()}”")
    return Plan.objects.create(status=status, **fields)
