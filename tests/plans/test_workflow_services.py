"""The sub-tables through the services that move them, every pair: a ceasing (notice, appealed,
continued, ceased), an amendment (decided, notice sent, issued), a review (scheduled, held, decided,
closed) and a transfer (sent, received, cancelled) each move exactly as `workflow` says."""

import datetime as dt
import itertools
import json

import pytest

from opensend.accounts.roles import Role
from opensend.core.errors import ApplicationError
from opensend.plans import workflow
from opensend.plans.models import CommentKind, Plan, PlanStatus, Review, ReviewStatus, TransferStatus
from opensend.plans.schema.document import PlanDocument
from opensend.plans.services import (
    amended_final_issue,
    amendment_notice_issue,
    cease_appeal_concluded,
    cease_appeal_lodged,
    cease_decide,
    comment_add,
    plans_cease_due,
    reassessment_start,
    review_decide,
    review_record_meeting,
    transfer_cancel,
    transfer_receive,
    transfer_start,
)
from opensend.plans.workflow import AmendmentStage, CeasingStage
from tests.factories import LocalAuthorityFactory, MembershipFactory

from .conftest import MEETING, TODAY, _held, at, p

pytestmark = pytest.mark.django_db


def _allowed(table, current, target):
    return target in table[current]


# --- ceasing --------------------------------------------------------------------------------------


def _ceasing_at(stage, plan, by):
    ceasing = cease_decide(by=by, plan=plan, reason=2, reasons="Needs met at school.")
    if stage in (CeasingStage.APPEALED, CeasingStage.CONTINUED, CeasingStage.CEASED):
        cease_appeal_lodged(by=by, ceasing=ceasing, lodged_on=TODAY)
    if stage in (CeasingStage.CONTINUED, CeasingStage.CEASED):
        outcome = "upheld" if stage == CeasingStage.CONTINUED else "dismissed"
        cease_appeal_concluded(by=by, ceasing=ceasing, concluded_on=TODAY, outcome=outcome)
    ceasing.refresh_from_db()
    assert workflow.ceasing_stage(ceasing) == stage
    return ceasing


def _cease_to(target, ceasing, by):
    """The service that moves a ceasing to `target`; False when it moved nothing."""
    if target == CeasingStage.APPEALED:
        cease_appeal_lodged(by=by, ceasing=ceasing, lodged_on=TODAY)
    elif target == CeasingStage.CONTINUED:
        cease_appeal_concluded(by=by, ceasing=ceasing, concluded_on=TODAY, outcome="upheld")
    elif target == CeasingStage.CEASED:
        # The window closing with no appeal (the task), or an appeal dismissed.
        if plans_cease_due(ceasing.appeal_by + dt.timedelta(days=1)) == 0:
            cease_appeal_concluded(by=by, ceasing=ceasing, concluded_on=TODAY, outcome="dismissed")
    else:
        return False  # nothing moves a ceasing back to its notice
    return True


CEASING_PAIRS = list(itertools.product(CeasingStage, CeasingStage))


@pytest.mark.parametrize(
    ("current", "target"), CEASING_PAIRS, ids=[f"{a.value}->{b.value}" for a, b in CEASING_PAIRS]
)
def test_every_ceasing_move_is_made_or_refused_as_the_table_says(current, target, in_force, caseworker):
    by = p(caseworker)
    ceasing = _ceasing_at(current, in_force, by)
    if _allowed(workflow.CEASING_TRANSITIONS, current, target):
        assert _cease_to(target, ceasing, by)
        ceasing.refresh_from_db()
        assert workflow.ceasing_stage(ceasing) == target
        expected = PlanStatus.FINAL_ISSUED if target == CeasingStage.CONTINUED else None
        expected = expected or (PlanStatus.CEASED if target == CeasingStage.CEASED else PlanStatus.CEASING)
        assert Plan.objects.get(pk=in_force.pk).status == expected
    else:
        status = Plan.objects.get(pk=in_force.pk).status
        try:
            moved = _cease_to(target, ceasing, by)
        except ApplicationError:
            moved = False
        assert not moved
        ceasing.refresh_from_db()
        assert workflow.ceasing_stage(ceasing) == current
        assert Plan.objects.get(pk=in_force.pk).status == status


# --- amendments -----------------------------------------------------------------------------------


def _amendment_at(stage, plan, by, parent):
    amendment = reassessment_start(by=by, plan=plan, notified_on=TODAY)
    if stage in (AmendmentStage.NOTICE_SENT, AmendmentStage.ISSUED):
        notice = amendment_notice_issue(by=by, plan=plan)
        comment_add(by=p(parent), version=notice, kind=CommentKind.FINISHED)
    if stage == AmendmentStage.ISSUED:
        amended_final_issue(by=by, plan=plan)
    amendment.refresh_from_db()
    assert workflow.amendment_stage(amendment) == stage
    return amendment


AMENDMENT_PAIRS = list(itertools.product(AmendmentStage, AmendmentStage))


