"""Casework under /api/v1/casework: within policy, one error shape, in the OpenAPI document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opensend.accounts import services as account_services
from opensend.casework.models import AssessmentRequest
from tests.conftest import signed_in_client
from tests.factories import ChildFactory

from .conftest import p
from .factories import CaseFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/casework"


def _json(client, method, url, body):
    return getattr(client, method)(url, body, content_type="application/json")


def test_a_parent_creates_a_request_and_reads_it_with_its_deadlines(parent, child):
    client = signed_in_client(parent)
    response = _json(
        client, "post", URL, {"child_id": child.pk, "reasons": "Cannot read", "consent_given": True}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["source"], body["next_rule"]) == ("received", 1, "A2")
    assert [d["rule_id"] for d in body["deadlines"]] == ["A2", "A4", "A8"]
    assert client.get(f"{URL}/{body['id']}").json()["reference"] == body["reference"]


def test_bad_requests_come_back_in_the_one_error_shape(parent, child, la):
    client = signed_in_client(parent)
    body = {"child_id": child.pk, "reasons": "Cannot read", "consent_given": False}
    error = _json(client, "post", URL, body).json()["error"]
    assert (error["code"], list(error["fields"])) == ("invalid", ["consent_given"])
    CaseFactory(child=child)
    response = _json(client, "post", URL, body | {"consent_given": True})
    assert response.status_code == 422 and "already an open request" in response.json()["error"]["message"]
    stranger = ChildFactory(responsible_la=la)
    response = _json(client, "post", URL, body | {"child_id": stranger.pk, "consent_given": True})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_the_caseworker_lists_transitions_allocates_records_an_exception_and_uploads(caseworker, child, la):
    case = CaseFactory(child=child)
    CaseFactory(child=ChildFactory())  # another council's
    client = signed_in_client(caseworker.user)
    listing = client.get(f"{URL}?per_page=10&sort=name").json()
    assert [r["id"] for r in listing["results"]] == [case.pk]
    moved = _json(client, "post", f"{URL}/{case.pk}/transition", {"to": "considering", "version": 1})
    assert moved.status_code == 200 and moved.json()["version"] == 2
    stale = _json(client, "post", f"{URL}/{case.pk}/transition", {"to": "panel_assess", "version": 1})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    refused = _json(client, "post", f"{URL}/{case.pk}/transition", {"to": "drafting", "version": 2})
    assert refused.status_code == 422 and refused.json()["error"]["fields"] == {
        "to": [refused.json()["error"]["message"]]
    }
    allocated = _json(
        client, "post", f"{URL}/{case.pk}/allocate", {"caseworker_id": caseworker.user.pk, "version": 2}
    )
    assert allocated.json()["caseworker_id"] == caseworker.user.pk
    fact = _json(
        client,
        "post",
        f"{URL}/{case.pk}/exceptions",
        {"kind": "EXCEPTIONAL_PERSONAL", "starts_on": "2026-01-20"},
    )
    assert fact.status_code == 201
    upload = client.post(f"{URL}/{case.pk}/documents", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    assert upload.status_code == 201 and upload.json()["name"] == "a.pdf"
    bad = client.post(f"{URL}/{case.pk}/documents", {"file": SimpleUploadedFile("a.exe", b"MZ")})
    assert bad.status_code == 422 and "PDF" in bad.json()["error"]["fields"]["file"][0]


def test_other_councils_and_families_get_404_on_staff_operations(parent, child, la):
    case = CaseFactory(child=child)
    client = signed_in_client(parent)
    assert client.get(f"{URL}/{case.pk}").status_code == 200  # their own child's case
    assert (
        _json(client, "post", f"{URL}/{case.pk}/transition", {"to": "considering", "version": 1}).status_code
        == 404
    )
    assert client.get(URL).status_code == 404


def test_a_read_only_token_cannot_write(manager, child):
    case = CaseFactory(child=child)
    _, secret = account_services.api_token_create(
        by=p(manager.user),
        organisation=manager.organisation,
        name="Case system",
        role="la_caseworker",
        scopes=["children:read"],
        days=30,
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    from django.test import Client

    client = Client(**headers)
    assert client.get(f"{URL}/{case.pk}").status_code == 200
    response = client.post(
        f"{URL}/{case.pk}/transition", {"to": "considering", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    assert AssessmentRequest.objects.get().status == "received"


def test_every_operation_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        URL,
        f"{URL}/{{case_id}}",
        f"{URL}/{{case_id}}/transition",
        f"{URL}/{{case_id}}/allocate",
        f"{URL}/{{case_id}}/exceptions",
        f"{URL}/{{case_id}}/documents",
    ):
        assert path in paths, path
