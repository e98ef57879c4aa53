"""EHC plans in the API (`/api/v1/plans`): one router assembled from a module per part, each
operation declaring its policy and reading through the selectors. The plans module's router is the
base, so that its list answers at `/api/v1/plans` itself.

The operations used to live in `api.py` and `api_lifecycle.py`; django-ninja names an operation
after its module and function, so each keeps the OpenAPI `operationId` it had there and clients'
generated code keeps working (ADR 0140, 0122)."""

from types import ModuleType

from . import changes, plans, reviews, transfers, versions

_FORMER_MODULE: dict[ModuleType, str] = {
    plans: "opensend_plans_api",
    versions: "opensend_plans_api",
    reviews: "opensend_plans_api_lifecycle",
    changes: "opensend_plans_api_lifecycle",
    transfers: "opensend_plans_api_lifecycle",
}
for part, former in _FORMER_MODULE.items():
    for path_view in part.router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = f"{former}_{operation.view_func.__name__}"

router = plans.router
for part in (versions, reviews, changes, transfers):
    router.add_router("", part.router)

__all__ = ["router"]
