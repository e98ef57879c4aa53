"""Reading and writing plan documents: validation with JSON pointers, canonical JSON, the hash."""

import functools
import hashlib
import json
from typing import Any

from pydantic import ValidationError

from .document import ITEM_LISTS, PROVISION_SECTIONS, SCHEMA_ID, SCHEMA_PATH, PlanDocument

Errors = dict[str, list[str]]


def pointer(loc: tuple[Any, ...] | list[Any]) -> str:
    """An RFC 6901 JSON pointer for a pydantic error location."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in loc]
    return "/" + "/".join(parts) if parts else ""


def _reference_errors(doc: PlanDocument) -> Errors:
    """Ids must be unique, and links must point at items that exist in the document."""
    errors: Errors = {}
    data = doc.sections
    seen: set[str] = set()
    for key, (field, _) in ITEM_LISTS.items():
        for index, item in enumerate(getattr(getattr(data, key), field)):
            if item.id in seen:
                errors.setdefault(f"/sections/{key}/{field}/{index}/id", []).append(
                    f"The id {item.id} is used more than once"
                )
            seen.add(item.id)
    need_ids = {n.id for key in ("b", "c", "d") for n in getattr(data, key).needs}
    outcome_ids = {o.id for o in data.e.outcomes}
    provision_ids = {p.id for key in PROVISION_SECTIONS for p in getattr(data, key).provision}

    def check(base: str, ids: list[str], known: set[str], what: str) -> None:
        for i, ref in enumerate(ids):
            if ref not in known:
                errors.setdefault(f"{base}/{i}", []).append(f"There is no {what} with the id {ref}")

    for i, outcome in enumerate(data.e.outcomes):
        check(f"/sections/e/outcomes/{i}/need_ids", outcome.need_ids, need_ids, "need")
    for key in PROVISION_SECTIONS:
        for i, item in enumerate(getattr(data, key).provision):
            check(f"/sections/{key}/provision/{i}/need_ids", item.need_ids, need_ids, "need")
            check(f"/sections/{key}/provision/{i}/outcome_ids", item.outcome_ids, outcome_ids, "outcome")
            if item.starts_on and item.ends_on and item.ends_on < item.starts_on:
                errors.setdefault(f"/sections/{key}/provision/{i}/ends_on", []).append(
                    "The end date must be on or after the start date"
                )
    for i, dp in enumerate(data.j.direct_payments):
        base = f"/sections/j/direct_payments/{i}"
        check(f"{base}/provision_ids", dp.provision_ids, provision_ids, "provision")
        check(f"{base}/need_ids", dp.need_ids, need_ids, "need")
        check(f"{base}/outcome_ids", dp.outcome_ids, outcome_ids, "outcome")
    return errors


def validate_document(data: Any) -> tuple[PlanDocument | None, Errors]:
    """(document, {}) when `data` is a valid plan, else (None, {JSON pointer: [messages]})."""
    if isinstance(data, dict) and data.get("schema") not in (None, SCHEMA_ID):
        return None, {"/schema": [f"This service reads {SCHEMA_ID} documents, not {data.get('schema')!r}"]}
    try:
        doc = PlanDocument.model_validate(data)
    except ValidationError as exc:
        errors: Errors = {}
        for err in exc.errors(include_url=False):
            errors.setdefault(pointer(err["loc"]), []).append(err["msg"])
        return None, errors
    errors = _reference_errors(doc)
    return (None, errors) if errors else (doc, {})


def to_data(doc: PlanDocument) -> dict[str, Any]:
    return doc.model_dump(mode="json", by_alias=True)


def canonical_json(doc: PlanDocument | dict[str, Any]) -> str:
    """Sorted keys, no spaces, UTF-8 text: the same plan always gives the same string (and hash)."""
    data = to_data(doc) if isinstance(doc, PlanDocument) else doc
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@functools.cache
def json_schema() -> dict[str, Any]:
    schema = PlanDocument.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_PATH,
        "description": (
            "The OpenSEND standard digital EHC plan, version 1.0: sections A to K of an education, "
            "health and care plan (SEND Regulations 2014, regulation 12)."
        ),
        **schema,
    }
