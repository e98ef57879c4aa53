"""EHC plans in the API (`/api/v1/plans`): one router assembled from a module per part, each
operation declaring its policy and reading through the selectors. The plans module's router is the
base, so that its list answers at `/api/v1/plans` itself."""

from . import changes, plans, reviews, transfers, versions

router = plans.router
for part in (versions, reviews, changes, transfers):
    router.add_router("", part.router)

__all__ = ["router"]
