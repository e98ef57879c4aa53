"""Reads of SEN support plans: one plan, a child's plans, and who may see a child's plans page."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.roles import FAMILY_ROLES
from opensend.children.models import Child
from opensend.support.audit import SupportAudit
from opensend.support.models import OutcomeProgress, PlanReview, SupportPlan
from opensend.support.policies import la_ids, plan_policy


def plan_queryset() -> QuerySet[SupportPlan]:
    return SupportPlan.objects.select_related("child", "setting", "register_entry").prefetch_related(
        "outcomes",
        "provision",
        Prefetch(
            "reviews",
            queryset=PlanReview.objects.prefetch_related(
                Prefetch("progress", queryset=OutcomeProgress.objects.select_related("outcome"))
            ),
        ),
    )


def plan_get(principal: Principal, plan_id: int, *, action: str = "view") -> SupportPlan:
    plan = plan_policy.get_or_404(principal, action, plan_queryset(), pk=plan_id)
    if action == "view":
        audit.record(principal, SupportAudit.PLAN_VIEWED, child_id=plan.child_id, obj=plan)
    return plan


def child_plans(principal: Principal, child: Child) -> list[SupportPlan]:
    plans = list(
        plan_policy.visible(principal, plan_queryset().filter(child=child)).order_by("-starts_on", "-id")
    )
    audit.record(principal, SupportAudit.PLANS_LISTED, child_id=child.pk, obj=child)
    return plans


def child_get_for_plans(principal: Principal, child_id: int) -> Child:
    """The child, if this principal may see any support plan of theirs or could open one."""
    child = Child.objects.select_related("current_setting", "responsible_la").filter(pk=child_id).first()
    if child is None:
        raise Http404("Page not found")
    may_open = child.current_setting_id is not None and plan_policy.may_write_for(
        principal, child.current_setting_id
    )
    if not (
        may_open
        or _la_sees(principal, child)
        or (principal.has_role(*FAMILY_ROLES) and _family_child_ids(principal).filter(pk=child.pk).exists())
        or plan_policy.visible(principal, SupportPlan.objects.filter(child=child)).exists()
    ):
        raise Http404("Page not found")
    return child


def _family_child_ids(principal: Principal) -> QuerySet[Child]:
    from opensend.children.policies import child_policy
    from opensend.support.policies import _family_only

    return Child.objects.filter(child_policy.visible_q(_family_only(principal)))


def _la_sees(principal: Principal, child: Child) -> bool:
    las = la_ids(principal)
    return (
        bool(las)
        and principal.allows_scope("children:read")
        and (
            child.responsible_la_id in las
            or (child.current_setting is not None and child.current_setting.local_authority_id in las)
        )
    )
