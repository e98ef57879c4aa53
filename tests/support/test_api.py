import pytest

from opensend.support.models import RegisterEntry
from tests.conftest import signed_in_client

from .factories import la_staff

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_senco_works_through_the_api_from_concern_to_reviewed_plan(world):
    client = signed_in_client(world.senco_user)
    base = "/api/v1/support"
    concern = _post(
        client,
        f"{base}/settings/{world.school.pk}/concerns",
        {
            "child_id": world.child.pk,
            "kind": "reception_baseline",
            "observed_on": "2026-01-05",
            "areas": ["communication_interaction"],
            "summary": "Quiet in group talk",
            "raised_by": "Teacher",
        },
    )
    assert concern.status_code == 201, concern.json()
    unknown = _post(
        client,
        f"{base}/concerns/{concern.json()['id']}/escalate",
        {"primary_need": "AUT", "starts_on": "2026-01-20"},
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["fields"] == {
        "primary_need": [
            "AUT is not a need type the school census knows. Use one of SPLD, MLD, SLD, PMLD, SEMH, "
            "SLCN, HI, VI, MSI, PD, ASD, DS, OTH, NSA"
        ]
    }
    entry = _post(
        client,
        f"{base}/concerns/{concern.json()['id']}/escalate",
        {"primary_need": "SLCN", "starts_on": "2026-01-20"},
    )
    assert entry.status_code == 200 and entry.json()["provision"] == "K"
    duplicate = _post(
        client,
        f"{base}/settings/{world.school.pk}/register",
        {"child_id": world.child.pk, "provision": "K", "primary_need": "SLCN", "starts_on": "2026-01-20"},
    )
    assert duplicate.status_code == 422 and "already on" in duplicate.json()["error"]["message"]
    plan = _post(
        client,
        f"{base}/children/{world.child.pk}/plans",
        {
            "starts_on": "2026-01-20",
            "review_due_on": "2026-04-20",
            "areas": ["communication_interaction"],
            "needs": "Talk",
            "child_views": "I like Lego",
        },
    )
    assert plan.status_code == 201, plan.json()
    plan_id = plan.json()["id"]
    no_date = _post(
        client,
        f"{base}/plans/{plan_id}/outcomes",
        {"area": "communication_interaction", "description": "Talks"},
    )
    assert no_date.status_code == 422
    assert no_date.json()["error"]["fields"] == {
        "target_on": ["Enter the date by which the outcome should be achieved"]
    }
    outcome = _post(
        client,
        f"{base}/plans/{plan_id}/outcomes",
        {"area": "communication_interaction", "description": "Talks", "target_on": "2026-04-20"},
    )
    assert outcome.status_code == 201
    provision = _post(
        client,
        f"{base}/plans/{plan_id}/provision",
        {
            "area": "communication_interaction",
            "what": "Talk group",
            "who": "TA",
            "how_often": "Weekly",
            "how_long": "Term",
            "cost_pounds": "120.50",
            "oap_ref": "national:CI-3",
        },
    )
    assert provision.status_code == 201 and provision.json()["ordinarily_available"] is True
    early = _post(
        client,
        f"{base}/plans/{plan_id}/reviews",
        {
            "reviewed_on": "2026-01-01",
            "summary": "x",
            "next_step": "continue",
            "progress": [{"outcome_id": outcome.json()["id"], "rating": "some"}],
        },
    )
    assert (
        early.status_code == 422
        and "on or after the day the plan started (20 January 2026)" in early.json()["error"]["message"]
    )
    review = _post(
        client,
        f"{base}/plans/{plan_id}/reviews",
        {
            "reviewed_on": "2026-01-31",
            "summary": "Started well",
            "next_step": "continue",
            "progress": [{"outcome_id": outcome.json()["id"], "rating": "some"}],
        },
    )
    assert review.status_code == 201 and review.json()["reviews"][0]["progress"][0]["rating"] == "some"
    census = client.get(f"{base}/settings/{world.school.pk}/census").json()
    assert census["sen_support"] == 1
    history = client.get(f"{base}/children/{world.child.pk}/history").json()
    assert history["register_entries"][0]["primary_need"] == "SLCN"
    assert history["plans"][0]["outcomes"][0]["target_on"] == "2026-04-20"
    senco = client.put(
        f"{base}/settings/{world.school.pk}/senco",
        {"name": "Grace", "qualification": "nasenco", "achieved_on": "2020-07-01"},
        content_type="application/json",
    )
    assert senco.status_code == 200 and senco.json()["qualification"] == "nasenco"


def test_parent_reads_plans_but_cannot_write(world):
    client = signed_in_client(world.parent)
    assert client.get(f"/api/v1/support/children/{world.child.pk}/plans").json() == []
    refused = _post(
        client,
        f"/api/v1/support/children/{world.child.pk}/plans",
        {"starts_on": "2026-01-20", "review_due_on": "2026-04-20", "areas": ["semh"], "needs": "x"},
    )
    assert refused.status_code == 404
    assert client.get(f"/api/v1/support/settings/{world.school.pk}/register").status_code == 404


def test_la_area_view_and_census_in_the_api(world):
    RegisterEntry.objects.create(
        child=world.child, setting=world.school, provision="K", primary_need="DS", starts_on="2025-09-01"
    )
    user, _ = la_staff(world.la)
    client = signed_in_client(user)
    page = client.get("/api/v1/support/area?need=DS").json()
    assert page["has_next"] is False and page["results"][0]["child"]["last_name"] == "Okafor"
    assert client.get("/api/v1/support/area/census").json()["sen_support"] == 1
    assert client.get("/api/v1/support/ordinarily-available").status_code == 200
