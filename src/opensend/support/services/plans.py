"""SEN support plans: assess and plan (open), do (outcomes and provision), review."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.support import oap
from opensend.support.audit import SupportAudit
from opensend.support.codes import CLOSING_STEPS, NextStep, Progress, SupportPlanStatus
from opensend.support.models import (
    OutcomeProgress,
    PlanOutcome,
    PlanProvision,
    PlanReview,
    RegisterEntry,
    SupportPlan,
)
from opensend.support.policies import plan_policy

from .common import check_areas, check_at_setting, long_date


@transaction.atomic
def plan_open(
    *,
    by: Principal,
    child: Child,
    setting: Organisation,
    starts_on: dt.date,
    review_due_on: dt.date,
    areas: list[str],
    needs: str,
    family_views: str = "",
    child_views: str = "",
) -> SupportPlan:
    if not plan_policy.can(by, "create"):
        raise NotFound()
    check_at_setting(by, child, setting)
    areas = check_areas(areas)
    if not needs.strip():
        raise ApplicationError("Describe the child's needs", field="needs")
    if review_due_on < starts_on:
        raise ApplicationError(
            f"The review must be on or after the day the plan starts ({long_date(starts_on)})",
            field="review_due_on",
        )
    if review_due_on > starts_on + dt.timedelta(days=366):
        raise ApplicationError("Review the plan within a year of its start", field="review_due_on")
    entry = RegisterEntry.objects.filter(child=child, setting=setting, ends_on__isnull=True).first()
    cycle = SupportPlan.objects.filter(child=child, setting=setting).count() + 1
    plan = SupportPlan.objects.create(
        child=child,
        setting=setting,
        register_entry=entry,
        cycle=cycle,
        starts_on=starts_on,
        review_due_on=review_due_on,
        areas=areas,
        needs=needs.strip(),
        family_views=family_views.strip(),
        child_views=child_views.strip(),
        created_by=by.user,
    )
    timeline_append(
        child=child,
        kind="support.plan_opened",
        title=f"SEN support plan started at {setting.name}",
        body=f"First review by {long_date(review_due_on)}.",
        by=by,
    )
    audit.record(by, SupportAudit.PLAN_OPENED, child_id=child.pk, obj=plan)
    return plan


def _plan_for_edit(by: Principal, plan_id: int, action: str = "edit") -> SupportPlan:
    plan = (
        SupportPlan.objects.select_for_update().select_related("child", "setting").filter(pk=plan_id).first()
    )
    if plan is None or not plan_policy.can(by, action, plan):
        raise NotFound()
    if plan.status != SupportPlanStatus.ACTIVE:
        raise ApplicationError("This plan has finished: start a new one to make changes")
    return plan


def _touch(by: Principal, plan: SupportPlan, what: str) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    audit.record(by, SupportAudit.PLAN_CHANGED, child_id=plan.child_id, obj=plan, detail={"added": what})


@transaction.atomic
def plan_outcome_add(
    *, by: Principal, plan_id: int, area: str, description: str, target_on: dt.date | None
) -> PlanOutcome:
    plan = _plan_for_edit(by, plan_id)
    if area not in plan.areas:
        raise ApplicationError("Choose one of the plan's areas of need", field="area")
    if not description.strip():
        raise ApplicationError("Describe the outcome", field="description")
    if target_on is None:
        raise ApplicationError("Enter the date by which the outcome should be achieved", field="target_on")
    if target_on < plan.starts_on:
        raise ApplicationError(
            f"The target date must be after the plan starts ({long_date(plan.starts_on)})", field="target_on"
        )
    outcome = PlanOutcome.objects.create(
        plan=plan, area=area, description=description.strip(), target_on=target_on
    )
    _touch(by, plan, "outcome")
    return outcome


@dataclass(frozen=True)
class ProvisionInput:
    area: str
    what: str
    who: str
    how_often: str
    how_long: str
    cost_pounds: Decimal
    oap_ref: str = ""


@transaction.atomic
def plan_provision_add(*, by: Principal, plan_id: int, item: ProvisionInput) -> PlanProvision:
    plan = _plan_for_edit(by, plan_id)
    if item.area not in plan.areas:
        raise ApplicationError("Choose one of the plan's areas of need", field="area")
    for field, label in (
        ("what", "what will be done"),
        ("who", "who will do it"),
        ("how_often", "how often"),
        ("how_long", "for how long"),
    ):
        if not str(getattr(item, field)).strip():
            raise ApplicationError(f"Enter {label}", field=field)
    if item.cost_pounds < 0:
        raise ApplicationError("The cost must be 0 or more", field="cost_pounds")
    title = ""
    if item.oap_ref:
        catalogue = {
            i.ref: i
            for i in oap.catalogue(local_authority_id=plan.setting.local_authority_id, on=plan.starts_on)
        }
        chosen = catalogue.get(item.oap_ref)
        if chosen is None:
            raise ApplicationError(
                "Choose an item of ordinarily available provision from the list", field="oap_ref"
            )
        if chosen.area not in (oap.ALL_AREAS, item.area):
            raise ApplicationError(
                "That ordinarily available provision is for another area of need", field="oap_ref"
            )
        title = chosen.title
    provision = PlanProvision.objects.create(
        plan=plan,
        area=item.area,
        what=item.what.strip(),
        who=item.who.strip(),
        how_often=item.how_often.strip(),
        how_long=item.how_long.strip(),
        cost_pounds=item.cost_pounds,
        oap_ref=item.oap_ref,
        oap_title=title,
    )
    _touch(by, plan, "provision")
    return provision


@transaction.atomic
def plan_review_record(
    *,
    by: Principal,
    plan_id: int,
    reviewed_on: dt.date,
    summary: str,
    progress: dict[int, tuple[str, str]],
    next_step: str,
    family_views: str = "",
    child_views: str = "",
) -> PlanReview:
    """Review: progress against each outcome. `progress` maps outcome id to (rating, note)."""
    plan = _plan_for_edit(by, plan_id, "review")
    if reviewed_on < plan.starts_on:
        raise ApplicationError(
            f"The review date must be on or after the day the plan started ({long_date(plan.starts_on)})",
            field="reviewed_on",
        )
    if reviewed_on > clock.today():
        raise ApplicationError("The review date must be today or in the past", field="reviewed_on")
    outcomes = list(plan.outcomes.all())
    if not outcomes:
        raise ApplicationError("Add at least one outcome to the plan before reviewing it")
    for outcome in outcomes:
        rating = progress.get(outcome.pk, ("", ""))[0]
        if rating not in Progress.values:
            raise ApplicationError(
                f"Choose the progress towards “{outcome.description[:60]}”", field=f"outcome_{outcome.pk}"
            )
    if not summary.strip():
        raise ApplicationError("Summarise what the review found", field="summary")
    if next_step not in NextStep.values:
        raise ApplicationError("Choose what happens next", field="next_step")
    review = PlanReview.objects.create(
        plan=plan,
        reviewed_on=reviewed_on,
        summary=summary.strip(),
        family_views=family_views.strip(),
        child_views=child_views.strip(),
        next_step=next_step,
        recorded_by=by.user,
    )
    OutcomeProgress.objects.bulk_create(
        OutcomeProgress(review=review, outcome=o, rating=progress[o.pk][0], note=progress[o.pk][1].strip())
        for o in outcomes
    )
    if next_step in CLOSING_STEPS:
        plan.status = SupportPlanStatus.CLOSED
        plan.closed_on = reviewed_on
    plan.version += 1
    plan.save(update_fields=["status", "closed_on", "version", "updated_at"])
    timeline_append(
        child=plan.child,
        kind="support.plan_reviewed",
        title=f"SEN support plan reviewed at {plan.setting.name}",
        body=f"Next: {NextStep(next_step).label.lower()}.",
        by=by,
    )
    audit.record(by, SupportAudit.PLAN_REVIEWED, child_id=plan.child_id, obj=review)
    return review
