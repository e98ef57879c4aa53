import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opensend.plans.models import CommentKind, Plan, PlanSection, PlanVersion
from opensend.plans.schema import canonical_json, validate_document
from opensend.plans.services import comment_add, draft_issue, final_issue, section_save
from tests.conftest import signed_in_client

from .conftest import p


def _final(plan, caseworker, parent):
    draft = draft_issue(by=p(caseworker), plan=plan)
    section = PlanSection.objects.get(plan=plan, key="i")
    section_save(
        by=p(caseworker),
        plan=plan,
        key="i",
        content={"name": "Oak School", "urn": "123456"},
        expected_version=section.version,
    )
    comment_add(by=p(parent), version=draft, kind=CommentKind.FINISHED)
    return draft, final_issue(by=p(caseworker), plan=plan)


def test_editor_pages_show_problems_with_links_to_their_place(plan, caseworker):
    client = signed_in_client(caseworker)
    section = PlanSection.objects.get(plan=plan, key="f")
    items = section.content["provision"]
    items[0]["what"] = "Access to a speech therapist as required"
    section_save(
        by=p(caseworker), plan=plan, key="f", content=section.content, expected_version=section.version
    )
    page = client.get(f"/plans/{plan.pk}/")
    assert page.status_code == 200
    assert f'href="/plans/{plan.pk}/sections/f/items/F-1/#id_what"'.encode() in page.content
    for key in ("a", "b", "e", "f", "g", "i", "j", "k"):
        assert client.get(f"/plans/{plan.pk}/sections/{key}/").status_code == 200
    assert client.get(f"/plans/{plan.pk}/sections/f/items/F-1/").status_code == 200
    assert client.get(f"/plans/{plan.pk}/sections/b/items/new/").status_code == 200
    assert client.get("/plans/").status_code == 200


def test_two_people_editing_an_item_get_a_conflict_showing_both(plan, caseworker):
    client = signed_in_client(caseworker)
    section = PlanSection.objects.get(plan=plan, key="b")
    stale = section.version
    content = section.content
    content["needs"][0]["description"] = "Saved by a colleague"
    section_save(by=p(caseworker), plan=plan, key="b", content=content, expected_version=stale)
    response = client.post(
        f"/plans/{plan.pk}/sections/b/items/B-1/",
        {"version": stale, "area": "communication_interaction", "description": "Typed by me"},
    )
    assert response.status_code == 400
    assert b"Saved by a colleague" in response.content and b"Typed by me" in response.content
    assert (
        PlanSection.objects.get(plan=plan, key="b").content["needs"][0]["description"]
        == "Saved by a colleague"
    )


def test_section_form_saves_and_issue_page_issues_the_draft(plan, caseworker):
    client = signed_in_client(caseworker)
    version = PlanSection.objects.get(plan=plan, key="a").version
    r = client.post(
        f"/plans/{plan.pk}/sections/a/", {"form": "section", "version": version, "about_me": "New words"}
    )
    assert r.status_code == 302
    assert PlanSection.objects.get(plan=plan, key="a").content["about_me"] == "New words"
    r = client.post(f"/plans/{plan.pk}/issue/draft/", {"confirm": "on"})
    assert r.status_code == 302
    v = PlanVersion.objects.get(plan=plan)
    assert client.get(f"/plans/versions/{v.pk}/").status_code == 200


def test_family_comments_summary_and_final_versions(plan, caseworker, parent):
    draft = draft_issue(by=p(caseworker), plan=plan)
    family = signed_in_client(parent)
    assert family.get(f"/plans/versions/{draft.pk}/respond/").status_code == 200
    r = family.post(f"/plans/versions/{draft.pk}/respond/sections/f/", {"text": "More therapy, please"})
    assert r.status_code == 302
    assert (
        family.post(f"/plans/versions/{draft.pk}/respond/setting/", {"text": "Oak School"}).status_code == 302
    )
    assert family.get(f"/plans/{plan.pk}/").status_code == 404  # never the working copy
    _, final = _final(plan, caseworker, parent)
    summary = family.get(f"/plans/versions/{final.pk}/summary/")
    assert summary.status_code == 200 and b"Oak School" in summary.content
    compare = family.get(f"/plans/versions/{final.pk}/compare/{draft.pk}/")
    assert compare.status_code == 200 and b"Oak School" in compare.content
    data = family.get(f"/plans/versions/{final.pk}/plan.json")
    assert data.content.decode() == final.canonical


