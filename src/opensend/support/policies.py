"""Who may see and change SEN support records. One policy per resource, all on the same rule:

- a SENCo sees and changes the records of their own setting (the record's setting, not the child's
  current one: a school's register is its own, and a child's past schools keep theirs);
- LA staff (caseworker, SEND manager) see, read-only, the records of children their LA is
  responsible for and of any child at a setting in their LA; only they have the LA-wide view;
- families (a parent with parental responsibility, the young person) see their own child's plans
  and reviews, through `child_policy.visible_q`, so family access stays in one place;
- analysts, panel members, health, care and mediation professionals see no person-level record.
"""

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import FAMILY_ROLES, LA_STAFF_ROLES, Role
from opensend.children.models import Child
from opensend.children.policies import child_policy

READ_SCOPE = "children:read"
WRITE_SCOPE = "children:write"


def senco_setting_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(Role.SENCO)]


def la_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]


def _family_only(principal: Principal) -> Principal:
    # `request.principal` may be a lazy proxy, so build a new Principal rather than dataclasses.replace.
    family_grants = tuple(g for g in principal.grants if g.role in FAMILY_ROLES)
    return Principal(
        user=principal.user, token=principal.token, grants=family_grants, scopes=principal.scopes
    )


class SupportRecordPolicy(Policy):
    """Base for records that belong to a child and a setting (fields `child` and `setting`)."""

    read_actions: ClassVar[frozenset[str]] = frozenset({"list", "view"})
    family_may_view: ClassVar[bool] = False

    def visible_q(self, principal: Principal, prefix: str = "") -> Q:
        q = Q(pk__in=[])
        if not principal.is_authenticated or not principal.allows_scope(READ_SCOPE):
            return q
        settings = senco_setting_ids(principal)
        if settings:
            q |= Q(**{f"{prefix}setting_id__in": settings})
        las = la_ids(principal)
        if las:
            # The child rule's "responsible LA", widened to children at a setting in the LA. Written as
            # joins, not a subquery, so that the LA view's first page reads only that page's rows.
            q |= Q(**{f"{prefix}child__responsible_la_id__in": las}) | Q(
                **{f"{prefix}setting__local_authority_id__in": las}
            )
        if self.family_may_view and principal.has_role(*FAMILY_ROLES):
            family_children = Child.objects.filter(child_policy.visible_q(_family_only(principal)))
            q |= Q(**{f"{prefix}child_id__in": family_children.values("pk")})
        return q

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        return qs.filter(self.visible_q(principal))

    def _may_read(self, principal: Principal) -> bool:
        roles = principal.roles()
        allowed = {Role.SENCO, *LA_STAFF_ROLES}
        if self.family_may_view:
            allowed |= FAMILY_ROLES
        return bool(roles & allowed) and principal.allows_scope(READ_SCOPE)

    def _may_write(self, principal: Principal, setting_id: int | None = None) -> bool:
        settings = senco_setting_ids(principal)
        if not settings or not principal.allows_scope(WRITE_SCOPE):
            return False
        return setting_id is None or setting_id in settings

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated or action not in self.actions:
            return False
        if obj is None:
            if action in self.read_actions:
                return self._may_read(principal)
            if action == "census":
                return bool(principal.roles() & {Role.SENCO, *LA_STAFF_ROLES})
            if action == "la_view":
                return bool(la_ids(principal)) and principal.allows_scope(READ_SCOPE)
            return self._may_write(principal)
        if action in self.read_actions:
            return type(obj).objects.filter(self.visible_q(principal), pk=obj.pk).exists()
        return self._may_write(principal, obj.setting_id)

    def may_write_for(self, principal: Principal, setting_id: int) -> bool:
        """May this principal add records at this setting (the SENCo of it, with the write scope)?"""
        return self._may_write(principal, setting_id)


class RegisterPolicy(SupportRecordPolicy):
    resource = "sen_register"
    actions = frozenset({"list", "view", "create", "edit", "census", "la_view"})


class ConcernPolicy(SupportRecordPolicy):
    resource = "support_concern"
    actions = frozenset({"list", "view", "create", "escalate"})


class PlanPolicy(SupportRecordPolicy):
    resource = "support_plan"
    actions = frozenset({"list", "view", "create", "edit", "review"})
    family_may_view = True


class SettingPagePolicy(Policy):
    """A setting's own pages (its register, census summary, concerns, SENCo): obj is the setting."""

    resource = "support_setting"
    actions = frozenset({"view", "edit"})

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        if obj is None:
            if action == "view":
                return bool(principal.roles() & {Role.SENCO, *LA_STAFF_ROLES})
            return action == "edit" and bool(senco_setting_ids(principal))
        setting: Organisation = obj
        if setting.kind != "education_setting":
            return False
        if action == "view":
            return setting.pk in senco_setting_ids(principal) or setting.local_authority_id in la_ids(
                principal
            )
        return action == "edit" and setting.pk in senco_setting_ids(principal)

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        return qs.filter(kind="education_setting").filter(
            Q(pk__in=senco_setting_ids(principal)) | Q(local_authority_id__in=la_ids(principal))
        )


class LocalProvisionPolicy(Policy):
    """Ordinarily available provision: the description is public; an LA's SEND manager adds to it."""

    resource = "local_provision"
    actions = frozenset({"view", "add"})

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if action == "view":
            return True
        return action == "add" and principal.is_authenticated and principal.has_role(Role.LA_SEND_MANAGER)


register_policy = RegisterPolicy()
concern_policy = ConcernPolicy()
plan_policy = PlanPolicy()
setting_policy = SettingPagePolicy()
local_provision_policy = LocalProvisionPolicy()
