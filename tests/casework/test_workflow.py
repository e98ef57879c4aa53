"""The transition table, exhaustively: every pair of stages is either allowed or refused by the
service; every guard refuses its move when it is not met; every appealable decision writes its
notice."""

import datetime as dt
import itertools

import pytest

from opensend.casework import services
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.casework.workflow import (
    CLOSED_STATUSES,
    FINAL_PLAN,
    GUARDS,
    NEXT_RULE,
    NOTICE_KINDS,
    OPEN_STATUSES,
    REASONS,
    TRANSITIONS,
    Move,
)
from opensend.core.errors import ApplicationError
from opensend.notices.models import DecisionNotice
from opensend.plans.models import Plan, PlanComment, PlanVersion
from opensend.rulebook.engine import due_date
from tests.factories import LocalAuthorityFactory
from tests.notices.factories import CouncilDetailsFactory

from .conftest import TODAY, p
from .factories import CaseFactory

pytestmark = pytest.mark.django_db

EXPECTED_ALLOWED = {
    ("received", "considering"),
    ("considering", "panel_assess"),
    ("panel_assess", "assessing"),
    ("panel_assess", "decided_not_to_assess"),
    ("assessing", "advice_complete"),
    ("advice_complete", "panel_issue"),
    ("panel_issue", "drafting"),
    ("panel_issue", "decided_not_to_issue"),
    ("drafting", "plan_issued"),
} | {
    (s, end)
    for s in (
        "received",
        "considering",
        "panel_assess",
        "assessing",
        "advice_complete",
        "panel_issue",
        "drafting",
    )
    for end in ("withdrawn", "exported")
}
# What each guarded move needs besides the table.
EXPECTED_GUARDS = {
    ("panel_assess", "decided_not_to_assess"): {"reasons"},
    ("panel_issue", "decided_not_to_issue"): {"reasons"},
    ("drafting", "plan_issued"): {"final_plan_issued"},
} | {(s, end): {"reasons"} for s, end in EXPECTED_ALLOWED if end in ("withdrawn", "exported")}

PAIRS = list(itertools.product(Status, Status))


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def _plan(
    case: AssessmentRequest,
    *,
    draft_on: dt.date | None,
    final_on: dt.date | None,
    finished_on: dt.date | None = None,
    from_draft: bool = True,
) -> Plan:
    """The case's plan as the plans app stores it: a draft (A6 from its issue) and a final version."""
    plan = Plan.objects.create(child=case.child, local_authority=case.local_authority, case=case)
    draft = None
    if draft_on is not None:
        draft = PlanVersion.objects.create(
            plan=plan, number=1, kind="draft", schema_id="test", canonical="{}", content_hash="0" * 64,
            issued_on=draft_on, issued_at=_at(draft_on), comments_due_on=due_date("A6", draft_on).due,
        )  # fmt: skip
        if finished_on is not None:
            PlanComment.objects.create(version=draft, kind="finished", created_at=_at(finished_on, 9))
    if final_on is not None:
        PlanVersion.objects.create(
            plan=plan, number=2, kind="final", schema_id="test", canonical="{}", content_hash="1" * 64,
            issued_on=final_on, issued_at=_at(final_on), supersedes=draft if from_draft else None,
        )  # fmt: skip
    return plan


def _meet_guards(case: AssessmentRequest, current: Status, to: Status) -> None:
    """Make the world in which the move's guards are met (the reasons are given by the caller)."""
    if (current, to) == (Status.DRAFTING, Status.PLAN_ISSUED):
        draft_on = TODAY - dt.timedelta(days=20)
        _plan(case, draft_on=draft_on, final_on=due_date("A6", draft_on).due + dt.timedelta(days=1))


def test_the_table_is_the_one_the_issue_describes():
    allowed = {(a.value, b.value) for a, nexts in TRANSITIONS.items() for b in nexts}
    assert allowed == EXPECTED_ALLOWED
    assert set(TRANSITIONS) == set(Status)
    assert {s.value for s in CLOSED_STATUSES} == {
        "decided_not_to_assess",
        "decided_not_to_issue",
        "withdrawn",
        "exported",
        "plan_issued",
    }
    assert set(NEXT_RULE) == set(OPEN_STATUSES)
    guards = {(a.value, b.value): {c.key for c in conditions} for (a, b), conditions in GUARDS.items()}
    assert guards == EXPECTED_GUARDS
    assert set(guards) <= EXPECTED_ALLOWED  # a guard on a move the table refuses would be dead
    assert {s.value: k for s, k in NOTICE_KINDS.items()} == {
        "decided_not_to_assess": "refuse_assess",
        "decided_not_to_issue": "refuse_issue",
    }


@pytest.mark.parametrize(("current", "to"), PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS])
def test_every_move_is_allowed_or_refused_exactly_as_the_table_says(current, to, caseworker, la):
    CouncilDetailsFactory(local_authority=la)
    case = CaseFactory(child__responsible_la=la, status=current)
    other_la = LocalAuthorityFactory()
    allowed = (current.value, to.value) in EXPECTED_ALLOWED
    kwargs = {"reason": "Family moved to another area", "exported_to": other_la}
    if allowed:
        _meet_guards(case, current, to)
        moved = services.case_transition(by=p(caseworker.user), case=case, to=to, **kwargs)
        assert moved.status == to
        assert moved.version == 2
        assert case.events.filter(from_status=current, to_status=to).count() == 1
        # An appealable decision writes its notice; nothing else does.
        kinds = list(DecisionNotice.objects.filter(case=case).values_list("kind", flat=True))
        assert kinds == ([NOTICE_KINDS[to]] if to in NOTICE_KINDS else [])
    else:
        with pytest.raises(ApplicationError) as error:
            services.case_transition(by=p(caseworker.user), case=case, to=to, **kwargs)
        assert error.value.field == "to"
        refreshed = AssessmentRequest.objects.get(pk=case.pk)
        assert (refreshed.status, refreshed.version) == (current, 1)
        assert not case.events.exists()
        assert not DecisionNotice.objects.exists()


