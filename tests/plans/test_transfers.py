"""Transfer between councils (regulation 15): X1, the import refusing a broken document with JSON
pointers, made_on kept, X2 and X3, the old plan transferred (CeaseReason 5) and access moving."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils.html import escape

from opensend.accounts import services as account_services
from opensend.accounts.roles import Role
from opensend.children.policies import child_policy
from opensend.core.errors import ApplicationError, NotFound
from opensend.notify.models import Notification
from opensend.plans.models import CeaseReason, Plan, PlanStatus, PlanTransfer
from opensend.plans.policies import plan_policy
from opensend.plans.schema.document import PlanDocument
from opensend.plans.services import transfer_receive, transfer_start
from opensend.rulebook.engine import due_date
from tests.conftest import signed_in_client
from tests.factories import LocalAuthorityFactory, MembershipFactory

from .conftest import TODAY, at, p

AWARE = dt.date(2026, 2, 20)


@pytest.fixture
def new_la(db):
    return LocalAuthorityFactory(name="Westshire Council")


@pytest.fixture
def new_caseworker(new_la):
    return MembershipFactory(role=Role.LA_CASEWORKER, organisation=new_la).user


@pytest.fixture
def sent(in_force, caseworker, new_la):
    return transfer_start(by=p(caseworker), plan=in_force, to_la=new_la, aware_on=AWARE)


def _doc(transfer):
    return PlanDocument.model_validate(json.loads(transfer.version.canonical))


def test_sending_records_x1_and_the_version_sent(sent, in_force):
    # X1: 15 working days beginning with Fri 20 Feb 2026 (day 1): day 15 is Thu 12 Mar.
    assert sent.x1_due == due_date("X1", AWARE).due == dt.date(2026, 3, 12)
    assert sent.version_id == in_force.in_force_version_id
    assert sent.content_hash == in_force.in_force_version.content_hash


def test_a_transfer_to_the_same_council_is_refused(in_force, caseworker, la):
    with pytest.raises(ApplicationError) as exc:
        transfer_start(by=p(caseworker), plan=in_force, to_la=la, aware_on=AWARE)
    assert exc.value.field == "to_la"


def test_a_future_awareness_date_is_refused(in_force, caseworker, new_la):
    with pytest.raises(ApplicationError) as exc:
        transfer_start(by=p(caseworker), plan=in_force, to_la=new_la, aware_on=TODAY + dt.timedelta(days=1))
    assert exc.value.field == "aware_on"


def test_receiving_keeps_made_on_starts_x2_x3_and_moves_access(
    sent,
    in_force,
    caseworker,
    new_caseworker,
    child,
    parent,
):
    received_on = dt.date(2026, 3, 9)
    with at(received_on):
        plan = transfer_receive(by=p(new_caseworker), transfer=sent, doc=_doc(sent))
    sent.refresh_from_db()
    in_force.refresh_from_db()
    child.refresh_from_db()
    assert plan.made_on == in_force.made_on == TODAY
    assert plan.local_authority_id == sent.to_la_id and plan.transfer_la_id == in_force.local_authority_id
    assert sent.x2_due == due_date("X2", received_on).due == dt.date(2026, 4, 20)
    assert sent.x3_due == plan.next_review_due == due_date("X3", TODAY, second=received_on).due
    assert plan.next_review_due == dt.date(2027, 3, 1)  # (a) 12 months beginning with made, later than (b)
    assert (in_force.status, in_force.cease_reason, in_force.cease_date) == (
        PlanStatus.TRANSFERRED,
        CeaseReason.TRANSFERRED,
        received_on,
    )
    assert plan.in_force_version.content_hash == sent.content_hash
    assert child.responsible_la_id == sent.to_la_id
    # The old council loses the child and the new plan; the new council gains both.
    assert not child_policy.can(p(caseworker), "view", child)
    assert child_policy.can(p(new_caseworker), "view", child)
    assert not plan_policy.can(p(caseworker), "view", plan)
    assert plan_policy.can(p(new_caseworker), "draft", plan)
    assert not plan_policy.can(p(caseworker), "draft", Plan.objects.get(pk=plan.pk))
    assert Notification.objects.filter(kind="plan.transferred_in", recipient=parent).exists()
    with pytest.raises(Exception, match="already been received"):
        transfer_receive(by=p(new_caseworker), transfer=sent, doc=_doc(sent))


def test_x3_is_three_months_from_transfer_when_that_is_later(sent, new_caseworker):
    received_on = dt.date(2027, 1, 20)
    with at(received_on):
        plan = transfer_receive(by=p(new_caseworker), transfer=sent, doc=_doc(sent))
    # (b) 3 months beginning with 20 Jan 2027 end on 19 Apr 2027, later than (a) 1 Mar 2027.
    assert plan.next_review_due == due_date("X3", TODAY, second=received_on).due == dt.date(2027, 4, 19)


def test_only_the_new_council_receives(sent, caseworker):
    with pytest.raises(NotFound):
        transfer_receive(by=p(caseworker), transfer=sent, doc=_doc(sent))


def _token(la, scopes):
    manager = MembershipFactory(organisation=la, role=Role.LA_SEND_MANAGER)
    _, secret = account_services.api_token_create(
        by=p(manager.user),
        organisation=la,
        name="Westshire plans",
        role=Role.LA_CASEWORKER,
        scopes=scopes,
        days=30,
    )
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_the_api_refuses_a_broken_document_with_json_pointers_and_then_receives(sent, new_la):
    client = _token(new_la, ["plans:transfer"])
    url = f"/api/v1/plans/transfers/{sent.pk}/receive"
    broken = json.loads(sent.version.canonical)
    broken["plan"]["made_on"] = "not a date"
    broken["sections"]["b"]["needs"][0]["area"] = "nonsense"
    response = client.post(url, data=json.dumps(broken), content_type="application/json")
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert "/plan/made_on" in fields and "/sections/b/needs/0/area" in fields
    moved = json.loads(sent.version.canonical)
    moved["plan"]["made_on"] = "2020-01-01"
    response = client.post(url, data=json.dumps(moved), content_type="application/json")
    assert response.status_code == 422 and "/plan/made_on" in response.json()["error"]["fields"]
    response = client.post(url, data=sent.version.canonical, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "received" and body["made_on"] == TODAY.isoformat()
    assert PlanTransfer.objects.get(pk=sent.pk).new_plan.made_on == TODAY


def test_the_receive_endpoint_needs_the_transfer_scope_and_the_receiving_council(sent, new_la, la):
    url = f"/api/v1/plans/transfers/{sent.pk}/receive"
    no_scope = _token(new_la, ["children:read", "children:write"])
    assert no_scope.post(url, data=sent.version.canonical, content_type="application/json").status_code == 404
    wrong_la = _token(la, ["plans:transfer"])
    assert wrong_la.post(url, data=sent.version.canonical, content_type="application/json").status_code == 404


def test_the_old_council_sends_through_the_api(in_force, caseworker, new_la, la):
    client = signed_in_client(caseworker)
    url = f"/api/v1/plans/{in_force.pk}/transfer"
    same = client.post(
        url, data={"to_la_id": la.pk, "aware_on": "2026-02-20"}, content_type="application/json"
    )
    assert same.status_code == 422 and "to_la" in same.json()["error"]["fields"]
    ok = client.post(
        url, data={"to_la_id": new_la.pk, "aware_on": "2026-02-20"}, content_type="application/json"
    )
    assert ok.status_code == 201 and ok.json()["x1_due"] == "2026-03-12"


def test_transfer_pages(sent, in_force, caseworker, new_caseworker, la):
    old = signed_in_client(caseworker)
    response = old.post(
        f"/plans/{in_force.pk}/transfer/",
        {"to_la": la.pk, "aware_on_day": "20", "aware_on_month": "2", "aware_on_year": "2026"},
    )
    assert response.status_code == 400, response.content
    assert b"different council" in response.content, response.content.decode()[-3000:]
    new = signed_in_client(new_caseworker)
    page = new.get("/plans/transfers/")
    assert page.status_code == 200 and escape(in_force.child.full_name).encode() in page.content
    assert new.get(f"/plans/transfers/{sent.pk}/receive/").status_code == 200
    assert old.get(f"/plans/transfers/{sent.pk}/receive/").status_code == 404
    response = new.post(f"/plans/transfers/{sent.pk}/receive/")
    assert response.status_code == 302
    new_plan = PlanTransfer.objects.get(pk=sent.pk).new_plan
    assert new.get(f"/plans/{new_plan.pk}/in-force/").status_code == 200
    assert old.get(f"/plans/{new_plan.pk}/in-force/").status_code == 404
