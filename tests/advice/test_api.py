"""The advice API: every operation, within policy, errors in the one JSON shape."""

import pytest

from opensend.advice.models import AdviceRequest
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

API = "/api/v1/advice"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_whole_exchange_through_the_api(case, caseworker, health, parent):
    council = signed_in_client(caseworker.user)
    made = _post(
        council,
        f"{API}/cases/{case.pk}/requests",
        {"advice_type": "medical", "question": "Her health needs", "adviser_id": health.pk},
    )
    assert made.status_code == 201, made.content
    request_id = made.json()["id"]
    assert made.json()["due_on"] == "2026-04-13"

    adviser = signed_in_client(health)
    assert [r["id"] for r in adviser.get(f"{API}/mine").json()["results"]] == [request_id]
    draft = adviser.put(
        f"{API}/requests/{request_id}/draft",
        {
            "needs_semh": "Anxious",
            "provision": [{"what": "Counselling", "how_often": "Weekly", "how_long": "A term"}],
        },
        content_type="application/json",
    )
    assert draft.status_code == 200 and draft.json()["versions"][0]["status"] == "draft"
    version = draft.json()["versions"][0]["version"]
    done = _post(
        adviser, f"{API}/requests/{request_id}/submit", {"needs_semh": "Anxious", "version": version}
    )
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    twice = _post(adviser, f"{API}/requests/{request_id}/submit", {"needs_semh": "Anxious"})
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "conflict"
    assert "not been submitted twice" in twice.json()["error"]["message"]

    family = signed_in_client(parent)
    seen = family.get(f"{API}/cases/{case.pk}/requests").json()
    assert seen["all_received"] and seen["requests"][0]["status"] == "submitted"
    assert _post(family, f"{API}/cases/{case.pk}/messages", {"body": "Thank you"}).status_code == 201
    assert [m["body"] for m in council.get(f"{API}/cases/{case.pk}/messages").json()] == ["Thank you"]
    moved = _post(council, f"{API}/cases/{case.pk}/complete", {"version": case.version})
    assert moved.status_code == 200, moved.content


def test_errors_come_in_the_one_shape(case, caseworker, health, parent, asked):
    council = signed_in_client(caseworker.user)
    bad = _post(
        council,
        f"{API}/cases/{case.pk}/requests",
        {"advice_type": "preparing_for_adulthood", "question": "x", "adviser_id": health.pk},
    )
    assert bad.status_code == 422 and "Year 9" in bad.json()["error"]["fields"]["advice_type"][0]
    family = signed_in_client(parent)
    refused = _post(family, f"{API}/cases/{case.pk}/requests", {"advice_type": "medical", "question": "x"})
    assert refused.status_code == 404
    assert (
        family.put(f"{API}/requests/{asked.pk}/draft", {}, content_type="application/json").status_code == 404
    )
    empty = _post(family, f"{API}/cases/{case.pk}/messages", {"body": ""})
    assert empty.status_code == 422 and empty.json()["error"]["fields"] == {"body": ["Write your message"]}
    assert _post(family, f"{API}/cases/{case.pk}/complete", {"version": 1}).status_code == 404


def test_reuse_and_overdue_by_agency(case, caseworker, asked):
    council = signed_in_client(caseworker.user)
    reuse = _post(
        council,
        f"{API}/cases/{case.pk}/reuse",
        {
            "advice_type": "educational",
            "source_description": "School report, January 2026",
            "family_agreed_on": "2026-02-20",
            "family_agreed_by": "Pat Khan",
            "adviser_agreed_on": "2026-02-21",
            "adviser_agreed_by": "Ms Head",
            "la_agreed_on": "2026-02-22",
        },
    )
    assert reuse.status_code == 201, reuse.content
    AdviceRequest.objects.filter(pk=asked.pk).update(requested_on="2026-01-01", due_on="2026-02-12")
    agencies = council.get(f"{API}/overdue").json()
    assert agencies == [
        {
            "organisation_id": asked.organisation_id,
            "name": "North ICB",
            "kind": "health_body",
            "overdue": 1,
            "oldest_due": "2026-02-12",
        }
    ]
    listed = council.get(f"{API}/overdue/requests?agency={asked.organisation_id}").json()
    assert listed["count"] == 1
