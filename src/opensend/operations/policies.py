"""Who may see and start scheduled jobs: system administrators, signed in with their second factor."""

from typing import Any

from django.db import models

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import Role


class OperationsPolicy(Policy):
    resource = "operations"
    actions = frozenset({"view_jobs", "run_job"})

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        return action in self.actions and principal.user is not None and principal.has_role(Role.SYSTEM_ADMIN)

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        return qs if self.can(principal, "view_jobs") else qs.none()


operations_policy = OperationsPolicy()
