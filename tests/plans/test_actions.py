"""The actions a principal may take on a plan come from the workflow tables and the policy
(`selectors.plan_actions`), and the plan's page offers exactly those."""

import datetime as dt

import pytest

from opensend.plans import selectors
from opensend.plans.services import (
    cease_appeal_lodged,
    cease_decide,
    reassessment_start,
    review_schedule,
    transfer_start,
)
from opensend.plans.workflow import PlanAction
from tests.conftest import signed_in_client
from tests.factories import LocalAuthorityFactory

from .conftest import MEETING, TODAY, p

pytestmark = pytest.mark.django_db
A = PlanAction

# What each action looks like on the page of reviews and changes.
LINKS = {
    A.REVIEW_SCHEDULE: "/reviews/new/",
    A.PHASE_TRANSFER: "/phase/",
    A.REASSESS: "/reassess/",
    A.CEASE: "/cease/",
    A.TRANSFER: "/transfer/",
    A.AMENDMENT_NOTICE: "/amend/notice/",
    A.CEASE_APPEAL_LODGED: "/appeal/",
    A.CEASE_APPEAL_CONCLUDED: "/appeal-ended/",
}


def _offered(client, plan):
    html = client.get(f"/plans/{plan.pk}/in-force/").content.decode()
    return {action for action, link in LINKS.items() if f'{link}"' in html}


def test_a_plan_in_force_offers_the_council_its_changes_and_the_page_shows_exactly_those(
    in_force, caseworker
):
    actions = selectors.plan_actions(p(caseworker), in_force, TODAY)
    assert actions == {A.REVIEW_SCHEDULE, A.PHASE_TRANSFER, A.REASSESS, A.CEASE, A.TRANSFER}
    assert _offered(signed_in_client(caseworker), in_force) == actions


def test_the_setting_may_arrange_the_review_and_nothing_else(in_force, senco):
    assert selectors.plan_actions(p(senco), in_force, TODAY) == {A.REVIEW_SCHEDULE}
    assert _offered(signed_in_client(senco), in_force) == {A.REVIEW_SCHEDULE}


def test_the_family_may_take_no_action_on_the_plan(in_force, parent):
    assert selectors.plan_actions(p(parent), in_force, TODAY) == frozenset()


def test_an_open_review_and_a_sent_transfer_take_their_actions_away(in_force, caseworker):
    review_schedule(by=p(caseworker), plan=in_force, meeting_on=MEETING)
    transfer_start(by=p(caseworker), plan=in_force, to_la=LocalAuthorityFactory(), aware_on=TODAY)
    actions = selectors.plan_actions(p(caseworker), in_force, TODAY)
    assert A.REVIEW_SCHEDULE not in actions and A.TRANSFER not in actions
    assert _offered(signed_in_client(caseworker), in_force) == actions


def test_while_amending_the_notice_is_offered_and_ceasing_is_not(in_force, caseworker):
    reassessment_start(by=p(caseworker), plan=in_force, notified_on=TODAY)
    in_force.refresh_from_db()
    actions = selectors.plan_actions(p(caseworker), in_force, TODAY)
    assert actions == {A.EDIT, A.AMENDMENT_NOTICE, A.PHASE_TRANSFER, A.TRANSFER}
    assert _offered(signed_in_client(caseworker), in_force) == actions - {A.EDIT}


def test_a_ceasing_plan_offers_the_appeal_only_while_the_window_is_open(in_force, caseworker):
    ceasing = cease_decide(by=p(caseworker), plan=in_force, reason=2, reasons="Needs met at school.")
    in_force.refresh_from_db()
    client = signed_in_client(caseworker)
    assert selectors.plan_actions(p(caseworker), in_force, TODAY) == {A.CEASE_APPEAL_LODGED}
    assert _offered(client, in_force) == {A.CEASE_APPEAL_LODGED}
    closed = ceasing.appeal_by + dt.timedelta(days=1)
    assert selectors.plan_actions(p(caseworker), in_force, closed) == frozenset()
    cease_appeal_lodged(by=p(caseworker), ceasing=ceasing, lodged_on=TODAY)
    assert selectors.plan_actions(p(caseworker), in_force, closed) == {A.CEASE_APPEAL_CONCLUDED}
    assert _offered(client, in_force) == {A.CEASE_APPEAL_CONCLUDED}


def test_the_editor_offers_the_draft_then_the_final_and_a_corrected_draft(plan, caseworker):
    from opensend.plans.services import draft_issue

    client = signed_in_client(caseworker)
    assert selectors.plan_actions(p(caseworker), plan, TODAY) == {A.EDIT, A.ISSUE_DRAFT}
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "/issue/draft/" in page and "/issue/final/" not in page
    draft_issue(by=p(caseworker), plan=plan)
    plan.refresh_from_db()
    assert selectors.plan_actions(p(caseworker), plan, TODAY) == {A.EDIT, A.ISSUE_DRAFT, A.ISSUE_FINAL}
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "/issue/final/" in page and "Check and issue a corrected draft plan" in page
