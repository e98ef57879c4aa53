"""A person sees only their own notifications and preferences. API tokens have neither."""

from typing import Any

from django.db import models

from opensend.access.policy import Policy
from opensend.accounts.principal import Principal


class NotificationPolicy(Policy):
    resource = "notification"
    actions = frozenset({"list", "view"})

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if principal.user is None:
            return qs.none()
        return qs.filter(recipient_id=principal.user.pk)

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if principal.user is None or action not in self.actions:
            return False
        return obj is None or obj.recipient_id == principal.user.pk


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
