"""Alternative provision placements: referral, start, reviews, end or cancellation."""

import datetime as dt

from django.db import transaction

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.targeted.audit import TargetedAudit
from opensend.targeted.models import (
    APPlacement,
    APReview,
    APTier,
    PlacementOutcome,
    PlacementStatus,
    ReferredBy,
    ReviewDecision,
)
from opensend.targeted.policies import _senco_of, placement_policy
from opensend.targeted.workflow import PLACEMENT_TRANSITIONS, check_transition

from .common import check_version, required
from .common import long_date as _day


def _education_setting(org: Organisation | None, message: str, field: str) -> Organisation:
    if org is None or org.kind != OrganisationKind.EDUCATION_SETTING:
        raise ApplicationError(message, field=field)
    return org


@transaction.atomic
def placement_refer(
    *,
    by: Principal,
    child: Child,
    tier: str,
    purpose: str,
    provider: Organisation | None,
    start_on: dt.date | None,
    planned_end_on: dt.date | None,
) -> APPlacement:
    if not placement_policy.can(by, "refer", child):
        raise NotFound()
    if tier not in APTier.values:
        raise ApplicationError("Choose the tier of alternative provision", field="tier")
    purpose = required(purpose, "Enter the purpose of the placement", "purpose")
    provider = _education_setting(provider, "Choose the provider from the list", "provider")
    if start_on is None:
        raise ApplicationError("Enter the start date", field="start_on")
    if planned_end_on is None:
        raise ApplicationError("Enter the planned end date", field="planned_end_on")
    if planned_end_on < start_on:
        raise ApplicationError(
            "The planned end date must be on or after the start date", field="planned_end_on"
        )
    if (
        APPlacement.objects.filter(child=child, provider=provider)
        .filter(status__in=[PlacementStatus.REFERRED, PlacementStatus.ACTIVE])
        .exists()
    ):
        raise ApplicationError(
            "The child already has an open referral or placement at this provider", field="provider"
        )
    from_setting = _senco_of(by, child.current_setting_id)
    referrer_id = child.current_setting_id if from_setting else child.responsible_la_id
    assert referrer_id is not None
    placement = APPlacement.objects.create(
        child=child,
        local_authority_id=child.responsible_la_id,
        referred_by_kind=ReferredBy.SETTING if from_setting else ReferredBy.LOCAL_AUTHORITY,
        referring_organisation_id=referrer_id,
        referred_by=by.user,
        referred_at=clock.now(),
        tier=tier,
        purpose=purpose,
        provider=provider,
        start_on=start_on,
        planned_end_on=planned_end_on,
    )
    timeline_append(
        child=child,
        kind="ap_placement.referred",
        title=f"Referred to alternative provision at {provider.name}",
        body=f"{placement.get_tier_display()}, {_day(start_on)} to {_day(planned_end_on)}",
        by=by,
    )
    audit.record(
        by, TargetedAudit.PLACEMENT_REFERRED, child_id=child.pk, obj=placement, detail={"tier": tier}
    )
    return placement