def test_api_versions_comparison_export_and_refusal_to_change(plan, caseworker, parent):
    draft, final = _final(plan, caseworker, parent)
    client = signed_in_client(caseworker)
    body = client.get(f"/api/v1/plans/{plan.pk}").json()
    assert [v["kind"] for v in body["versions"]] == ["draft", "final"]
    assert body["versions"][1]["status"] == "in_force"
    diff = client.get(f"/api/v1/plans/versions/{final.pk}/compare/{draft.pk}").json()
    [i] = [s for s in diff if s["key"] == "i"]
    assert i["changed"] and any(c["new"] == "Oak School" for c in i["changes"])
    exported = client.get(f"/api/v1/plans/versions/{final.pk}/document")
    assert exported.content.decode() == final.canonical
    refused = client.put(f"/api/v1/plans/versions/{final.pk}", data="{}", content_type="application/json")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "conflict"
    assert PlanVersion.objects.get(pk=final.pk).canonical == final.canonical


def test_api_import_refuses_a_bad_document_with_one_entry_per_error(plan, caseworker, child):
    client = signed_in_client(caseworker)
    bad = {
        "schema": "opensend-ehc-plan/1.0",
        "sections": {"f": {"provision": [{"id": "F-1", "minutes": -5, "need_ids": ["B-9"]}]}},
    }
    r = client.post(
        f"/api/v1/plans/import?child_id={child.pk}", data=json.dumps(bad), content_type="application/json"
    )
    assert r.status_code == 422
    fields = r.json()["error"]["fields"]
    assert set(fields) == {"/sections/f/provision/0/minutes"}
    good = PlanVersion.objects.none()
    draft = draft_issue(by=p(caseworker), plan=plan)
    r = client.post(
        f"/api/v1/plans/import?child_id={child.pk}", data=draft.canonical, content_type="application/json"
    )
    assert r.status_code == 201
    imported = PlanVersion.objects.get(pk=r.json()["id"])
    assert imported.canonical == draft.canonical and imported.content_hash == draft.content_hash
    assert not good


def test_api_section_conflict_is_409_with_the_saved_version(plan, caseworker):
    client = signed_in_client(caseworker)
    version = PlanSection.objects.get(plan=plan, key="a").version
    ok = client.put(
        f"/api/v1/plans/{plan.pk}/sections/a",
        data=json.dumps({"content": {"about_me": "One"}, "version": version}),
        content_type="application/json",
    )
    assert ok.status_code == 200
    stale = client.put(
        f"/api/v1/plans/{plan.pk}/sections/a",
        data=json.dumps({"content": {"about_me": "Two"}, "version": version}),
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["saved"]["content"]["about_me"] == "One"


# The property: any valid document survives export and re-import unchanged.
text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40
)
dates = st.dates().map(lambda d: d.isoformat())


@st.composite
def documents(draw):
    needs = [
        {
            "id": f"B-{i}",
            "area": draw(st.sampled_from([None, "cognition_learning", "sensory_physical"])),
            "description": draw(text),
        }
        for i in range(1, draw(st.integers(0, 3)) + 1)
    ]
    need_ids = [n["id"] for n in needs]
    outcomes = [
        {
            "id": f"E-{i}",
            "need_ids": draw(st.lists(st.sampled_from(need_ids), max_size=2, unique=True))
            if need_ids
            else [],
            "description": draw(text),
            "by_date": draw(st.none() | dates),
            "pfa_area": draw(st.sampled_from([None, "health"])),
        }
        for i in range(1, draw(st.integers(0, 3)) + 1)
    ]
    provision = [
        {
            "id": f"F-{i}",
            "need_ids": draw(st.lists(st.sampled_from(need_ids), max_size=2, unique=True))
            if need_ids
            else [],
            "what": draw(text),
            "sessions": draw(st.none() | st.integers(1, 50)),
            "per": draw(st.sampled_from([None, "week", "term"])),
            "minutes": draw(st.none() | st.integers(1, 1440)),
            "group_size": draw(st.none() | st.integers(1, 60)),
            "starts_on": draw(st.none() | dates),
        }
        for i in range(1, draw(st.integers(0, 3)) + 1)
    ]
    return {
        "schema": "opensend-ehc-plan/1.0",
        "plan": {
            "reference": draw(text),
            "kind": draw(st.sampled_from(["draft", "final"])),
            "issued_on": draw(dates),
            "made_on": draw(st.none() | dates),
            "child": {"given_name": draw(text)},
        },
        "sections": {
            "a": {"about_me": draw(text)},
            "b": {"needs": needs},
            "e": {"outcomes": outcomes},
            "f": {"provision": provision},
            "j": {
                "personal_budget_requested": draw(st.booleans()),
                "annual_amount_gbp": draw(st.none() | st.integers(0, 1_000_000)),
            },
        },
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=documents())
def test_export_then_reimport_is_lossless(data, caseworker, child):
    from opensend.plans.services import plan_import

    doc, errors = validate_document(data)
    assert errors == {}
    first = plan_import(by=p(caseworker), child=child, doc=doc)
    again, errors = validate_document(json.loads(first.canonical))
    assert errors == {}
    second = plan_import(by=p(caseworker), child=child, doc=again)
    assert second.canonical == first.canonical == canonical_json(doc)
    assert second.content_hash == first.content_hash
    assert Plan.objects.filter(child=child).count() >= 2