@pytest.mark.parametrize(
    ("current", "target"), AMENDMENT_PAIRS, ids=[f"{a.value}->{b.value}" for a, b in AMENDMENT_PAIRS]
)
def test_every_amendment_move_is_made_or_refused_as_the_table_says(
    current, target, in_force, caseworker, parent
):
    by = p(caseworker)
    amendment = _amendment_at(current, in_force, by, parent)
    movers = {
        AmendmentStage.NOTICE_SENT: lambda: amendment_notice_issue(by=by, plan=in_force),
        AmendmentStage.ISSUED: lambda: amended_final_issue(by=by, plan=in_force),
    }
    if _allowed(workflow.AMENDMENT_TRANSITIONS, current, target):
        movers[target]()
        amendment.refresh_from_db()
        assert workflow.amendment_stage(amendment) == target
    else:
        if target in movers:
            with pytest.raises(ApplicationError):
                movers[target]()
        amendment.refresh_from_db()
        assert workflow.amendment_stage(amendment) == current


def test_a_review_cannot_open_a_second_amendment_while_one_is_open(in_force, caseworker, review):
    reassessment_start(by=p(caseworker), plan=in_force, notified_on=TODAY)
    held = _held(review, caseworker)
    with at(MEETING), pytest.raises(ApplicationError, match="already being changed"):
        review_decide(by=p(caseworker), review=held, outcome="A", reasons="More reading support.")
    assert in_force.amendments.count() == 1
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.HELD


# --- reviews --------------------------------------------------------------------------------------


def _review_at(stage, plan, review, caseworker, new_caseworker):
    if stage in (ReviewStatus.HELD, ReviewStatus.DECIDED):
        _held(review, caseworker)
    if stage == ReviewStatus.DECIDED:
        with at(MEETING):
            review_decide(by=p(caseworker), review=review, outcome="M", reasons="Going well.")
    if stage == ReviewStatus.CLOSED:
        sent = transfer_start(
            by=p(caseworker), plan=plan, to_la=new_caseworker.memberships.first().organisation, aware_on=TODAY
        )
        doc = PlanDocument.model_validate(json.loads(sent.version.canonical))
        transfer_receive(by=p(new_caseworker), transfer=sent, doc=doc)
    review.refresh_from_db()
    assert review.status == stage
    return review


REVIEW_PAIRS = list(itertools.product(ReviewStatus, [ReviewStatus.HELD, ReviewStatus.DECIDED]))


@pytest.mark.parametrize(
    ("current", "target"), REVIEW_PAIRS, ids=[f"{a.value}->{b.value}" for a, b in REVIEW_PAIRS]
)
def test_every_review_move_is_made_or_refused_as_the_table_says(
    current, target, in_force, review, caseworker
):
    new_caseworker = MembershipFactory(role=Role.LA_CASEWORKER, organisation=LocalAuthorityFactory()).user
    review = _review_at(current, in_force, review, caseworker, new_caseworker)
    by = p(caseworker)

    def move():
        with at(MEETING):
            if target == ReviewStatus.HELD:
                review_record_meeting(by=by, review=review, held_on=MEETING, attendees="Pat", views="",
                                      recommendations="Keep going.")  # fmt: skip
            else:
                review_decide(by=by, review=review, outcome="M", reasons="Going well.")

    if _allowed(workflow.REVIEW_TRANSITIONS, current, target):
        move()
        review.refresh_from_db()
        assert review.status == target
    else:
        with pytest.raises(ApplicationError):
            move()
        review.refresh_from_db()
        assert review.status == current


# --- transfers ------------------------------------------------------------------------------------

TRANSFER_PAIRS = list(itertools.product(TransferStatus, [TransferStatus.RECEIVED, TransferStatus.CANCELLED]))


@pytest.mark.parametrize(
    ("current", "target"), TRANSFER_PAIRS, ids=[f"{a.value}->{b.value}" for a, b in TRANSFER_PAIRS]
)
def test_every_transfer_move_is_made_or_refused_as_the_table_says(current, target, in_force, caseworker):
    new_la = LocalAuthorityFactory()
    new_caseworker = MembershipFactory(role=Role.LA_CASEWORKER, organisation=new_la).user
    sent = transfer_start(by=p(caseworker), plan=in_force, to_la=new_la, aware_on=TODAY)
    doc = PlanDocument.model_validate(json.loads(sent.version.canonical))
    moves = {
        TransferStatus.RECEIVED: lambda: transfer_receive(by=p(new_caseworker), transfer=sent, doc=doc),
        TransferStatus.CANCELLED: lambda: transfer_cancel(
            by=p(caseworker), transfer=sent, reason="Did not move."
        ),
    }
    if current != TransferStatus.SENT:
        moves[current]()
    if _allowed(workflow.TRANSFER_TRANSITIONS, current, target):
        moves[target]()
        sent.refresh_from_db()
        assert sent.status == target
    else:
        with pytest.raises(ApplicationError):
            moves[target]()
        sent.refresh_from_db()
        assert sent.status == current
