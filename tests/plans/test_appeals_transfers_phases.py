"""Issue 6 gaps: appeals against ceasing (pages and API), `plans_cease_due` (command, task, audit,
timeline, idempotent), the child's reviews, cancelling a transfer, closing a review when the plan
moves, the new council's X2 letter, the phase transfer warning and the re-assessment page."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils.html import escape

from opensend.access.models import AuditEvent
from opensend.children.models import TimelineEvent
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.plans import selectors
from opensend.plans.jobs import cease_due_plans
from opensend.plans.models import (
    Amendment,
    CommentKind,
    Plan,
    PlanStatus,
    ReviewStatus,
    TransferStatus,
)
from opensend.plans.schema.document import PlanDocument
from opensend.plans.services import (
    amended_final_issue,
    amendment_notice_issue,
    cease_appeal_concluded,
    cease_appeal_lodged,
    cease_decide,
    comment_add,
    phase_transfer_set,
    plans_cease_due,
    review_schedule,
    transfer_cancel,
    transfer_family_told,
    transfer_receive,
    transfer_start,
)
from opensend.rulebook.engine import due_date
from tests.conftest import signed_in_client
from tests.factories import LocalAuthorityFactory, MembershipFactory

from .conftest import MEETING, TODAY, at, p


def _date(name, day):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


@pytest.fixture
def ceasing(in_force, caseworker):
    return cease_decide(by=p(caseworker), plan=in_force, reason=2, reasons="Needs met at school.")


# --- plans_cease_due ------------------------------------------------------------------------------


def test_plans_cease_due_audits_and_writes_the_timeline_once(ceasing, in_force):
    after = ceasing.appeal_by + dt.timedelta(days=1)
    assert plans_cease_due(ceasing.appeal_by) == 0
    assert plans_cease_due(after) == 1
    assert plans_cease_due(after) == 0  # idempotent
    in_force.refresh_from_db()
    assert (in_force.status, in_force.cease_date, in_force.cease_reason) == (PlanStatus.CEASED, after, 2)
    events = AuditEvent.objects.filter(action="plan.ceased")
    assert events.count() == 1
    event = events.get()
    assert event.child_id == in_force.child_id and event.organisation_id == in_force.local_authority_id
    assert event.detail["cease_date"] == after.isoformat()
    assert event.actor_id is None and event.actor_label == "OpenSEND scheduled task (plans_cease_due)"
    assert TimelineEvent.objects.filter(child=in_force.child, kind="plans.ceased").count() == 1


def test_the_command_and_the_task_cease_due_plans(ceasing, in_force):
    out = io.StringIO()
    call_command("plans_cease_due", "--date", ceasing.appeal_by.isoformat(), stdout=out)
    assert out.getvalue().strip() == "0 plans ceased"
    after = ceasing.appeal_by + dt.timedelta(days=1)
    call_command("plans_cease_due", "--date", after.isoformat(), stdout=out)
    assert "1 plan ceased" in out.getvalue()
    with at(after + dt.timedelta(days=1)):
        assert cease_due_plans.call() == 0
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("plans_cease_due", "--date", "tomorrow")


def test_the_task_ceases_on_the_day_after_t1(ceasing, in_force):
    with at(ceasing.appeal_by + dt.timedelta(days=2)):
        assert cease_due_plans.call() == 1
    in_force.refresh_from_db()
    assert in_force.status == PlanStatus.CEASED


# --- appeals --------------------------------------------------------------------------------------


def test_appeal_pages_keep_the_plan_then_dismissal_ceases_it(ceasing, in_force, caseworker, parent):
    client = signed_in_client(caseworker)
    page = client.get(f"/plans/{in_force.pk}/in-force/")
    assert b"Record an appeal" in page.content
    url = f"/plans/ceasings/{ceasing.pk}/appeal/"
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 400
    early = client.post(url, _date("lodged_on", TODAY - dt.timedelta(days=3)))
    assert early.status_code == 400 and b"must be lodged between" in early.content
    lodged = TODAY + dt.timedelta(days=10)
    with at(lodged):
        client = signed_in_client(caseworker)
        assert client.post(url, _date("lodged_on", lodged)).status_code == 302
    assert plans_cease_due(ceasing.appeal_by + dt.timedelta(days=40)) == 0
    ended = ceasing.appeal_by + dt.timedelta(days=60)
    with at(ended):
        client = signed_in_client(caseworker)
        end = f"/plans/ceasings/{ceasing.pk}/appeal-ended/"
        assert b"Record how the appeal ended" in client.get(f"/plans/{in_force.pk}/in-force/").content
        no_choice = client.post(end, _date("concluded_on", ended))
        assert no_choice.status_code == 400 and b"Choose how the appeal ended" in no_choice.content
        assert client.post(end, {"outcome": "dismissed", **_date("concluded_on", ended)}).status_code == 302
    in_force.refresh_from_db()
    assert (in_force.status, in_force.cease_date, in_force.cease_reason) == (PlanStatus.CEASED, ended, 2)
    assert signed_in_client(parent).get(f"/plans/ceasings/{ceasing.pk}/appeal/").status_code == 404
    assert AuditEvent.objects.filter(
        action="plan.cease_appeal_concluded", detail__outcome="dismissed"
    ).exists()


def test_an_upheld_appeal_keeps_the_plan_in_force_through_the_api(ceasing, in_force, caseworker):
    base = "/api/v1/plans/ceasings"
    with at(TODAY + dt.timedelta(days=5)):
        client = signed_in_client(caseworker)
        early = client.post(
            f"{base}/{ceasing.pk}/appeal/conclusion",
            {"concluded_on": TODAY.isoformat(), "outcome": "upheld"},
            content_type="application/json",
        )
        assert early.status_code == 422  # no appeal yet
        ok = client.post(
            f"{base}/{ceasing.pk}/appeal",
            {"lodged_on": (TODAY + dt.timedelta(days=5)).isoformat()},
            content_type="application/json",
        )
        assert ok.status_code == 200 and ok.json()["appeal_lodged_on"]
    with at(TODAY + dt.timedelta(days=90)):
        client = signed_in_client(caseworker)
        bad = client.post(
            f"{base}/{ceasing.pk}/appeal/conclusion",
            {"concluded_on": (TODAY + dt.timedelta(days=90)).isoformat(), "outcome": "maybe"},
            content_type="application/json",
        )
        assert bad.status_code == 422 and "outcome" in bad.json()["error"]["fields"]
        ok = client.post(
            f"{base}/{ceasing.pk}/appeal/conclusion",
            {"concluded_on": (TODAY + dt.timedelta(days=90)).isoformat(), "outcome": "upheld"},
            content_type="application/json",
        )
        assert ok.status_code == 200, ok.content
        body = ok.json()
        assert body["plan_status"] == "final_issued" and body["appeal_outcome"] == "upheld"
        assert body["ceased_on"] is None
    in_force.refresh_from_db()
    assert in_force.status == PlanStatus.FINAL_ISSUED and in_force.cease_date is None
    with pytest.raises(ApplicationError):
        cease_appeal_concluded(by=p(caseworker), ceasing=ceasing, concluded_on=TODAY, outcome="upheld")


def test_an_appeal_after_the_window_is_refused(ceasing, caseworker):
    late = ceasing.appeal_by + dt.timedelta(days=1)
    with at(late), pytest.raises(ApplicationError) as exc:
        cease_appeal_lodged(by=p(caseworker), ceasing=ceasing, lodged_on=late)
    assert exc.value.field == "lodged_on"


# --- the child's plans page lists reviews ------------------------------------------------------------


def test_the_childs_page_lists_reviews_for_those_allowed(in_force, caseworker, parent, senco, child):
    review = review_schedule(by=p(caseworker), plan=in_force, meeting_on=MEETING)
    link = f"/plans/reviews/{review.pk}/".encode()
    for user in (caseworker, parent, senco):
        page = signed_in_client(user).get(f"/plans/children/{child.pk}/")
        assert page.status_code == 200, user
        assert link in page.content and b"18 January 2027" in page.content
    family = signed_in_client(parent).get(link.decode())
    assert family.status_code == 200 and b"Send your views" in family.content


def test_child_reviews_is_a_constant_number_of_queries(in_force, caseworker, django_assert_max_num_queries):
    review_schedule(by=p(caseworker), plan=in_force, meeting_on=MEETING)
    principal = p(caseworker)
    plans = selectors.child_plans(principal, in_force.child_id)
    with django_assert_max_num_queries(2):
        reviews = selectors.child_reviews(principal, plans)
    assert len(reviews[in_force.pk]) == 1


# --- transfers ---------------------------------------------------------------------------------------


@pytest.fixture
def new_la(db):
    return LocalAuthorityFactory(name="Westshire Council")


@pytest.fixture
def new_caseworker(new_la):
    from opensend.accounts.roles import Role

    return MembershipFactory(role=Role.LA_CASEWORKER, organisation=new_la).user


@pytest.fixture
def sent(in_force, caseworker, new_la):
    return transfer_start(by=p(caseworker), plan=in_force, to_la=new_la, aware_on=TODAY)


def _doc(transfer):
    return PlanDocument.model_validate(json.loads(transfer.version.canonical))


def test_the_old_council_cancels_a_transfer_not_yet_received(
    sent, in_force, caseworker, new_caseworker, new_la
):
    with pytest.raises(NotFound):
        transfer_cancel(by=p(new_caseworker), transfer=sent, reason="No")
    with pytest.raises(ApplicationError) as exc:
        transfer_cancel(by=p(caseworker), transfer=sent, reason=" ")
    assert exc.value.field == "reason"
    client = signed_in_client(caseworker)
    assert b"Cancel" in client.get("/plans/transfers/").content
    assert signed_in_client(new_caseworker).get(f"/plans/transfers/{sent.pk}/cancel/").status_code == 404
    url = f"/plans/transfers/{sent.pk}/cancel/"
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "The family did not move."}).status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.cancelled_on) == (TransferStatus.CANCELLED, TODAY)
    assert AuditEvent.objects.filter(action="plan.transfer_cancelled", object_id=str(sent.pk)).exists()
    with pytest.raises(Exception, match="cancelled the transfer"):
        transfer_receive(by=p(new_caseworker), transfer=sent, doc=_doc(sent))
    with pytest.raises(Conflict):
        transfer_cancel(by=p(caseworker), transfer=sent, reason="again")
    # The plan stays with the old council and may be sent again.
    again = transfer_start(by=p(caseworker), plan=in_force, to_la=new_la, aware_on=TODAY)
    assert again.status == TransferStatus.SENT


def test_a_received_transfer_cannot_be_cancelled_through_the_api(sent, caseworker, new_caseworker):
    transfer_receive(by=p(new_caseworker), transfer=sent, doc=_doc(sent))
    response = signed_in_client(caseworker).post(
        f"/api/v1/plans/transfers/{sent.pk}/cancel", {"reason": "Oops"}, content_type="application/json"
    )
    assert response.status_code == 409


def test_the_api_cancels_a_sent_transfer(sent, caseworker):
    response = signed_in_client(caseworker).post(
        f"/api/v1/plans/transfers/{sent.pk}/cancel",
        {"reason": "Wrong council"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_receiving_closes_an_open_review_on_the_old_plan(in_force, caseworker, new_la, new_caseworker):
    review = review_schedule(by=p(caseworker), plan=in_force, meeting_on=MEETING)
    t = transfer_start(by=p(caseworker), plan=in_force, to_la=new_la, aware_on=TODAY)
    transfer_receive(by=p(new_caseworker), transfer=t, doc=_doc(t))
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED and "Westshire Council" in review.closed_note
    assert AuditEvent.objects.filter(action="plan.review_closed", object_id=str(review.pk)).exists()


def test_the_new_council_records_the_x2_letter(sent, caseworker, new_caseworker):
    with pytest.raises(ApplicationError):
        transfer_family_told(by=p(new_caseworker), transfer=sent, told_on=TODAY)  # not received yet
    transfer_receive(by=p(new_caseworker), transfer=sent, doc=_doc(sent))
    sent.refresh_from_db()
    with pytest.raises(NotFound):
        transfer_family_told(by=p(caseworker), transfer=sent, told_on=TODAY)
    client = signed_in_client(new_caseworker)
    listing = client.get("/plans/transfers/")
    assert f"/plans/transfers/{sent.pk}/family-told/".encode() in listing.content
    url = f"/plans/transfers/{sent.pk}/family-told/"
    assert client.get(url).status_code == 200
    future = client.post(url, _date("told_on", TODAY + dt.timedelta(days=1)))
    assert future.status_code == 400
    assert client.post(url, _date("told_on", TODAY)).status_code == 302
    sent.refresh_from_db()
    assert sent.family_told_on == TODAY and sent.x2_met is True
    assert b"Within X2" in client.get("/plans/transfers/").content
    again = client.post(
        f"/api/v1/plans/transfers/{sent.pk}/family-told", {"told_on": TODAY.isoformat()},
        content_type="application/json",
    )  # fmt: skip
    assert again.status_code == 409


def test_a_late_x2_letter_through_the_api_says_so(sent, new_caseworker):
    transfer_receive(by=p(new_caseworker), transfer=sent, doc=_doc(sent))
    sent.refresh_from_db()
    late = sent.x2_due + dt.timedelta(days=3)
    with at(late):
        response = signed_in_client(new_caseworker).post(
            f"/api/v1/plans/transfers/{sent.pk}/family-told", {"told_on": late.isoformat()},
            content_type="application/json",
        )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["x2_met"] is False and response.json()["family_told_on"] == late.isoformat()


# --- phase transfers: is the next setting named? ----------------------------------------------------


def test_phase_warning_until_an_amended_final_names_the_next_setting(in_force, caseworker, parent):
    move = dt.date(2027, 9, 1)
    phase_transfer_set(by=p(caseworker), plan=in_force, next_phase="secondary", transfer_on=move)
    in_force.refresh_from_db()
    due = due_date("P1", move).due
    warning = selectors.phase_warning(in_force, TODAY)
    assert warning is not None and not warning.overdue and warning.due == due
    assert "14 February 2027" in warning.message and "P1" in warning.message  # "before 15 February"
    overdue = selectors.phase_warning(in_force, due + dt.timedelta(days=1))
    assert overdue is not None and overdue.overdue
    client = signed_in_client(caseworker)
    assert b"Not named yet" in client.get("/plans/phase-transfers-due/").content
    assert b"not yet named in the plan" in client.get(f"/plans/{in_force.pk}/in-force/").content
    api = client.get("/api/v1/plans/phase-transfers-due").json()["results"][0]
    assert api["next_setting_named"] is False and "14 February 2027" in api["phase_warning"]
    # The review before the move names the next setting through an amendment.
    Amendment.objects.create(plan=in_force, reason="phase transfer")
    Plan.objects.filter(pk=in_force.pk).update(status=PlanStatus.AMENDING)
    with at(TODAY + dt.timedelta(days=1)):
        notice = amendment_notice_issue(by=p(caseworker), plan=in_force)
        comment_add(by=p(parent), version=notice, kind=CommentKind.FINISHED)
        amended_final_issue(by=p(caseworker), plan=in_force)
        in_force.refresh_from_db()
        assert selectors.phase_warning(in_force, TODAY) is None
        client = signed_in_client(caseworker)
        api = client.get("/api/v1/plans/phase-transfers-due").json()["results"][0]
        assert api["next_setting_named"] is True and api["phase_warning"] is None
        assert b"Named" in client.get("/plans/phase-transfers-due/").content


# --- re-assessment page -------------------------------------------------------------------------------


def test_the_reassessment_page_starts_ra2(in_force, caseworker, parent):
    client = signed_in_client(caseworker)
    assert b"Start a re-assessment" in client.get(f"/plans/{in_force.pk}/in-force/").content
    url = f"/plans/{in_force.pk}/reassess/"
    assert client.get(url).status_code == 200
    future = client.post(url, _date("notified_on", TODAY + dt.timedelta(days=2)))
    assert future.status_code == 400 and b"today or in the past" in future.content
    told = TODAY - dt.timedelta(days=7)
    assert client.post(url, _date("notified_on", told)).status_code == 302
    in_force.refresh_from_db()
    assert in_force.status == PlanStatus.AMENDING
    assert in_force.reassessment_due == due_date("RA2", told).due
    assert (
        escape(f"{in_force.reassessment_due:%-d %B %Y}").encode()
        in client.get(f"/plans/{in_force.pk}/in-force/").content
    )
    assert signed_in_client(parent).get(url).status_code == 404
