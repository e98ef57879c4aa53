"""The standard digital EHC plan, `opensend-ehc-plan/1.0`: pydantic models, JSON Schema, pointers.

The editor, the API, the PDF and transfer between councils all read and write this one document.
"""

from .document import SCHEMA_ID, SCHEMA_PATH, SECTION_KEYS, SECTION_TITLES, PlanDocument
from .io import canonical_json, content_hash, json_schema, validate_document

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_PATH",
    "SECTION_KEYS",
    "SECTION_TITLES",
    "PlanDocument",
    "canonical_json",
    "content_hash",
    "json_schema",
    "validate_document",
]
