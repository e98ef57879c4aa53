"""What may happen to an EHC plan, and to its reviews, amendments, ceasings and transfers, as data
(ADR 0120).

- `PLAN_MOVES`: every change of `Plan.status`, the plan policy action that lets a principal make
  it, and the service that makes it. Nothing changes a plan's status except
  `services.transitions.plan_transition`, which checks this table and the policy (a test reads the
  source and fails if anything else writes it). `ENTRY` is the statuses a plan may be made in.
- `ACTIONS`: what a person may do to a plan at each status (the moves above, and the work that
  does not move it: editing, arranging a review, sending a plan to another council...). Services
  refuse an action at another status with the rule's words; `selectors.plan_actions` gives pages
  exactly the actions a principal may take, so no template tests a status.
- `REVIEW_TRANSITIONS` and `TRANSFER_TRANSITIONS` for the records with a stored status;
  `AMENDMENT_TRANSITIONS` and `CEASING_TRANSITIONS` for the records whose stage follows from their
  dated facts (`amendment_stage`, `ceasing_stage`), which are written once and never changed.
"""

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from django.db import models

from opensend.core.errors import ApplicationError

from .models import Amendment, Ceasing, PlanStatus, ReviewStatus, TransferStatus

S = PlanStatus


@dataclasses.dataclass(frozen=True)
class Move:
    source: PlanStatus
    target: PlanStatus
    allowed_for: str  # the plan policy action a principal needs to make this move
    made_by: str  # the service that makes it


PLAN_MOVES: tuple[Move, ...] = (
    Move(S.DRAFTING, S.DRAFT_ISSUED, "issue", "draft_issue"),
    # A corrected draft replaces the one the family has (a new version; the 15 days start again).
    Move(S.DRAFT_ISSUED, S.DRAFT_ISSUED, "issue", "draft_issue"),
    Move(S.DRAFT_ISSUED, S.FINAL_ISSUED, "issue", "final_issue"),
    Move(S.FINAL_ISSUED, S.AMENDING, "decide", "review_decide (amend), reassessment_start"),
    Move(S.AMENDING, S.FINAL_ISSUED, "decide", "amended_final_issue"),
    Move(S.FINAL_ISSUED, S.CEASING, "decide", "cease_decide, review_decide (cease)"),
    Move(S.CEASING, S.FINAL_ISSUED, "decide", "cease_appeal_concluded (upheld)"),
    Move(S.CEASING, S.CEASED, "decide", "cease_appeal_concluded (dismissed)"),
    Move(S.CEASING, S.CEASED, "cease_due", "plans_cease_due (the appeal window closed)"),
    Move(S.FINAL_ISSUED, S.TRANSFERRED, "receive", "transfer_receive (by the new council)"),
    Move(S.AMENDING, S.TRANSFERRED, "receive", "transfer_receive (by the new council)"),
)

TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    status: frozenset(m.target for m in PLAN_MOVES if m.source == status) for status in PlanStatus
}
# A plan is made while drafting (plan_start), or as the version an imported or transferred
# document says it is (importing.create_from_document).
ENTRY: frozenset[PlanStatus] = frozenset({S.DRAFTING, S.DRAFT_ISSUED, S.FINAL_ISSUED})
ENDED: frozenset[PlanStatus] = frozenset(s for s, nexts in TRANSITIONS.items() if not nexts)
# Statuses at which a plan is maintained: reviews fall due, phase transfers are watched.
IN_FORCE: frozenset[PlanStatus] = frozenset({S.FINAL_ISSUED, S.AMENDING, S.CEASING})
# The working copy is the draft being written: its problems are the council's quality report.
BEING_DRAFTED: frozenset[PlanStatus] = frozenset({S.DRAFTING, S.DRAFT_ISSUED})


def moves(current: str, target: str) -> tuple[Move, ...]:
    return tuple(m for m in PLAN_MOVES if m.source == current and m.target == target)


def can_move(current: str, target: str) -> bool:
    return PlanStatus(target) in TRANSITIONS[PlanStatus(current)]


class PlanAction(enum.StrEnum):
    EDIT = "edit"
    ISSUE_DRAFT = "issue_draft"
    ISSUE_FINAL = "issue_final"
    REVIEW_SCHEDULE = "review_schedule"
    AMENDMENT_NOTICE = "amendment_notice"
    AMENDED_FINAL = "amended_final"
    PHASE_TRANSFER = "phase_transfer"
    REASSESS = "reassess"
    CEASE = "cease"
    CEASE_APPEAL_LODGED = "cease_appeal_lodged"
    CEASE_APPEAL_CONCLUDED = "cease_appeal_concluded"
    TRANSFER = "transfer"


@dataclasses.dataclass(frozen=True)
class Rule:
    statuses: frozenset[PlanStatus]
    allowed_for: str  # the plan policy action
    refused: str  # what the service says at any other status
    to: frozenset[PlanStatus] = frozenset()  # the statuses it moves the plan to, if it moves it


def _rule(
    statuses: set[PlanStatus], allowed_for: str, refused: str, to: set[PlanStatus] | None = None
) -> Rule:
    return Rule(frozenset(statuses), allowed_for, refused, frozenset(to or ()))