GUARDED = sorted(GUARDS.items(), key=lambda item: (item[0][0].value, item[0][1].value))


@pytest.mark.parametrize(
    ("move", "conditions"), GUARDED, ids=[f"{a.value}->{b.value}" for (a, b), _ in GUARDED]
)
def test_every_guard_refuses_its_move_when_it_is_not_met(move, conditions, caseworker, la):
    current, to = move
    CouncilDetailsFactory(local_authority=la)
    case = CaseFactory(child__responsible_la=la, status=current)
    kwargs = {"reason": "   ", "exported_to": LocalAuthorityFactory()}
    with pytest.raises(ApplicationError) as error:
        services.case_transition(by=p(caseworker.user), case=case, to=to, **kwargs)
    first = conditions[0]
    assert (error.value.message, error.value.field) == (first.message, first.field)
    refreshed = AssessmentRequest.objects.get(pk=case.pk)
    assert (refreshed.status, refreshed.version) == (current, 1)
    assert not case.events.exists() and not DecisionNotice.objects.exists()


def test_reasons_are_the_condition_of_refusals_and_endings():
    assert REASONS.met(None, Move(reason="Needs are met at SEN support"))  # type: ignore[arg-type]
    assert not REASONS.met(None, Move(reason=" \n "))  # type: ignore[arg-type]


DRAFT_ON = dt.date(2026, 2, 2)
LAST_DAY = due_date("A6", DRAFT_ON).due  # 15 days beginning with the day of service


@pytest.mark.parametrize(
    ("plan", "met"),
    [
        ({"draft_on": None, "final_on": None}, False),  # no plan at all (only the case)
        ({"draft_on": DRAFT_ON, "final_on": None}, False),  # a draft, no final
        ({"draft_on": DRAFT_ON, "final_on": LAST_DAY}, False),  # final inside the 15 days
        ({"draft_on": DRAFT_ON, "final_on": LAST_DAY + dt.timedelta(days=1)}, True),  # after them
        ({"draft_on": DRAFT_ON, "final_on": DRAFT_ON + dt.timedelta(days=3), "finished_on": DRAFT_ON}, True),
        # finished only after the final was issued: the final was early
        (
            {
                "draft_on": DRAFT_ON,
                "final_on": DRAFT_ON + dt.timedelta(days=3),
                "finished_on": DRAFT_ON + dt.timedelta(days=4),
            },
            False,
        ),
        ({"draft_on": DRAFT_ON, "final_on": LAST_DAY + dt.timedelta(days=1), "from_draft": False}, False),
        ({"draft_on": None, "final_on": LAST_DAY + dt.timedelta(days=1)}, False),  # a final with no draft
    ],
    ids=[
        "no-plan",
        "draft-only",
        "final-on-day-15",
        "final-after-the-15-days",
        "final-early-after-finished",
        "final-before-finished",
        "final-not-from-the-draft",
        "final-without-draft",
    ],
)
def test_plan_issued_needs_a_final_issued_from_the_draft_after_the_15_days(plan, met, caseworker, la):
    case = CaseFactory(child__responsible_la=la, status=Status.DRAFTING)
    if plan["draft_on"] is not None or plan["final_on"] is not None:
        _plan(case, **plan)
    assert FINAL_PLAN.met(case, Move()) is met
    if met:
        moved = services.case_transition(by=p(caseworker.user), case=case, to=Status.PLAN_ISSUED)
        assert moved.status == Status.PLAN_ISSUED
    else:
        with pytest.raises(ApplicationError) as error:
            services.case_transition(by=p(caseworker.user), case=case, to=Status.PLAN_ISSUED)
        assert "final EHC plan has been issued from the draft" in error.value.message
        assert AssessmentRequest.objects.get(pk=case.pk).status == Status.DRAFTING


def test_another_cases_final_plan_does_not_count(caseworker, la):
    other = CaseFactory(child__responsible_la=la, status=Status.PLAN_ISSUED)
    _plan(other, draft_on=DRAFT_ON, final_on=LAST_DAY + dt.timedelta(days=1))
    case = CaseFactory(child=other.child, status=Status.DRAFTING)
    assert not FINAL_PLAN.met(case, Move())


def test_the_case_page_offers_decisions_only_to_a_council_without_a_panel(caseworker, la, manager):
    from opensend.casework import selectors
    from opensend.panels.services import panel_configure

    case = CaseFactory(child__responsible_la=la, status=Status.PANEL_ASSESS)
    view = selectors.case_view(p(caseworker.user), case)
    assert set(view.next_stages) == {
        Status.ASSESSING,
        Status.DECIDED_NOT_TO_ASSESS,
        Status.WITHDRAWN,
        Status.EXPORTED,
    }
    drafting = CaseFactory(child__responsible_la=la, status=Status.DRAFTING)
    assert Status.PLAN_ISSUED not in selectors.case_view(p(caseworker.user), drafting).next_stages
    panel_configure(
        by=p(manager.user),
        local_authority=la,
        name="Panel",
        quorum_agencies=["education", "health", "social_care"],
    )
    view = selectors.case_view(p(caseworker.user), case)
    assert set(view.next_stages) == {Status.WITHDRAWN, Status.EXPORTED}
