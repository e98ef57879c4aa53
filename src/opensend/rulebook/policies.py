"""Who may keep an organisation's term and closure dates.

Closure dates are not personal data, so any signed-in person may read them (they explain a
deadline). A SENCo keeps their setting's dates; LA SEND staff keep the LA's defaults and the dates
of settings in their area.
"""

from typing import Any

from django.db import models
from django.db.models import Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES, OrganisationKind, Role


class ClosurePolicy(Policy):
    resource = "closure_period"
    actions = frozenset({"list", "view", "edit"})

    def editable_q(self, principal: Principal) -> Q:
        """A filter on Organisation: those whose closure dates this principal keeps."""
        if principal.user is None and not principal.allows_scope("children:write"):
            return Q(pk__in=[])
        setting_ids = [g.organisation_id for g in principal.grants_for(Role.SENCO)]
        la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
        return (
            Q(pk__in=setting_ids)
            | Q(pk__in=la_ids)
            | Q(kind=OrganisationKind.EDUCATION_SETTING, local_authority_id__in=la_ids)
        )

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        return qs if principal.is_authenticated else qs.none()

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        if action in {"list", "view"}:
            return True
        if action == "edit":
            if obj is None:
                return principal.has_role(Role.SENCO, *LA_STAFF_ROLES)
            from opensend.accounts.models import Organisation

            return Organisation.objects.filter(self.editable_q(principal), pk=obj.pk).exists()
        return False


closure_policy = ClosurePolicy()
