"""Reads: a person's own notifications and preferences, scoped by policy."""

import dataclasses

from django.core.paginator import Page, Paginator

from opensend.access import audit
from opensend.access.principal import Principal

from . import registry
from .audit import NotifyAudit
from .models import Notification, NotificationPreference
from .policies import notification_policy, preference_policy

PAGE_SIZE = 20


def notification_page(principal: Principal, *, page: int = 1, per_page: int = PAGE_SIZE) -> Page:
    """Newest first. Notifications about a child are personal data about the child: reads are audited."""
    qs = notification_policy.visible(principal, Notification.objects.all()).order_by("-created_at", "-id")
    result = Paginator(qs, per_page).get_page(page)
    child_ids = sorted({n.child_id for n in result.object_list if n.child_id is not None})
    if child_ids:
        audit.record_reads(principal, NotifyAudit.NOTIFICATIONS_LISTED, child_ids)
    return result


def notification_get(principal: Principal, notification_id: int) -> Notification:
    notification = notification_policy.get_or_404(
        principal, "view", Notification.objects.all(), pk=notification_id
    )
    if notification.child_id is not None:
        audit.record(
            principal, NotifyAudit.NOTIFICATION_VIEWED, child_id=notification.child_id, obj=notification
        )
    return notification


@dataclasses.dataclass(frozen=True)
class PreferenceRow:
    category: registry.CategoryInfo
    email: bool

    @property
    def id(self) -> str:
        return self.category.id


def preferences_for(principal: Principal) -> list[PreferenceRow]:
    """Every category, in order, with whether this person gets its emails (mandatory ones always)."""
    rows = preference_policy.visible(principal, NotificationPreference.objects.all())
    chosen = {p.category: p.email for p in rows}
    return [
        PreferenceRow(info, True if info.mandatory else chosen.get(info.id, True))
        for info in registry.CATEGORIES.values()
    ]
