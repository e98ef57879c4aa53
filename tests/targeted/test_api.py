"""The targeted help and alternative provision API: same services and policies as the pages."""

import datetime as dt

import pytest
from django.test import Client

from opensend.access.principal import principal_for_user
from opensend.accounts import services as account_services
from opensend.accounts.roles import Role
from opensend.core import clock
from tests.conftest import signed_in_client
from tests.factories import MembershipFactory
from tests.targeted.factories import OutreachRequestFactory, PlacementFactory, area

pytestmark = pytest.mark.django_db

BASE = "/api/v1/targeted"


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_outreach_round_trip_through_the_api():
    w = area()
    senco, la = signed_in_client(w["senco"]), signed_in_client(w["caseworker"])
    body = {
        "child_id": w["child"].pk,
        "service": "specialist_teaching",
        "question": "Help with maths anxiety",
        "tried": "Small group",
        "urgency": "urgent",
    }
    created = _post(senco, f"{BASE}/outreach", body)
    assert created.status_code == 201, created.content
    rid = created.json()["id"]
    assert created.json()["status"] == "requested" and created.json()["setting"]["id"] == w["school"].pk
    queue = la.get(f"{BASE}/outreach?status=requested").json()
    assert [r["id"] for r in queue["results"]] == [rid]
    assert _post(la, f"{BASE}/outreach/{rid}/decision", {"accept": True, "version": 1}).json()["status"] == (
        "accepted"
    )
    answered = _post(la, f"{BASE}/outreach/{rid}/answer", {"kind": "advice", "answer": "Try X"}).json()
    assert answered["status"] == "answered" and answered["days_to_answer"] == 0
    assert senco.get(f"{BASE}/outreach/{rid}").json()["answer"] == "Try X"
    times = la.get(f"{BASE}/outreach/answer-times").json()
    row = next(s for s in times["services"] if s["service"] == "specialist_teaching")
    assert (row["answered"], row["median_days"], row["p90_days"]) == (1, 0.0, 0.0)


def test_errors_come_in_the_one_shape():
    w = area()
    senco, la = signed_in_client(w["senco"]), signed_in_client(w["caseworker"])
    bad = _post(
        senco,
        f"{BASE}/outreach",
        {"child_id": w["child"].pk, "service": "x", "question": "q", "tried": "t"},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {"service": ["Choose which service you are asking"]}
    request = OutreachRequestFactory(child=w["child"])
    declined = _post(la, f"{BASE}/outreach/{request.pk}/decision", {"accept": False})
    assert declined.json()["error"]["fields"] == {"reason": ["Enter why the request is declined"]}
    stale = _post(la, f"{BASE}/outreach/{request.pk}/decision", {"accept": True, "version": 7})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    hidden = OutreachRequestFactory()
    assert la.get(f"{BASE}/outreach/{hidden.pk}").status_code == 404
    assert (
        _post(senco, f"{BASE}/outreach/{request.pk}/answer", {"kind": "advice", "answer": "x"}).status_code
        == 404
    )
    assert senco.get(f"{BASE}/outreach/answer-times").status_code == 404


def test_placement_round_trip_through_the_api():
    w = area()
    la = signed_in_client(w["caseworker"])
    today = clock.today()
    start = today - dt.timedelta(days=30)
    body = {
        "child_id": w["child"].pk,
        "tier": "tier_3",
        "purpose": "Transition to a new school",
        "provider_id": w["provider"].pk,
        "start_on": start.isoformat(),
        "planned_end_on": (start - dt.timedelta(days=1)).isoformat(),
    }
    bad = _post(la, f"{BASE}/placements", body)
    assert bad.json()["error"]["fields"] == {
        "planned_end_on": ["The planned end date must be on or after the start date"]
    }
    body["planned_end_on"] = (today + dt.timedelta(days=60)).isoformat()
    created = _post(la, f"{BASE}/placements", body)
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    assert _post(la, f"{BASE}/placements/{pid}/start", {"started_on": start.isoformat()}).json()[
        "status"
    ] == ("active")
    early = _post(
        la,
        f"{BASE}/placements/{pid}/reviews",
        {"reviewed_on": (start - dt.timedelta(days=1)).isoformat(), "progress": "x", "decision": "continue"},
    )
    assert early.status_code == 422 and "reviewed_on" in early.json()["error"]["fields"]
    review = _post(
        la,
        f"{BASE}/placements/{pid}/reviews",
        {"reviewed_on": today.isoformat(), "progress": "Good", "decision": "continue"},
    )
    assert review.status_code == 201
    no_outcome = _post(la, f"{BASE}/placements/{pid}/end", {"ended_on": today.isoformat(), "outcome": ""})
    assert no_outcome.json()["error"]["fields"] == {"outcome": ["Choose the outcome of the placement"]}
    ended = _post(
        la,
        f"{BASE}/placements/{pid}/end",
        {
            "ended_on": today.isoformat(),
            "outcome": "onward_placement",
            "outcome_setting_id": w["provider"].pk,
        },
    ).json()
    assert ended["status"] == "ended" and ended["outcome_setting"]["id"] == w["provider"].pk
    assert [r["progress"] for r in la.get(f"{BASE}/placements/{pid}").json()["reviews"]] == ["Good"]
    listed = la.get(f"{BASE}/placements").json()
    assert listed["count"] == 1


def test_cancel_through_the_api():
    w = area()
    placement = PlacementFactory(child=w["child"])
    senco = signed_in_client(w["senco"])
    done = _post(senco, f"{BASE}/placements/{placement.pk}/cancel", {"reason": "Not needed"}).json()
    assert done["status"] == "cancelled"


def test_a_token_needs_the_write_scope_to_write():
    w = area()
    manager = MembershipFactory(organisation=w["la"], role=Role.LA_SEND_MANAGER)
    request = OutreachRequestFactory(child=w["child"])

    def token(scopes):
        _, secret = account_services.api_token_create(
            by=principal_for_user(manager.user),
            organisation=w["la"],
            name="Case system",
            role=Role.LA_CASEWORKER,
            scopes=scopes,
            days=30,
        )
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    read = token(["children:read"])
    client = Client()
    assert client.get(f"{BASE}/outreach/{request.pk}", **read).status_code == 200
    url = f"{BASE}/outreach/{request.pk}/decision"
    assert client.post(url, {"accept": True}, content_type="application/json", **read).status_code == 404
    write = token(["children:read", "children:write"])
    response = client.post(url, {"accept": True}, content_type="application/json", **write)
    assert response.status_code == 200 and response.json()["status"] == "accepted"


def test_a_family_reads_the_answer_but_not_the_professionals_notes():
    from django.utils import timezone

    from tests.factories import FamilyLinkFactory

    w = area()
    answered = OutreachRequestFactory(
        child=w["child"],
        status="answered",
        answered_at=timezone.now(),
        days_to_answer=4,
        answer="Try paired reading",
        decision_reason="Internal note",
        urgency="urgent",
    )
    waiting = OutreachRequestFactory(child=w["child"], service="other", service_other="Sensory team")
    family = signed_in_client(FamilyLinkFactory(child=w["child"]).user)
    body = family.get(f"{BASE}/outreach/{answered.pk}").json()
    assert (body["answer"], body["decision_reason"], body["urgency"]) == ("Try paired reading", "", "")
    assert family.get(f"{BASE}/outreach/{waiting.pk}").status_code == 404
    assert [r["id"] for r in family.get(f"{BASE}/outreach").json()["results"]] == [answered.pk]
