"""A person sees only their own notifications and preferences. API tokens have neither."""

from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from opensend.access.policy import Policy, policy_for
from opensend.access.principal import Principal
from opensend.accounts.roles import FAMILY_ROLES


class NotificationPolicy(Policy):
    """Your own notifications. One about a child is the child's personal data: a person who holds no
    staff role sees it only while they are that child's family (the family rule, ADR 0110), so a
    parent whose parental responsibility ended no longer reads what was sent about the child."""

    resource = "notification"
    actions = frozenset({"list", "view"})

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if principal.user is None:
            return qs.none()
        qs = qs.filter(recipient_id=principal.user.pk)
        if any(g.role not in FAMILY_ROLES for g in principal.grants):
            return qs
        # A person with family roles only sees exactly the children the child policy lets them see,
        # which for them is the family rule. Asked by name: notify sits below the children app.
        children = policy_for("child").visible(principal, apps.get_model("children", "Child").objects.all())
        return qs.filter(Q(child__isnull=True) | Q(child__in=children.values("pk")))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if principal.user is None or action not in self.actions:
            return False
        return obj is None or self.visible(principal, type(obj).objects.filter(pk=obj.pk)).exists()


class NotificationPreferencePolicy(Policy):
    """Preferences have no object of their own: they are always the signed-in person's."""

    resource = "notification_preference"
    actions = frozenset({"view", "edit"})

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if principal.user is None:
            return qs.none()
        return qs.filter(user_id=principal.user.pk)

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if principal.user is None or action not in self.actions:
            return False
        return obj is None or obj.user_id == principal.user.pk


notification_policy = NotificationPolicy()
preference_policy = NotificationPreferencePolicy()
