"""A plan in force: annual reviews (R1, R3, R4, R5), amendments (R6, R7), ceasing (T1), phase
transfers (P1, P2, P3) and re-assessment (RA2). Every date is checked against the rule book."""

import datetime as dt
import hashlib

import pytest

from opensend.accounts.roles import Role
from opensend.core.errors import ApplicationError, NotFound
from opensend.notify.models import Notification
from opensend.plans import selectors
from opensend.plans.models import (
    CommentKind,
    Plan,
    PlanSection,
    PlanStatus,
    ReviewDecision,
    VersionKind,
)
from opensend.plans.schema.document import PlanDocument
from opensend.plans.services import (
    amended_final_issue,
    amendment_notice_issue,
    cease_appeal_lodged,
    cease_decide,
    comment_add,
    phase_transfer_set,
    plan_import,
    plans_cease_due,
    reassessment_start,
    review_contribute,
    review_decide,
    review_record_meeting,
    review_schedule,
    section_save,
)
from opensend.rulebook.engine import due_date
from tests.factories import ChildFactory, InvolvementFactory, UserFactory

from .conftest import MEETING, TODAY, _held, at, p

# --- R1 ------------------------------------------------------------------------------------------


def test_the_final_plan_stores_its_next_review_from_r1(in_force):
    assert in_force.made_on == TODAY
    # R1: 12 months starting with 2 Mar 2026 end the day before 2 Mar 2027.
    assert in_force.next_review_due == due_date("R1", TODAY).due == dt.date(2027, 3, 1)
    assert in_force.in_force_version.kind == VersionKind.FINAL


def test_r1_for_a_plan_made_on_29_february_is_the_last_day_of_february(child, caseworker):
    data = PlanDocument().model_dump(mode="json", by_alias=True)
    data["plan"].update({"kind": "final", "made_on": "2024-02-29", "issued_on": "2024-02-29"})
    version = plan_import(by=p(caseworker), child=child, doc=PlanDocument.model_validate(data))
    plan = Plan.objects.get(pk=version.plan_id)
    assert plan.next_review_due == due_date("R1", dt.date(2024, 2, 29)).due == dt.date(2025, 2, 28)
    assert version.status == "in_force"


# --- R3: the meeting and invitations ------------------------------------------------------------


def test_arranging_the_meeting_sets_r3_and_invites_family_senco_and_professionals(
    in_force, caseworker, parent, senco, child
):
    nurse = InvolvementFactory(child=child).user
    InvolvementFactory(child=child, valid_to=dt.date(2025, 1, 1))  # an ended grant is not invited
    review = review_schedule(by=p(caseworker), plan=in_force, meeting_on=MEETING)
    # R3: at least 2 weeks before Mon 18 Jan 2027: 14 clear days (4 to 17 Jan), so Sun 3 Jan.
    assert review.advice_by == due_date("R3", MEETING).due == dt.date(2027, 1, 3)
    assert review.due_on == in_force.next_review_due
    invited = {i.user_id: i.role for i in review.invitations.all()}
    assert invited == {parent.pk: "family", senco.pk: Role.SENCO, nurse.pk: "professional"}
    sent = Notification.objects.filter(kind="plan.review_invited")
    assert {n.recipient_id for n in sent} == set(invited)


def test_a_meeting_before_the_plan_was_made_is_refused(in_force, caseworker):
    with pytest.raises(ApplicationError) as exc:
        review_schedule(by=p(caseworker), plan=in_force, meeting_on=TODAY - dt.timedelta(days=1))
    assert exc.value.field == "meeting_on"


def test_the_senco_may_hold_the_meeting(in_force, senco):
    review = review_schedule(by=p(senco), plan=in_force, meeting_on=MEETING)
    assert review.convened_by_id == in_force.named_setting_id
    _held(review, senco)


def test_a_second_review_waits_for_the_first(review, in_force, caseworker):
    with pytest.raises(ApplicationError, match="already under way"):
        review_schedule(by=p(caseworker), plan=in_force, meeting_on=MEETING + dt.timedelta(days=7))


