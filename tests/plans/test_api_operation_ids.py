"""The plans API moved from two modules into a package; API clients' generated code names its
operations by operationId, so each keeps the id it had (ADR 0122)."""

import re

from opensend.api.api import api

FORMER = re.compile(r"^opensend_plans_api_(lifecycle_)?[a-z_]+$")
# A few, as they were published before the move.
KNOWN = {
    ("/api/v1/plans", "get"): "opensend_plans_api_plan_list",
    ("/api/v1/plans/{plan_id}/issue/{kind}", "post"): "opensend_plans_api_issue",
    ("/api/v1/plans/versions/{version_id}/document", "get"): "opensend_plans_api_version_document",
    ("/api/v1/plans/reviews/{review_id}/decision", "post"): "opensend_plans_api_lifecycle_decide",
    ("/api/v1/plans/{plan_id}/cease", "post"): "opensend_plans_api_lifecycle_cease",
    (
        "/api/v1/plans/transfers/{transfer_id}/receive",
        "post",
    ): "opensend_plans_api_lifecycle_transfer_receive",
}


def test_the_plans_operations_keep_the_ids_they_were_published_with():
    paths = api.get_openapi_schema()["paths"]
    ids = [
        op["operationId"]
        for path, ops in paths.items()
        if path.startswith("/api/v1/plans")
        for op in ops.values()
    ]
    assert len(ids) == len(set(ids)) == 36
    assert all(FORMER.match(i) for i in ids), [i for i in ids if not FORMER.match(i)]
    for (path, method), operation_id in KNOWN.items():
        assert paths[path][method]["operationId"] == operation_id
