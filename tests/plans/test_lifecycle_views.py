"""Pages and API for reviews, amendments, phase transfers and ceasing, with bad input."""

import datetime as dt

from opensend.plans.models import Review
from tests.conftest import signed_in_client

from .conftest import MEETING, TODAY, _held, at


def _date(name, day):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_review_pages_refuse_bad_input_then_run_a_review(in_force, caseworker, parent, senco):
    client = signed_in_client(caseworker)
    assert client.get(f"/plans/{in_force.pk}/in-force/").status_code == 200
    url = f"/plans/{in_force.pk}/reviews/new/"
    before = client.post(url, _date("meeting_on", TODAY - dt.timedelta(days=10)))
    assert before.status_code == 400 and b"on or after the day the plan was made" in before.content
    assert (
        client.post(
            url, {"meeting_on_day": "31", "meeting_on_month": "2", "meeting_on_year": "2027"}
        ).status_code
        == 400
    )
    response = client.post(url, _date("meeting_on", MEETING))
    assert response.status_code == 302
    review = Review.objects.get(plan=in_force)
    family = signed_in_client(parent)
    assert family.get(f"/plans/reviews/{review.pk}/").status_code == 200
    assert family.post(f"/plans/reviews/{review.pk}/", {"text": ""}).status_code == 400
    assert family.post(f"/plans/reviews/{review.pk}/", {"text": "She is doing well."}).status_code == 302
    assert family.get(f"/plans/reviews/{review.pk}/meeting/").status_code == 404
    _held(review, caseworker)
    with at(MEETING + dt.timedelta(days=5)):
        client = signed_in_client(caseworker)
        decide = f"/plans/reviews/{review.pk}/decide/"
        no_reasons = client.post(decide, {"outcome": "M", "reasons": ""})
        assert no_reasons.status_code == 400 and b"Enter" in no_reasons.content
        assert client.post(decide, {"outcome": "A", "reasons": "Add reading."}).status_code == 302
        page = client.get(f"/plans/{in_force.pk}/in-force/")
        assert b"Send the amendment notice" in page.content
        assert client.post(f"/plans/{in_force.pk}/amend/notice/", {"confirm": "on"}).status_code == 302
        assert client.get("/plans/reviews-due/").status_code == 200
        assert client.get("/plans/phase-transfers-due/").status_code == 200
    assert signed_in_client(senco).get(f"/plans/reviews/{review.pk}/").status_code == 200


def test_the_api_runs_a_review_and_refuses_to_change_a_decision(in_force, caseworker, parent):
    client = signed_in_client(caseworker)
    base = "/api/v1/plans"
    bad = client.post(
        f"{base}/{in_force.pk}/reviews", {"meeting_on": "2020-01-01"}, content_type="application/json"
    )
    assert bad.status_code == 422 and "meeting_on" in bad.json()["error"]["fields"]
    created = client.post(
        f"{base}/{in_force.pk}/reviews", {"meeting_on": MEETING.isoformat()}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["advice_by"] == "2027-01-03" and body["invited"] >= 1  # R3: 14 clear days before 18 Jan
    rid = body["id"]
    with at(MEETING):
        client = signed_in_client(caseworker)
        held = client.post(
            f"{base}/reviews/{rid}/meeting",
            {"held_on": MEETING.isoformat(), "attendees": "Pat", "recommendations": "Keep"},
            content_type="application/json",
        )
        assert held.status_code == 200 and held.json()["decision_due"] == "2027-02-15"
        no_reason = client.post(
            f"{base}/reviews/{rid}/decision", {"outcome": "M"}, content_type="application/json"
        )
        assert no_reason.status_code == 422 and "reasons" in no_reason.json()["error"]["fields"]
        ok = client.post(
            f"{base}/reviews/{rid}/decision",
            {"outcome": "M", "reasons": "Fine"},
            content_type="application/json",
        )
        assert ok.status_code == 201 and ok.json()["decision"]["outcome"] == "M"
        assert client.put(f"{base}/reviews/{rid}/decision").status_code == 409
        assert client.delete(f"{base}/reviews/{rid}/decision").status_code == 409
        due = client.get(f"{base}/reviews-due")
        assert due.status_code == 200
        phase = client.post(
            f"{base}/{in_force.pk}/phase-transfer",
            {"next_phase": "post16", "transfer_on": "2027-09-01"},
            content_type="application/json",
        )
        # P2: "before 31 March" in the year of the move, so 30 March.
        assert phase.status_code == 200 and phase.json()["phase_transfer_due"] == "2027-03-30"
        cease = client.post(
            f"{base}/{in_force.pk}/cease", {"cease_reason": 3, "reasons": ""}, content_type="application/json"
        )
        assert cease.status_code == 422
        cease = client.post(
            f"{base}/{in_force.pk}/cease",
            {"cease_reason": 3, "reasons": "University"},
            content_type="application/json",
        )
        assert cease.status_code == 201 and cease.json()["plan_status"] == "ceasing"
    family = signed_in_client(parent)
    assert family.get(f"{base}/reviews/{rid}").status_code == 200
    assert (
        family.post(
            f"{base}/{in_force.pk}/reviews", {"meeting_on": "2027-06-01"}, content_type="application/json"
        ).status_code
        == 404
    )