def test_contributions_are_kept_and_late_ones_marked(review, parent, senco):
    on_time = review_contribute(by=p(parent), review=review, text="Amira is happier this year.")
    with at(review.advice_by + dt.timedelta(days=1)):
        late = review_contribute(by=p(senco), review=review, text="Reading has improved.")
    assert (on_time.late, late.late) == (False, True)
    assert on_time.role == "family" and late.role == Role.SENCO
    with pytest.raises(NotFound):
        review_contribute(by=p(UserFactory()), review=review, text="x")
    with pytest.raises(ApplicationError):
        review_contribute(by=p(parent), review=review, text="   ")


# --- R4, R5 and the decision --------------------------------------------------------------------


def test_the_meeting_record_starts_r4_and_r5(review, caseworker):
    held = _held(review, caseworker)
    assert held.report_due == due_date("R4", MEETING).due == dt.date(2027, 2, 1)
    assert held.decision_due == due_date("R5", MEETING).due == dt.date(2027, 2, 15)


def test_a_meeting_record_before_the_plan_was_made_or_in_the_future_is_refused(review, caseworker):
    with pytest.raises(ApplicationError) as exc:
        review_record_meeting(
            by=p(caseworker), review=review, held_on=TODAY - dt.timedelta(days=3), attendees="x",
            views="", recommendations="y",
        )  # fmt: skip
    assert exc.value.field == "held_on"
    with pytest.raises(ApplicationError):
        review_record_meeting(
            by=p(caseworker), review=review, held_on=MEETING, attendees="x", views="", recommendations="y"
        )


def test_a_decision_needs_reasons(review, caseworker):
    _held(review, caseworker)
    with pytest.raises(ApplicationError) as exc:
        review_decide(by=p(caseworker), review=review, outcome="M", reasons="  ")
    assert exc.value.field == "reasons"


def test_maintain_records_the_sen2_fields_and_the_next_r1_and_is_immutable(review, caseworker, parent):
    _held(review, caseworker)
    decided_on = dt.date(2027, 2, 10)
    with at(decided_on):
        decision = review_decide(by=p(caseworker), review=review, outcome="M", reasons="Going well.")
    plan = Plan.objects.get(pk=review.plan_id)
    assert (plan.last_review_meeting_on, plan.last_review_outcome, plan.last_review_on) == (
        MEETING,
        "M",
        decided_on,
    )
    assert (
        plan.next_review_due == due_date("R1", MEETING).due == dt.date(2028, 1, 17)
    )  # starting with 18 Jan 2027
    assert plan.status == PlanStatus.FINAL_ISSUED
    decision.reasons = "Changed"
    with pytest.raises(ApplicationError):
        decision.save()
    assert ReviewDecision.objects.get(pk=decision.pk).reasons == "Going well."
    assert Notification.objects.filter(kind="plan.review_decided", recipient=parent).exists()
    with pytest.raises(ApplicationError):
        review_decide(by=p(caseworker), review=review, outcome="A", reasons="Again")


def test_only_the_council_decides(review, caseworker, senco):
    _held(review, caseworker)
    with pytest.raises(NotFound):
        review_decide(by=p(senco), review=review, outcome="M", reasons="x")


# --- R6, R7: amendment ----------------------------------------------------------------------------


def _amended(review, caseworker):
    _held(review, caseworker)
    with at(MEETING + dt.timedelta(days=7)):
        review_decide(by=p(caseworker), review=review, outcome="A", reasons="Add a reading group.")
    return Plan.objects.get(pk=review.plan_id)


