import json

from opensend.plans.schema import SCHEMA_ID, canonical_json, content_hash, json_schema, validate_document
from opensend.plans.schema.document import PlanDocument


def test_a_minimal_document_is_valid_and_names_its_schema():
    doc, errors = validate_document({"schema": SCHEMA_ID})
    assert errors == {}
    assert json.loads(canonical_json(doc))["schema"] == "opensend-ehc-plan/1.0"


def test_each_error_has_its_json_pointer():
    _, errors = validate_document(
        {
            "schema": SCHEMA_ID,
            "sections": {
                "b": {"needs": [{"id": "B-1", "area": "nonsense"}, {"id": "bad id"}]},
                "f": {"provision": [{"id": "F-1", "group_size": 0, "colour": "red"}]},
            },
        }
    )
    assert set(errors) == {
        "/sections/b/needs/0/area",
        "/sections/b/needs/1/id",
        "/sections/f/provision/0/group_size",
        "/sections/f/provision/0/colour",
    }


def test_links_to_missing_items_and_duplicate_ids_are_errors_with_pointers():
    _, errors = validate_document(
        {
            "schema": SCHEMA_ID,
            "sections": {
                "b": {"needs": [{"id": "B-1"}, {"id": "B-1"}]},
                "e": {"outcomes": [{"id": "E-1", "need_ids": ["B-9"]}]},
                "f": {"provision": [{"id": "F-1", "outcome_ids": ["E-7"]}]},
            },
        }
    )
    assert "/sections/b/needs/1/id" in errors
    assert "/sections/e/outcomes/0/need_ids/0" in errors
    assert "/sections/f/provision/0/outcome_ids/0" in errors


def test_another_schema_version_is_refused():
    doc, errors = validate_document({"schema": "opensend-ehc-plan/9.0"})
    assert doc is None and "/schema" in errors


def test_hash_is_stable_and_independent_of_key_order():
    a = PlanDocument.model_validate(
        {"schema": SCHEMA_ID, "sections": {"a": {"about_me": "x", "aspirations": "y"}}}
    )
    b = PlanDocument.model_validate(
        {"sections": {"a": {"aspirations": "y", "about_me": "x"}}, "schema": SCHEMA_ID}
    )
    assert canonical_json(a) == canonical_json(b)
    assert content_hash(canonical_json(a)) == content_hash(canonical_json(b))


def test_canonical_json_and_its_hash_match_values_worked_out_by_hand():
    # The SHA-256 below was computed outside OpenSEND (`printf '%s' '{"a":"é","b":1}' | sha256sum`).
    canonical = canonical_json({"b": 1, "a": "é"})
    assert canonical == '{"a":"é","b":1}'
    assert content_hash(canonical) == "aa58fba8483623bed37c1b02edfccbdd9a53123837c20bfa4cb4049993a2872e"


def test_json_schema_is_published_publicly(client):
    response = client.get("/standards/ehc-plan/1.0/schema.json")
    assert response.status_code == 200
    body = response.json()
    assert body["$id"] == "/standards/ehc-plan/1.0/schema.json"
    assert "Provision" in body["$defs"] and body == json_schema()
    page = client.get("/standards/ehc-plan/1.0/")
    assert page.status_code == 200
    assert b"Section F: Special educational provision" in page.content


def test_nul_characters_are_refused_so_both_databases_store_the_same_documents():
    _, errors = validate_document({"schema": SCHEMA_ID, "sections": {"a": {"about_me": "a\x00b"}}})
    assert "/sections/a/about_me" in errors
