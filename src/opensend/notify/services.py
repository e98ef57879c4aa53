"""Sending notifications and changing preferences: every write of the notify app.

Other apps call `notify(...)` inside their own service's transaction. The row is written there,
so a rolled-back change sends nothing; the email goes out after commit, through a task that
retries with backoff (ADR 0051).
"""

import datetime as dt
import functools
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.accounts.principal import Principal
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound

from . import registry
from .audit import NotifyAudit
from .backends import OutgoingEmail, SendError, get_backend
from .models import Notification, NotificationPreference, Status
from .policies import preference_policy
from .rendering import render_body, render_subject

if TYPE_CHECKING:
    from opensend.accounts.models import User
    from opensend.children.models import Child

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 5
# Seconds before the 2nd, 3rd, ... attempt; the last repeats. About 3.5 hours from first to last.
DEFAULT_RETRY_DELAYS = (60, 300, 1800, 10800)


def notify(
    *,
    to: "User",
    kind: str,
    context: Mapping[str, Any],
    link: str,
    child: "Child | None" = None,
) -> Notification:
    """Record an email to `to` and send it once the caller's transaction commits.

    `kind` is a registered kind id (see `opensend.notify.registry` and `catalogue`); `context` fills
    its templates and must hold every key the kind lists in `required`; `link` is the page to sign
    in to (a path such as "/casework/12/", or an absolute URL). `child`, when given, scopes the record.

    The row is written even when nothing is sent: a person who switched the category off gets a
    `skipped` row (mandatory kinds ignore preferences). Unknown kinds and missing context are
    programming errors and raise at once, inside the caller's transaction.
    """
    spec = registry.get(kind)
    missing = [key for key in spec.required if key not in context]
    if missing:
        raise ValueError(f"Notification {kind!r} needs context {', '.join(missing)}")
    ctx = dict(context)
    wanted = spec.mandatory or email_wanted(to, str(spec.category.value))
    status = Status.PENDING
    last_error = ""
    if not to.is_active:
        status, last_error = Status.SKIPPED, "The account is closed"
    elif not wanted:
        status = Status.SKIPPED
    notification = Notification.objects.create(
        recipient=to,
        email_address=to.email,
        kind=spec.id,
        category=str(spec.category.value),
        subject=render_subject(spec, ctx),
        body=render_body(spec, ctx),
        link=absolute_url(link),
        child=child,
        status=status,
        last_error=last_error,
    )
    if status == Status.PENDING:
        transaction.on_commit(functools.partial(_enqueue, notification.pk), robust=True)
    return notification


def email_wanted(user: "User", category_id: str) -> bool:
    info = registry.CATEGORIES.get(category_id)
    if info is not None and info.mandatory:
        return True
    row = NotificationPreference.objects.filter(user=user, category=category_id).only("email").first()
    return True if row is None else row.email


def absolute_url(link: str) -> str:
    if link.startswith(("https://", "http://")):
        return link
    if not link.startswith("/"):
        raise ValueError(f"A notification link must be a path starting with / or a full URL, not {link!r}")
    site = (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")
    return site + link


def _enqueue(notification_id: int, delay_seconds: int = 0) -> None:
    from .tasks import send_notification

    task = send_notification
    if delay_seconds and task.get_backend().supports_defer:
        task = task.using(run_after=clock.now() + dt.timedelta(seconds=delay_seconds))
    task.enqueue(notification_id)


def max_attempts() -> int:
    return int(getattr(settings, "NOTIFY_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))


def retry_delay(attempts_so_far: int) -> int:
    delays = tuple(getattr(settings, "NOTIFY_RETRY_DELAYS", DEFAULT_RETRY_DELAYS)) or DEFAULT_RETRY_DELAYS
    return int(delays[min(attempts_so_far, len(delays)) - 1])


def deliver(notification_id: int) -> str:
    """One attempt to send a pending notification (the task's body). Returns the status after it.

    The row is locked for the attempt, so two runs of the same task cannot both send it; a
    notification that is no longer pending is left alone.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            return "missing"
        if notification.status != Status.PENDING:
            return str(notification.status)
        notification.attempts += 1
        notification.last_attempt_at = clock.now()
        email = OutgoingEmail(
            reference=str(notification.reference),
            kind=notification.kind,
            to=notification.email_address,
            subject=notification.subject,
            body=notification.body,
            link=notification.link,
            preferences_link=absolute_url(reverse("notify:preferences")),
        )
        try:
            provider_reference = get_backend().send(email)
        except Exception as error:
            permanent = isinstance(error, SendError) and error.permanent
            notification.last_error = f"Attempt {notification.attempts}: {error}"[:2000]
            if permanent or notification.attempts >= max_attempts():
                notification.status = Status.FAILED
                logger.error(
                    "Notification %s (%s) failed after %s attempts: %s",
                    notification.pk,
                    notification.kind,
                    notification.attempts,
                    error,
                )
            else:
                delay = retry_delay(notification.attempts)
                transaction.on_commit(functools.partial(_enqueue, notification.pk, delay), robust=True)
                logger.warning(
                    "Notification %s attempt %s failed; retrying in %ss: %s",
                    notification.pk,
                    notification.attempts,
                    delay,
                    error,
                )
        else:
            notification.status = Status.SENT
            notification.sent_at = clock.now()
            notification.provider_reference = provider_reference[:255]
        notification.save(
            update_fields=[
                "attempts",
                "last_attempt_at",
                "status",
                "sent_at",
                "provider_reference",
                "last_error",
            ]
        )
        return str(notification.status)


@transaction.atomic
def preferences_set(*, by: Principal, email: Mapping[str, bool]) -> None:
    """Turn email on or off for each category named; categories not named keep their setting."""
    if not preference_policy.can(by, "edit") or by.user is None:
        raise NotFound()
    for category_id, wanted in email.items():
        info = registry.CATEGORIES.get(category_id)
        if info is None:
            known = ", ".join(registry.CATEGORIES)
            raise ApplicationError(
                f"There is no category of emails called {category_id!r}; the categories are {known}",
                field=f"email.{category_id}",
            )
        if info.mandatory and not wanted:
            raise ApplicationError(
                f"{info.label} cannot be turned off. {info.mandatory_reason}", field=f"email.{category_id}"
            )
    user = by.user
    before = {p.category: p.email for p in NotificationPreference.objects.filter(user=user)}
    changed: dict[str, dict[str, bool]] = {}
    for category_id, wanted in email.items():
        if registry.CATEGORIES[category_id].mandatory:
            continue
        old = before.get(category_id, True)
        if old != wanted:
            changed[category_id] = {"old": old, "new": bool(wanted)}
        NotificationPreference.objects.update_or_create(
            user=user, category=category_id, defaults={"email": bool(wanted)}
        )
    if changed:
        audit.record(by, NotifyAudit.PREFERENCES_CHANGED, detail={"email": changed})
