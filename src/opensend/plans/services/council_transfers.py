"""Transfer of a plan to the council the child moved to (regulation 15; ADR 0103).

The old council sends (X1: 15 working days from finding out about the move): the transfer keeps
the in-force version it sent and its hash. The new council receives the schema document through its
import endpoint (an API token of the new council with scope `plans:transfer`, or its caseworker on
the incoming transfers page): a new plan of the new council with the original `made_on`, X2 and X3
start, the old plan is marked transferred (SEN2 CeaseReason 5, CeaseDate the day of transfer) and
the child's record passes to the new council. A transfer's status follows
`workflow.TRANSFER_TRANSITIONS` and is written only by `transfer_move`.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.children.services import child_responsible_la_change, timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.plans import deadlines, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import (
    FINAL_KINDS,
    CeaseReason,
    Plan,
    PlanStatus,
    PlanTransfer,
    Review,
    ReviewStatus,
    TransferStatus,
)
from opensend.plans.policies import plan_policy
from opensend.plans.schema.document import PlanDocument
from opensend.plans.workflow import PlanAction

from .importing import create_from_document
from .issuing import locked_plan, named_setting_of, notify_family
from .reviews import review_move
from .transitions import plan_transition


class DocumentRefused(ApplicationError):
    """The document is well formed but is not the plan that was sent: `extra["pointer"]` says where."""


_OPEN = frozenset(s for s, nexts in workflow.TRANSFER_TRANSITIONS.items() if nexts)


def _may_move(transfer: PlanTransfer, to: TransferStatus) -> None:
    """A transfer that has ended is a Conflict: the other council acted first."""
    if to not in workflow.TRANSFER_TRANSITIONS[TransferStatus(transfer.status)]:
        if transfer.status == TransferStatus.CANCELLED:
            raise Conflict("The council that sent this plan cancelled the transfer")
        raise Conflict("This plan has already been received by the new council")


def transfer_move(transfer: PlanTransfer, to: TransferStatus) -> None:
    """The one place a transfer's status is written, after `workflow.TRANSFER_TRANSITIONS` allows it.
    The caller holds the transfer's row lock."""
    _may_move(transfer, to)
    transfer.status = to
    transfer.save(update_fields=["status"])


@transaction.atomic
def transfer_start(
    *,
    by: Principal,
    plan: Plan,
    to_la: Organisation | None,
    aware_on: dt.date | None,
    moved_on: dt.date | None = None,
) -> PlanTransfer:
    """The old council sends the plan in force to the new council."""
    plan = locked_plan(by, plan, "transfer")
    workflow.require(plan.status, PlanAction.TRANSFER)
    if plan.in_force_version is None:
        raise ApplicationError(workflow.ACTIONS[PlanAction.TRANSFER].refused)
    if to_la is None or to_la.kind != OrganisationKind.LOCAL_AUTHORITY:
        raise ApplicationError("Choose the council the child has moved to", field="to_la")
    if to_la.pk == plan.local_authority_id:
        raise ApplicationError(
            "Choose a different council: the plan is already this council's", field="to_la"
        )
    today = clock.today()
    if aware_on is None:
        raise ApplicationError("Enter the date the council found out about the move", field="aware_on")
    if aware_on > today:
        raise ApplicationError(
            "The date the council found out must be today or in the past", field="aware_on"
        )
    if plan.made_on and aware_on < plan.made_on - dt.timedelta(days=366):
        raise ApplicationError("Enter the date the council found out about the move", field="aware_on")
    if plan.transfers_out.filter(status__in=_OPEN).exists():
        raise ApplicationError("This plan has already been sent to another council")
    version = plan.in_force_version
    transfer = PlanTransfer.objects.create(
        plan=plan,
        child=plan.child,
        from_la=plan.local_authority,
        to_la=to_la,
        aware_on=aware_on,
        moved_on=moved_on,
        x1_due=deadlines.transfer_send_by(aware_on),
        sent_on=today,
        sent_by_name=actor_name(by),
        version=version,
        content_hash=version.content_hash,
    )
    timeline_append(
        child=plan.child,
        kind="plans.transfer_sent",
        title=f"EHC plan sent to {to_la.name}",
        by=by,
        visible_to_family=True,
    )
    audit.record(
        by,
        PlansAudit.TRANSFER_SENT,
        child_id=plan.child_id,
        obj=transfer,
        detail={"to_la": to_la.pk, "hash": version.content_hash, "x1_due": str(transfer.x1_due)},
    )
    return transfer