def test_amend_opens_an_amendment_and_the_notice_starts_r6_and_r7(review, caseworker, parent):
    plan = _amended(review, caseworker)
    assert plan.status == PlanStatus.AMENDING
    section = PlanSection.objects.get(plan=plan, key="a")
    notice_day = MEETING + dt.timedelta(days=10)
    with at(notice_day):
        section_save(
            by=p(caseworker), plan=plan, key="a",
            content=dict(section.content, about_me="I love reading now."), expected_version=section.version,
        )  # fmt: skip
        notice = amendment_notice_issue(by=p(caseworker), plan=plan)
    amendment = selectors.amendment_of(plan)
    assert notice.kind == VersionKind.AMENDMENT_DRAFT
    assert notice.comments_due_on == amendment.representations_due == due_date("R6", notice_day).due
    assert notice.comments_due_on == notice_day + dt.timedelta(days=14)  # day of service is day 1
    assert amendment.final_due == due_date("R7", notice_day).due == notice_day + dt.timedelta(weeks=8)
    plan.refresh_from_db()
    assert plan.in_force_version.status == "in_force" and notice.status == "open"
    assert Notification.objects.filter(kind="plan.amendment_notice", recipient=parent).exists()


def test_the_amended_final_supersedes_the_final_and_keeps_made_on(review, caseworker, parent):
    plan = _amended(review, caseworker)
    previous = plan.in_force_version
    notice_day = MEETING + dt.timedelta(days=10)
    with at(notice_day):
        notice = amendment_notice_issue(by=p(caseworker), plan=plan)
        with pytest.raises(ApplicationError, match="until"):
            amended_final_issue(by=p(caseworker), plan=plan)
    with at(notice.comments_due_on + dt.timedelta(days=1)):
        late = comment_add(by=p(parent), version=notice, kind="section", section="f", text="More please.")
        final = amended_final_issue(by=p(caseworker), plan=plan)
    assert late.late
    plan.refresh_from_db()
    previous.refresh_from_db()
    assert final.kind == VersionKind.AMENDED_FINAL and final.supersedes_id == previous.pk
    assert plan.in_force_version_id == final.pk and plan.status == PlanStatus.FINAL_ISSUED
    assert plan.made_on == TODAY and selectors.document(final)["plan"]["made_on"] == TODAY.isoformat()
    assert previous.status == "superseded" and final.status == "in_force"
    assert final.content_hash == hashlib.sha256(final.canonical.encode("utf-8")).hexdigest()
    assert hasattr(final, "rendering")
    with pytest.raises(ApplicationError):
        final.save()


def test_the_family_may_finish_early_on_an_amendment(review, caseworker, parent):
    plan = _amended(review, caseworker)
    notice = amendment_notice_issue(by=p(caseworker), plan=plan)
    comment_add(by=p(parent), version=notice, kind=CommentKind.FINISHED)
    assert amended_final_issue(by=p(caseworker), plan=plan).kind == VersionKind.AMENDED_FINAL


# --- T1: ceasing --------------------------------------------------------------------------------


def test_cease_keeps_the_plan_until_the_appeal_window_closes(in_force, caseworker, parent):
    ceasing = cease_decide(by=p(caseworker), plan=in_force, reason=2, reasons="Needs met at school.")
    # T1 ends Sat 2 May 2026; Mon 4 May is a bank holiday, so Tue 5 May (Tribunal rule 12(2)).
    assert ceasing.appeal_by == due_date("T1", TODAY, second=TODAY).due == dt.date(2026, 5, 5)
    in_force.refresh_from_db()
    assert in_force.status == PlanStatus.CEASING
    assert selectors.effective_status(in_force, ceasing.appeal_by) == "ceasing"
    assert selectors.effective_status(in_force, ceasing.appeal_by + dt.timedelta(days=1)) == "ceased"
    assert plans_cease_due(ceasing.appeal_by) == 0
    assert plans_cease_due(ceasing.appeal_by + dt.timedelta(days=1)) == 1
    in_force.refresh_from_db()
    assert (in_force.status, in_force.cease_reason) == (PlanStatus.CEASED, 2)
    assert in_force.cease_date == ceasing.appeal_by + dt.timedelta(days=1)
    assert Notification.objects.filter(kind="plan.cease_decided", recipient=parent).exists()