A = PlanAction
ACTIONS: dict[PlanAction, Rule] = {
    A.EDIT: _rule(
        {S.DRAFTING, S.DRAFT_ISSUED, S.AMENDING},
        "draft",
        "This plan has been issued: its sections can no longer be changed here",
    ),
    A.ISSUE_DRAFT: _rule(
        {S.DRAFTING, S.DRAFT_ISSUED},
        "issue",
        "This plan has already been issued as a final plan",
        {S.DRAFT_ISSUED},
    ),
    A.ISSUE_FINAL: _rule(
        {S.DRAFT_ISSUED}, "issue", "Issue the draft plan to the family first", {S.FINAL_ISSUED}
    ),
    A.REVIEW_SCHEDULE: _rule({S.FINAL_ISSUED}, "review", "Only a plan in force can be reviewed"),
    A.AMENDMENT_NOTICE: _rule({S.AMENDING}, "decide", "The council has not decided to amend this plan"),
    A.AMENDED_FINAL: _rule(
        {S.AMENDING}, "decide", "Send the amendment notice to the family first", {S.FINAL_ISSUED}
    ),
    A.PHASE_TRANSFER: _rule(
        {S.FINAL_ISSUED, S.AMENDING}, "decide", "Only a plan in force can have a phase transfer"
    ),
    A.REASSESS: _rule({S.FINAL_ISSUED}, "decide", "Only a plan in force can be re-assessed", {S.AMENDING}),
    A.CEASE: _rule({S.FINAL_ISSUED}, "decide", "Only a plan in force can be ceased", {S.CEASING}),
    A.CEASE_APPEAL_LODGED: _rule(
        {S.CEASING}, "decide", "This decision to cease has already ended or been appealed"
    ),
    A.CEASE_APPEAL_CONCLUDED: _rule(
        {S.CEASING}, "decide", "There is no appeal waiting to be concluded", {S.FINAL_ISSUED, S.CEASED}
    ),
    A.TRANSFER: _rule({S.FINAL_ISSUED, S.AMENDING}, "transfer", "Only a plan in force can be transferred"),
}


def require(status: str, action: PlanAction) -> None:
    """Refuse `action` on a plan at `status`, in the rule's words."""
    if PlanStatus(status) not in ACTIONS[action].statuses:
        raise ApplicationError(ACTIONS[action].refused)


# --- Reviews and transfers: stored statuses ----------------------------------------------------

REVIEW_TRANSITIONS: dict[ReviewStatus, frozenset[ReviewStatus]] = {
    ReviewStatus.SCHEDULED: frozenset({ReviewStatus.HELD, ReviewStatus.CLOSED}),
    ReviewStatus.HELD: frozenset({ReviewStatus.DECIDED, ReviewStatus.CLOSED}),
    ReviewStatus.DECIDED: frozenset(),
    ReviewStatus.CLOSED: frozenset(),
}
OPEN_REVIEW: frozenset[ReviewStatus] = frozenset(s for s, nexts in REVIEW_TRANSITIONS.items() if nexts)

TRANSFER_TRANSITIONS: dict[TransferStatus, frozenset[TransferStatus]] = {
    TransferStatus.SENT: frozenset({TransferStatus.RECEIVED, TransferStatus.CANCELLED}),
    TransferStatus.RECEIVED: frozenset(),
    TransferStatus.CANCELLED: frozenset(),
}


# --- Amendments and ceasings: stages read from their facts ---------------------------------------


class AmendmentStage(models.TextChoices):
    DECIDED = "decided", "Decided: the changes are being written"
    NOTICE_SENT = "notice_sent", "Amendment notice sent: the family may comment"
    ISSUED = "issued", "Amended plan issued"


AMENDMENT_TRANSITIONS: dict[AmendmentStage, frozenset[AmendmentStage]] = {
    AmendmentStage.DECIDED: frozenset({AmendmentStage.NOTICE_SENT}),
    AmendmentStage.NOTICE_SENT: frozenset({AmendmentStage.ISSUED}),
    AmendmentStage.ISSUED: frozenset(),
}


def amendment_stage(amendment: Amendment) -> AmendmentStage:
    if amendment.final_version_id is not None:
        return AmendmentStage.ISSUED
    if amendment.notice_version_id is not None:
        return AmendmentStage.NOTICE_SENT
    return AmendmentStage.DECIDED


class CeasingStage(models.TextChoices):
    NOTICE = "notice", "Decided: the family may appeal"
    APPEALED = "appealed", "Appealed: the plan is kept while the appeal goes on"
    CONTINUED = "continued", "Appeal upheld: the plan continues"
    CEASED = "ceased", "The plan stopped"


CEASING_TRANSITIONS: dict[CeasingStage, frozenset[CeasingStage]] = {
    CeasingStage.NOTICE: frozenset({CeasingStage.APPEALED, CeasingStage.CEASED}),
    CeasingStage.APPEALED: frozenset({CeasingStage.CONTINUED, CeasingStage.CEASED}),
    CeasingStage.CONTINUED: frozenset(),
    CeasingStage.CEASED: frozenset(),
}


def ceasing_stage(ceasing: Ceasing, today: dt.date | None = None) -> CeasingStage:
    """From the stored facts; with `today`, a window that closed with no appeal is already ceased,
    whether or not `plans_cease_due` has run yet (ADR 0104)."""
    if ceasing.ceased_on is not None:
        return CeasingStage.CEASED
    if ceasing.appeal_concluded_on is not None:
        return CeasingStage.CEASED if ceasing.appeal_upheld_cease else CeasingStage.CONTINUED
    if ceasing.appeal_lodged_on is not None:
        return CeasingStage.APPEALED
    if today is not None and ceasing.appeal_by < today:
        return CeasingStage.CEASED
    return CeasingStage.NOTICE


def check(table: Mapping[Any, frozenset[Any]], current: str, target: str, refused: str) -> None:
    """Refuse a move the table does not allow, in words a person can act on."""
    if target not in table[current]:
        raise ApplicationError(refused)