@transaction.atomic
def transfer_receive(*, by: Principal, transfer: PlanTransfer, doc: PlanDocument, source: str = "") -> Plan:
    """The new council receives the plan: it keeps its original `made_on`; X2 and X3 start today."""
    locked = PlanTransfer.objects.select_for_update().filter(pk=transfer.pk).first()
    if locked is None or not plan_policy.can(by, "receive", locked):
        raise NotFound()
    _may_move(locked, TransferStatus.RECEIVED)
    old = Plan.objects.select_for_update().select_related("child", "local_authority").get(pk=locked.plan_id)
    if doc.plan.kind not in FINAL_KINDS:
        raise DocumentRefused("Only a final plan can be transferred", extra={"pointer": "/plan/kind"})
    if old.made_on and doc.plan.made_on != old.made_on:
        raise DocumentRefused(
            f"The plan was made on {old.made_on:%-d %B %Y}: a transferred plan keeps that date",
            extra={"pointer": "/plan/made_on"},
        )
    today = clock.today()
    to_la = Organisation.objects.get(pk=locked.to_la_id)
    child = child_responsible_la_change(
        by=by, child=old.child, new_la=to_la, reason=f"EHC plan transferred from {old.local_authority.name}"
    )
    plan = create_from_document(
        by=by,
        child=child,
        local_authority=to_la,
        doc=doc,
        source=source or f"transfer from {old.local_authority.name}",
    )
    last = old.last_review_meeting_on or old.made_on or today
    plan.transferred_in_on = today
    plan.transfer_la = old.local_authority
    plan.next_review_due = deadlines.transferred_review_due(last, today)
    plan.last_review_meeting_on = old.last_review_meeting_on
    plan.last_review_outcome = old.last_review_outcome
    plan.last_review_on = old.last_review_on
    plan.named_setting = named_setting_of(doc, None) or old.named_setting
    plan.save()
    old.cease_date = today
    old.cease_reason = CeaseReason.TRANSFERRED
    old.next_review_due = None
    old.save(update_fields=["cease_date", "cease_reason", "next_review_due", "updated_at"])
    _close_open_reviews(by, old, to_la.name, today)
    # The old plan moves while the transfer is still "sent" to this council: that is what lets
    # this council's principal move another council's plan (`plan_policy` "receive"). Then the
    # transfer moves.
    plan_transition(
        by=by,
        plan=old,
        to=PlanStatus.TRANSFERRED,
        kind="plans.transfer_received",
        title=f"EHC plan transferred to {to_la.name}: review by {plan.next_review_due:%-d %B %Y}",
        audit_action=PlansAudit.TRANSFER_RECEIVED,
        obj=locked,
        detail={
            "from_la": old.local_authority_id,
            "old_plan": old.pk,
            "new_plan": plan.pk,
            "hash": plan.in_force_version.content_hash if plan.in_force_version else "",
            "same_as_sent": bool(
                plan.in_force_version and plan.in_force_version.content_hash == locked.content_hash
            ),
        },
    )
    transfer_move(locked, TransferStatus.RECEIVED)
    locked.received_on = today
    locked.received_by_name = actor_name(by)
    locked.new_plan = plan
    locked.x2_due = deadlines.transfer_family_told_by(today)
    locked.x3_due = plan.next_review_due
    locked.save(update_fields=["received_on", "received_by_name", "new_plan", "x2_due", "x3_due"])
    notify_family(
        plan,
        "plan.transferred_in",
        {"la_name": to_la.name, "review_by": plan.next_review_due},
        reverse("plans:child", args=[child.pk]),
    )
    return plan


