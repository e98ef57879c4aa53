"""Notices in the API: a child's letters, one letter as sent, the council's details, and refusals
made through the casework API (which write their letter the same way the pages do)."""

import json

import pytest

from opensend.casework.models import AssessmentRequest
from opensend.notices.models import CouncilDetails, DecisionNotice
from tests.conftest import signed_in_client
from tests.factories import LocalAuthorityFactory, MembershipFactory
from tests.notices.factories import NoticeFactory

from .conftest import REASONS

pytestmark = pytest.mark.django_db


def _json(client, method, url, body=None):
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def test_the_family_lists_and_reads_their_childs_letters(case, parent):
    notices = [NoticeFactory(case=case) for _ in range(3)]
    client = signed_in_client(parent)
    page = client.get(f"/api/v1/notices/children/{case.child_id}?per_page=2").json()
    assert (page["count"], page["pages"], len(page["results"])) == (3, 2, 2)
    row = page["results"][0]
    assert row["id"] == notices[-1].pk and row["kind"] == "refuse_assess" and "html" not in row
    assert row["letter_url"] == f"/notices/{notices[-1].pk}/" and row["pdf_url"] is None
    one = client.get(f"/api/v1/notices/{notices[0].pk}").json()
    assert one["html"] == notices[0].html and one["html_sha256"] == notices[0].html_sha256
    assert one["appeal_by"] == "2026-05-02" and one["reasons"] == notices[0].reasons


def test_others_get_404(case):
    notice = NoticeFactory(case=case)
    client = signed_in_client(
        MembershipFactory(role="la_caseworker", organisation=LocalAuthorityFactory()).user
    )
    assert client.get(f"/api/v1/notices/{notice.pk}").status_code == 404
    assert client.get(f"/api/v1/notices/children/{case.child_id}").status_code == 404


def test_a_refusal_through_the_casework_api_writes_its_letter(details, caseworker, case, parent):
    client = signed_in_client(caseworker)
    url = f"/api/v1/casework/{case.pk}/transition"
    no_reasons = _json(client, "post", url, {"to": "decided_not_to_assess", "version": 1})
    assert no_reasons.status_code == 422
    assert no_reasons.json()["error"]["fields"] == {
        "reason": ["Give the reasons: they go in the letter or email to the family"]
    }
    moved = _json(client, "post", url, {"to": "decided_not_to_assess", "version": 1, "reason": REASONS})
    assert moved.status_code == 200 and moved.json()["status"] == "decided_not_to_assess"
    notice = DecisionNotice.objects.get(case=case)
    listed = signed_in_client(parent).get(f"/api/v1/notices/children/{case.child_id}").json()
    assert [r["id"] for r in listed["results"]] == [notice.pk]


def test_a_refusal_through_the_api_without_council_details_says_what_is_missing(la, caseworker, case):
    response = _json(
        signed_in_client(caseworker),
        "post",
        f"/api/v1/casework/{case.pk}/transition",
        {"to": "decided_not_to_assess", "version": 1, "reason": REASONS},
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert "Local Offer: its web address" in error["message"]
    assert "council_details" in error["fields"]
    assert AssessmentRequest.objects.get(pk=case.pk).status == "panel_assess"


def test_the_send_manager_reads_and_changes_the_details(la, manager, caseworker):
    client = signed_in_client(manager)
    url = f"/api/v1/notices/council-details/{la.pk}"
    empty = client.get(url).json()
    assert empty["version"] is None and len(empty["missing"]) == 5
    changed = _json(client, "patch", url, {"values": {"local_offer_url": "https://localoffer.example.org"}})
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 1 and len(changed.json()["missing"]) == 4
    more = _json(client, "patch", url, {"version": 1, "values": {"sendiass_name": "Northshire SENDIASS"}})
    assert more.json()["values"]["local_offer_url"] == "https://localoffer.example.org"  # kept
    stale = _json(client, "patch", url, {"version": 1, "values": {"sendiass_name": "Other"}})
    assert stale.status_code == 409
    bad = _json(client, "patch", url, {"version": 2, "values": {"sendiass_email": "nope"}})
    assert bad.status_code == 422 and "sendiass_email" in bad.json()["error"]["fields"]
    assert CouncilDetails.objects.get().sendiass_name == "Northshire SENDIASS"
    staff = signed_in_client(caseworker)
    assert staff.get(url).status_code == 200
    assert _json(staff, "patch", url, {"version": 2, "values": {"sendiass_name": "X"}}).status_code == 404