def test_an_appeal_keeps_the_plan_maintained(in_force, caseworker):
    ceasing = cease_decide(by=p(caseworker), plan=in_force, reason=9, reasons="Other.")
    with at(TODAY + dt.timedelta(days=20)):
        cease_appeal_lodged(by=p(caseworker), ceasing=ceasing, lodged_on=TODAY + dt.timedelta(days=20))
    after = ceasing.appeal_by + dt.timedelta(days=30)
    assert plans_cease_due(after) == 0
    in_force.refresh_from_db()
    assert selectors.effective_status(in_force, after) == "ceasing"


def test_cease_from_a_review_needs_a_reason_code(review, caseworker):
    _held(review, caseworker)
    with at(MEETING + dt.timedelta(days=3)):
        with pytest.raises(ApplicationError) as exc:
            review_decide(by=p(caseworker), review=review, outcome="C", reasons="Finished school.")
        assert exc.value.field == "cease_reason"
        review_decide(
            by=p(caseworker), review=review, outcome="C", reasons="Finished school.", cease_reason=4
        )
    plan = Plan.objects.get(pk=review.plan_id)
    assert plan.status == PlanStatus.CEASING and plan.last_review_outcome == "C"


# --- P1, P2, P3 and RA2 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "move", "rule", "expected"),
    [
        ("secondary", dt.date(2027, 9, 1), "P1", dt.date(2027, 2, 14)),  # before 15 February
        ("school", dt.date(2027, 9, 1), "P1", dt.date(2027, 2, 14)),
        ("post16", dt.date(2027, 9, 1), "P2", dt.date(2027, 3, 30)),  # before 31 March
        ("post16_other", dt.date(2027, 1, 10), "P3", dt.date(2026, 8, 9)),  # 5 whole months between
    ],
)
def test_phase_transfers_store_the_rule_book_date(in_force, caseworker, phase, move, rule, expected):
    plan = phase_transfer_set(by=p(caseworker), plan=in_force, next_phase=phase, transfer_on=move)
    assert plan.phase_transfer_due == due_date(rule, move).due == expected
    assert list(selectors.phase_transfers_due(p(caseworker), expected - dt.timedelta(days=30))) == [plan]


def test_a_reassessment_gives_the_plan_14_weeks(in_force, caseworker):
    amendment = reassessment_start(by=p(caseworker), plan=in_force)
    in_force.refresh_from_db()
    assert (
        in_force.reassessment_due == amendment.final_due == due_date("RA2", TODAY).due == dt.date(2026, 6, 8)
    )
    notice = amendment_notice_issue(by=p(caseworker), plan=in_force)
    assert selectors.amendment_of(in_force).final_due == dt.date(2026, 6, 8)  # RA2, not R7
    assert notice.comments_due_on == due_date("R6", TODAY).due


# --- the list -----------------------------------------------------------------------------------


def test_reviews_due_lists_overdue_and_next_8_weeks_in_constant_queries(
    in_force, caseworker, la, django_assert_max_num_queries
):
    for i in range(5):
        child = ChildFactory(responsible_la=la)
        data = PlanDocument().model_dump(mode="json", by_alias=True)
        made = TODAY - dt.timedelta(days=310 + 20 * i)  # due from 55 days ahead to 25 days ago
        data["plan"].update({"kind": "final", "made_on": made.isoformat(), "issued_on": made.isoformat()})
        plan_import(by=p(caseworker), child=child, doc=PlanDocument.model_validate(data))
    due = list(selectors.reviews_due(p(caseworker), TODAY))
    assert in_force not in due  # due in 12 months
    assert [x.next_review_due for x in due] == sorted(x.next_review_due for x in due)
    assert all(x.next_review_due <= TODAY + dt.timedelta(weeks=8) for x in due) and len(due) == 5
    principal = p(caseworker)
    with django_assert_max_num_queries(1):
        assert len(list(selectors.reviews_due(principal, TODAY))) == 5