def _close_open_reviews(by: Principal, old: Plan, to_name: str, today: dt.date) -> None:
    """A review under way on the old plan cannot be decided by a council that no longer holds it: it
    is closed with a note; the new council reviews by X3."""
    note = f"Closed on {today:%-d %B %Y}: the plan moved to {to_name}, which reviews it by its own date (X3)."
    for review in Review.objects.select_for_update().filter(plan=old, status__in=workflow.OPEN_REVIEW):
        review_move(review, ReviewStatus.CLOSED, "This review has already ended")
        review.closed_note = note
        review.save(update_fields=["closed_note"])
        audit.record(by, PlansAudit.REVIEW_CLOSED, child_id=old.child_id, obj=review, detail={"note": note})


def _locked_transfer(by: Principal, transfer: PlanTransfer, action: str) -> PlanTransfer:
    locked = PlanTransfer.objects.select_for_update().filter(pk=transfer.pk).first()
    if locked is None or not plan_policy.can(by, action, locked):
        raise NotFound()
    return PlanTransfer.objects.select_related("child", "to_la", "from_la", "plan").get(pk=locked.pk)


@transaction.atomic
def transfer_cancel(*, by: Principal, transfer: PlanTransfer, reason: str = "") -> PlanTransfer:
    """The old council takes back a transfer it sent that the new council has not received (the
    family did not move after all, or it went to the wrong council). The plan stays with it."""
    locked = _locked_transfer(by, transfer, "cancel")
    if locked.status == TransferStatus.CANCELLED:
        raise Conflict("This transfer has already been cancelled")
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ApplicationError("Enter why the transfer is cancelled", field="reason")
    if len(reason) > 2000:
        raise ApplicationError("Enter 2,000 characters or fewer", field="reason")
    transfer_move(locked, TransferStatus.CANCELLED)
    locked.cancelled_on = clock.today()
    locked.cancelled_by_name = actor_name(by)
    locked.cancel_reason = reason
    locked.save(update_fields=["cancelled_on", "cancelled_by_name", "cancel_reason"])
    timeline_append(
        child=locked.child,
        kind="plans.transfer_cancelled",
        title=f"Sending the EHC plan to {locked.to_la.name} was cancelled",
        body=reason,
        by=by,
        visible_to_family=True,
    )
    audit.record(
        by, PlansAudit.TRANSFER_CANCELLED, child_id=locked.child_id, obj=locked, detail={"reason": reason}
    )
    return locked


@transaction.atomic
def transfer_family_told(*, by: Principal, transfer: PlanTransfer, told_on: dt.date | None) -> PlanTransfer:
    """The new council wrote to the family (regulation 15(4)): recorded once, with whether it met X2."""
    locked = _locked_transfer(by, transfer, "family_told")
    if locked.status != TransferStatus.RECEIVED or locked.received_on is None:
        raise ApplicationError("Receive the plan before recording that the family was told")
    if locked.family_told_on is not None:
        raise Conflict(f"Already recorded: the family was told on {locked.family_told_on:%-d %B %Y}")
    if told_on is None:
        raise ApplicationError("Enter the date the family was told", field="told_on")
    if told_on < locked.received_on or told_on > clock.today():
        raise ApplicationError(
            f"The date must be between {locked.received_on:%-d %B %Y} (when the plan was received) and today",
            field="told_on",
        )
    locked.family_told_on = told_on
    locked.family_told_by_name = actor_name(by)
    locked.save(update_fields=["family_told_on", "family_told_by_name"])
    audit.record(
        by,
        PlansAudit.TRANSFER_FAMILY_TOLD,
        child_id=locked.child_id,
        obj=locked,
        detail={"told_on": str(told_on), "x2_due": str(locked.x2_due), "x2_met": locked.x2_met},
    )
    return locked