def _lock_placement(by: Principal, placement_id: int) -> APPlacement:
    placement = (
        APPlacement.objects.select_for_update(of=("self",))
        .select_related("child", "provider")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None or not placement_policy.can(by, "manage", placement):
        raise NotFound()
    return placement


def _moved(by: Principal, placement: APPlacement, to: PlacementStatus, action: TargetedAudit, **detail):
    old = placement.status
    placement.status = to
    placement.version += 1
    placement.save()
    audit.record(
        by,
        action,
        child_id=placement.child_id,
        obj=placement,
        detail={"status": {"old": old, "new": to}, **detail},
    )


@transaction.atomic
def placement_start(
    *, by: Principal, placement_id: int, started_on: dt.date | None, expected_version: int | None = None
) -> APPlacement:
    placement = _lock_placement(by, placement_id)
    check_version(placement, expected_version)
    check_transition(PLACEMENT_TRANSITIONS, placement.status, PlacementStatus.ACTIVE, noun="placement")
    if started_on is None:
        raise ApplicationError("Enter the date the placement started", field="started_on")
    if started_on > clock.today():
        raise ApplicationError("The start date must be today or in the past", field="started_on")
    if started_on > placement.planned_end_on:
        raise ApplicationError(
            f"The start date must be on or before the planned end date ({_day(placement.planned_end_on)})",
            field="started_on",
        )
    placement.start_on = started_on
    timeline_append(
        child=placement.child,
        kind="ap_placement.started",
        title=f"Alternative provision at {placement.provider.name} started",
        by=by,
    )
    _moved(by, placement, PlacementStatus.ACTIVE, TargetedAudit.PLACEMENT_STARTED)
    return placement


@transaction.atomic
def placement_review(
    *,
    by: Principal,
    placement_id: int,
    reviewed_on: dt.date | None,
    progress: str,
    decision: str,
    new_planned_end_on: dt.date | None = None,
    expected_version: int | None = None,
) -> APReview:
    placement = _lock_placement(by, placement_id)
    check_version(placement, expected_version)
    if placement.status != PlacementStatus.ACTIVE:
        raise ApplicationError(
            f"This placement is {placement.get_status_display().lower()}: "
            "reviews can be recorded only while it is active"
        )
    if reviewed_on is None:
        raise ApplicationError("Enter the date of the review", field="reviewed_on")
    if reviewed_on < placement.start_on:
        raise ApplicationError(
            f"The review date must be on or after the day the placement started ({_day(placement.start_on)})",
            field="reviewed_on",
        )
    if reviewed_on > clock.today():
        raise ApplicationError("The review date must be today or in the past", field="reviewed_on")
    last = placement.reviews.order_by("-reviewed_on").first()
    if last is not None and reviewed_on < last.reviewed_on:
        raise ApplicationError(
            f"The review date must be on or after the last review ({_day(last.reviewed_on)})",
            field="reviewed_on",
        )
    progress = required(progress, "Enter the progress the child has made", "progress")
    if decision not in ReviewDecision.values:
        raise ApplicationError("Choose what happens next", field="decision")
    if decision == ReviewDecision.EXTEND:
        if new_planned_end_on is None:
            raise ApplicationError("Enter the new planned end date", field="new_planned_end_on")
        if new_planned_end_on <= placement.planned_end_on:
            raise ApplicationError(
                f"The new planned end date must be after the current one ({_day(placement.planned_end_on)})",
                field="new_planned_end_on",
            )
    else:
        new_planned_end_on = None
    review = APReview.objects.create(
        placement=placement,
        reviewed_on=reviewed_on,
        progress=progress,
        decision=decision,
        new_planned_end_on=new_planned_end_on,
        recorded_by=by.user,
        recorded_by_name=actor_name(by),
    )
    detail: dict[str, object] = {"decision": decision, "review_id": review.pk}
    if new_planned_end_on is not None:
        detail["planned_end_on"] = {
            "old": placement.planned_end_on.isoformat(),
            "new": new_planned_end_on.isoformat(),
        }
        placement.planned_end_on = new_planned_end_on
    placement.version += 1
    placement.save()
    timeline_append(
        child=placement.child,
        kind="ap_placement.reviewed",
        title=f"Alternative provision at {placement.provider.name} reviewed",
        body=review.get_decision_display()
        + (f": new planned end {_day(new_planned_end_on)}" if new_planned_end_on else ""),
        by=by,
    )
    audit.record(
        by, TargetedAudit.PLACEMENT_REVIEWED, child_id=placement.child_id, obj=placement, detail=detail
    )
    return review


@transaction.atomic
def placement_end(
    *,
    by: Principal,
    placement_id: int,
    ended_on: dt.date | None,
    outcome: str,
    outcome_setting: Organisation | None = None,
    outcome_notes: str = "",
    expected_version: int | None = None,
) -> APPlacement:
    placement = _lock_placement(by, placement_id)
    check_version(placement, expected_version)
    check_transition(PLACEMENT_TRANSITIONS, placement.status, PlacementStatus.ENDED, noun="placement")
    if ended_on is None:
        raise ApplicationError("Enter the date the placement ended", field="ended_on")
    if ended_on < placement.start_on:
        raise ApplicationError(
            f"The end date must be on or after the start date ({_day(placement.start_on)})",
            field="ended_on",
        )
    if ended_on > clock.today():
        raise ApplicationError("The end date must be today or in the past", field="ended_on")
    if outcome not in PlacementOutcome.values:
        raise ApplicationError("Choose the outcome of the placement", field="outcome")
    outcome_notes = (outcome_notes or "").strip()
    if outcome == PlacementOutcome.RETURN_TO_MAINSTREAM:
        outcome_setting = _education_setting(
            outcome_setting, "Choose the setting the child returned to", "outcome_setting"
        )
    elif outcome == PlacementOutcome.ONWARD_PLACEMENT:
        outcome_setting = _education_setting(
            outcome_setting, "Choose the setting of the onward placement", "outcome_setting"
        )
    else:
        outcome_setting = None
        required(outcome_notes, "Describe the outcome", "outcome_notes")
    placement.actual_end_on = ended_on
    placement.outcome = outcome
    placement.outcome_setting = outcome_setting
    placement.outcome_notes = outcome_notes
    where = f" ({outcome_setting.name})" if outcome_setting else ""
    timeline_append(
        child=placement.child,
        kind="ap_placement.ended",
        title=f"Alternative provision at {placement.provider.name} ended",
        body=f"{PlacementOutcome(outcome).label}{where}",
        by=by,
    )
    _moved(by, placement, PlacementStatus.ENDED, TargetedAudit.PLACEMENT_ENDED, outcome=outcome)
    return placement


@transaction.atomic
def placement_cancel(
    *, by: Principal, placement_id: int, reason: str, expected_version: int | None = None
) -> APPlacement:
    placement = _lock_placement(by, placement_id)
    check_version(placement, expected_version)
    check_transition(PLACEMENT_TRANSITIONS, placement.status, PlacementStatus.CANCELLED, noun="placement")
    placement.cancelled_reason = required(reason, "Enter why the referral is cancelled", "reason")
    timeline_append(
        child=placement.child,
        kind="ap_placement.cancelled",
        title=f"Referral to alternative provision at {placement.provider.name} cancelled",
        body=placement.cancelled_reason,
        by=by,
    )
    _moved(by, placement, PlacementStatus.CANCELLED, TargetedAudit.PLACEMENT_CANCELLED)
    return placement
