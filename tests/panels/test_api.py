"""The panel API: the same operations as the pages, within policy, errors in the one JSON shape."""

import hashlib
import json

import pytest

from opensend.casework.codes import Status
from opensend.notices.models import DecisionNotice
from opensend.panels.codes import Agency
from tests.conftest import signed_in_client

from .conftest import REASONS

pytestmark = pytest.mark.django_db


def _json(client, method, url, body=None):
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def test_the_whole_flow_through_the_api(panel, caseworker, people, case, manager):
    staff = signed_in_client(caseworker)
    meeting = _json(staff, "post", "/api/v1/panels/meetings", {"held_on": "2026-03-02", "location": "Online"})
    assert meeting.status_code == 201, meeting.content
    meeting_id = meeting.json()["id"]
    added = _json(staff, "post", f"/api/v1/panels/meetings/{meeting_id}/agenda", {"case_id": case.pk})
    assert added.status_code == 201
    item_id = added.json()["items"][0]["id"]
    assert _json(staff, "post", f"/api/v1/panels/meetings/{meeting_id}/publish").status_code == 200

    chair = signed_in_client(people["chair"])
    papers = chair.get(f"/api/v1/panels/meetings/{meeting_id}/items/{item_id}/papers")
    assert papers.status_code == 200 and papers.json()["child_name"] == "Amira Khan"
    url = f"/api/v1/panels/meetings/{meeting_id}/items/{item_id}/decision"
    refused = _json(chair, "post", url, {"decision": "yes", "reasons": REASONS})
    assert refused.status_code == 422
    body = refused.json()["error"]
    assert body["code"] == "invalid"
    assert body["message"].startswith(
        "The panel is not quorate, so it cannot decide: the chair is not present"
    )
    assert body["fields"] == {"attendance": [body["message"]]}

    present = [u.pk for u in people.values()]
    att = _json(
        chair, "put", f"/api/v1/panels/meetings/{meeting_id}/attendance", {"present_user_ids": present}
    )
    assert att.status_code == 200 and att.json()["quorate"] is True
    decided = _json(chair, "post", url, {"decision": "no", "reasons": REASONS})
    assert decided.status_code == 201, decided.content
    out = decided.json()
    assert out["to_status"] == Status.DECIDED_NOT_TO_ASSESS
    # A refusal's letter is its statutory notice.
    notice = DecisionNotice.objects.get(case=case)
    assert out["letter_url"] == f"/notices/{notice.pk}/"
    assert out["letter_html_sha256"] == hashlib.sha256(notice.html.encode("utf-8")).hexdigest()
    case.refresh_from_db()
    assert case.status == Status.DECIDED_NOT_TO_ASSESS
    assert staff.get(f"/api/v1/panels/decisions/{out['id']}").status_code == 200
    # An ordinary member can read the meeting but not decide.
    member = signed_in_client(people[Agency.HEALTH])
    assert member.get(f"/api/v1/panels/meetings/{meeting_id}").status_code == 200
    assert _json(member, "post", url, {"decision": "yes", "reasons": REASONS}).status_code == 404


def test_panel_configuration_through_the_api(la, manager, people):
    client = signed_in_client(manager)
    loose = _json(
        client,
        "put",
        "/api/v1/panels/panel",
        {"name": "P", "quorum_agencies": ["education"]},
    )
    assert loose.status_code == 422
    assert "national minimum" in loose.json()["error"]["message"]
    assert "quorum_agencies" in loose.json()["error"]["fields"]
    made = _json(
        client,
        "put",
        "/api/v1/panels/panel",
        {
            "name": "P",
            "quorum_agencies": ["education", "health", "social_care"],
        },
    )
    assert made.status_code == 200
    member = _json(
        client,
        "post",
        "/api/v1/panels/panel/members",
        {"user_id": people[Agency.HEALTH].pk, "agency": "health"},
    )
    assert member.status_code == 201
    assert [m["agency"] for m in member.json()["members"]] == ["health"]
    bad = _json(
        client,
        "post",
        "/api/v1/panels/panel/members",
        {"user_id": people[Agency.HEALTH].pk, "agency": "nope"},
    )
    assert bad.status_code == 422 and bad.json()["error"]["fields"] == {
        "agency": ["Choose the agency the member speaks for"]
    }


def test_validation_errors_use_the_one_shape(item, people):
    client = signed_in_client(people["chair"])
    response = _json(
        client,
        "post",
        f"/api/v1/panels/meetings/{item.meeting_id}/items/{item.pk}/decision",
        {"decision": "maybe"},
    )
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "fields"}
