"""Who may see and change a child's record. The single source for pages, lists and the API."""

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, User
from opensend.accounts.roles import FAMILY_ROLES, GRANT_ROLES, LA_STAFF_ROLES, Role
from opensend.core import clock

from . import family
from .models import Child, ProfessionalInvolvement


class ChildPolicy(Policy):
    resource = "child"
    actions = frozenset(
        {
            "list",
            "view",
            "create",
            "edit",
            "manage_relationships",
            "view_audit",
            "view_access_summary",
            # Holds parental responsibility or is the young person (ADR 0110): the family's pages
            # and statutory notices in every app.
            "family",
        }
    )

    # Roles that can reach a child's record at all (before the object-level rule).
    _VIEW_ROLES = LA_STAFF_ROLES | GRANT_ROLES | {Role.SENCO, Role.PARENT_CARER, Role.YOUNG_PERSON}

    def visible_q(self, principal: Principal) -> Q:
        """A filter on Child for everything this principal may see. Empty grants give no rows."""
        today = clock.today()
        q = Q(pk__in=[])
        la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
        if la_ids:
            q |= Q(responsible_la_id__in=la_ids)
        setting_ids = [g.organisation_id for g in principal.grants_for(Role.SENCO)]
        if setting_ids:
            q |= Q(current_setting_id__in=setting_ids)
        user = principal.user
        if user is not None:
            grant_org_ids = [g.organisation_id for g in principal.grants_for(*GRANT_ROLES)]
            if grant_org_ids:
                q |= Q(
                    Exists(
                        ProfessionalInvolvement.objects.filter(
                            ProfessionalInvolvement.live_filter(today),
                            child=OuterRef("pk"),
                            user=user,
                            organisation_id__in=grant_org_ids,
                        )
                    )
                )
            if principal.has_role(*FAMILY_ROLES):
                q |= family.family_child_q(user, on=today)
        return q

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not principal.is_authenticated or not principal.allows_scope("children:read"):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def is_family_of(self, principal: Principal, child: Child) -> bool:
        return principal.has_role(*FAMILY_ROLES) and family.is_family(principal.user, child)

    def _la_staff_of(self, principal: Principal, child: Child, *roles: str) -> bool:
        return any(g.organisation_id == child.responsible_la_id for g in principal.grants_for(*roles))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        roles = principal.roles()
        if obj is None:  # may this principal use this kind of page or operation at all?
            if action in {"list", "view"}:
                return bool(roles & self._VIEW_ROLES) and principal.allows_scope("children:read")
            if action in {"create", "edit", "manage_relationships"}:
                return bool(roles & LA_STAFF_ROLES) and principal.allows_scope("children:write")
            if action == "view_audit":
                return Role.LA_SEND_MANAGER in roles and principal.user is not None
            if action in {"view_access_summary", "family"}:
                return bool(roles & FAMILY_ROLES) and principal.user is not None
            return False
        child: Child = obj
        if action in {"list", "view"}:
            return Child.objects.filter(self.visible_q(principal), pk=child.pk).exists()
        if action in {"edit", "manage_relationships"}:
            return principal.allows_scope("children:write") and self._la_staff_of(
                principal, child, *LA_STAFF_ROLES
            )
        if action == "view_audit":
            return principal.user is not None and self._la_staff_of(principal, child, Role.LA_SEND_MANAGER)
        if action in {"view_access_summary", "family"}:
            return self.is_family_of(principal, child)
        return False

    def users_with_permission_for_instance(self, action: str, child: Child) -> "models.QuerySet[User]":
        """The people who may do `action` to this child today: the same rules as `can`, as a queryset
        of active accounts (as Wagtail's policies answer "which users"). Unknown actions: nobody."""
        today = clock.today()
        staff = Membership.objects.live(today).filter(user=OuterRef("pk"))
        la_staff = Q(Exists(staff.filter(organisation_id=child.responsible_la_id, role__in=LA_STAFF_ROLES)))
        if action in {"view_access_summary", "family"}:
            return family.family_of(child, on=today)
        if action in {"edit", "manage_relationships"}:
            q = la_staff
        elif action == "view_audit":
            q = Q(Exists(staff.filter(organisation_id=child.responsible_la_id, role=Role.LA_SEND_MANAGER)))
        elif action in {"list", "view"}:
            holds_grant_role = Membership.objects.live(today).filter(
                user=OuterRef("user_id"), organisation=OuterRef("organisation_id"), role__in=GRANT_ROLES
            )
            grants = ProfessionalInvolvement.objects.filter(
                ProfessionalInvolvement.live_filter(today),
                Exists(holds_grant_role),
                child=child,
                user=OuterRef("pk"),
            )
            q = la_staff | Q(Exists(grants)) | Q(pk__in=family.family_of(child, on=today).values("pk"))
            if child.current_setting_id is not None:
                q |= Q(Exists(staff.filter(organisation_id=child.current_setting_id, role=Role.SENCO)))
        else:
            return User.objects.none()
        return User.objects.filter(q, is_active=True)


child_policy = ChildPolicy()
