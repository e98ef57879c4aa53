"""What the plans' API operations share beyond `access.policy.caller`: a schema document from a body."""

import json
from typing import Any

from django.http import HttpRequest

from opensend.core.errors import ApplicationError
from opensend.plans.schema import PlanDocument, validate_document


def document_from_body(request: HttpRequest) -> PlanDocument:
    """The body as a plan document. Refused (422) when it is not JSON, or with one entry per schema
    error keyed by its JSON pointer."""
    try:
        data: Any = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApplicationError("The body is not JSON", fields={"": ["The body is not JSON"]}) from None
    doc, errors = validate_document(data)
    if doc is None:
        n = sum(map(len, errors.values()))
        raise ApplicationError(
            f"The plan does not meet the schema ({n} problem{'s' if n != 1 else ''})", fields=errors
        )
    return doc
