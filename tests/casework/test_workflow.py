"""The transition table, exhaustively: every pair of stages is either allowed or refused by the service."""

import itertools

import pytest

from opensend.casework import services
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.casework.workflow import CLOSED_STATUSES, NEXT_RULE, OPEN_STATUSES, TRANSITIONS
from opensend.core.errors import ApplicationError
from tests.factories import LocalAuthorityFactory

from .conftest import p
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

PAIRS = list(itertools.product(Status, Status))


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


@pytest.mark.parametrize(("current", "to"), PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS])
def test_every_move_is_allowed_or_refused_exactly_as_the_table_says(current, to, caseworker, la):
    case = CaseFactory(child__responsible_la=la, status=current)
    other_la = LocalAuthorityFactory()
    allowed = (current.value, to.value) in EXPECTED_ALLOWED
    kwargs = {"reason": "Family moved to another area", "exported_to": other_la}
    if allowed:
        moved = services.case_transition(by=p(caseworker.user), case=case, to=to, **kwargs)
        assert moved.status == to
        assert moved.version == 2
        assert case.events.filter(from_status=current, to_status=to).count() == 1
    else:
        with pytest.raises(ApplicationError) as error:
            services.case_transition(by=p(caseworker.user), case=case, to=to, **kwargs)
        assert error.value.field == "to"
        refreshed = AssessmentRequest.objects.get(pk=case.pk)
        assert (refreshed.status, refreshed.version) == (current, 1)
        assert not case.events.exists()


def test_the_caseworkers_form_does_not_offer_moves_that_panels_and_plans_make(caseworker, la):
    from opensend.casework import selectors

    case = CaseFactory(child__responsible_la=la, status=Status.PANEL_ASSESS)
    view = selectors.case_view(p(caseworker.user), case)
    assert set(view.next_stages) == {Status.WITHDRAWN, Status.EXPORTED}
    drafting = CaseFactory(child__responsible_la=la, status=Status.DRAFTING)
    assert Status.PLAN_ISSUED not in selectors.case_view(p(caseworker.user), drafting).next_stages
