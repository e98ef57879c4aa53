"""The worker's side of the notification outbox (ADR 0130): deliver one notification, and relay
any that are overdue.

`notify()` writes a pending row in the caller's transaction and queues `send_notification` after
commit. Should that queueing be lost (a process that stops between the commit and the queue, a
queue that is cleared), the row is still there, pending: `send_due_notifications` queues every
pending row whose attempt is overdue. Run it every few minutes (`manage.py notify_send_due`).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from opensend.core import clock
from opensend.core.tasks import Retry, attempt, enqueue_on_commit

from .backends import OutgoingEmail, get_backend
from .models import Notification, Status
from .rendering import absolute_url

DEFAULT_MAX_ATTEMPTS = 5
# Seconds before the 2nd, 3rd, ... attempt; the last repeats. About 3.5 hours from first to last.
DEFAULT_RETRY_DELAYS = (60, 300, 1800, 10800)
# How long past due a pending row waits before the relay queues it again: longer than a busy
# queue takes to reach a task, so that the relay rarely queues a second copy of a live one.
DEFAULT_RELAY_AFTER = 600
# The most one relay run queues; a longer backlog is taken by the following runs.
RELAY_BATCH = 1000


def retry_policy() -> Retry:
    delays = tuple(getattr(settings, "NOTIFY_RETRY_DELAYS", DEFAULT_RETRY_DELAYS)) or DEFAULT_RETRY_DELAYS
    return Retry(
        max_attempts=int(getattr(settings, "NOTIFY_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)),
        delays=tuple(int(d) for d in delays),
    )


@task()
def send_notification(notification_id: int) -> str:
    """One attempt to send a pending notification. Returns its status after the attempt.

    The row is locked for the attempt, so two copies of the task cannot both send it; a row that
    is no longer pending, or whose next attempt is not due yet (a copy queued by the relay), is
    left alone. A failure is recorded on the row and retried by `core.tasks.attempt`.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            return "missing"
        if notification.status != Status.PENDING:
            return str(notification.status)
        now = clock.now()
        if notification.next_attempt_at is not None and notification.next_attempt_at > now:
            return "not due"
        notification.attempts += 1
        notification.last_attempt_at = now
        email = OutgoingEmail(
            reference=str(notification.reference),
            kind=notification.kind,
            to=notification.email_address,
            subject=notification.subject,
            body=notification.body,
            link=notification.link,
            preferences_link=absolute_url(reverse("notify:preferences")),
        )
        outcome = attempt(
            send_notification,
            notification.pk,
            number=notification.attempts,
            retry=retry_policy(),
            work=lambda: get_backend().send(email),
        )
        notification.next_attempt_at = outcome.retry_at
        if outcome.succeeded:
            notification.status = Status.SENT
            notification.sent_at = clock.now()
            notification.provider_reference = str(outcome.value)[:255]
        else:
            notification.last_error = outcome.error
            if outcome.gave_up:
                notification.status = Status.FAILED
        notification.save(
            update_fields=[
                "attempts",
                "last_attempt_at",
                "next_attempt_at",
                "status",
                "sent_at",
                "provider_reference",
                "last_error",
            ]
        )
        return str(notification.status)


def relay_after() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "NOTIFY_RELAY_AFTER", DEFAULT_RELAY_AFTER)))


@task()
def send_due_notifications() -> int:
    """Queue every pending notification whose attempt is overdue; returns how many.

    Their next attempt becomes now, so the following run leaves them alone until they are overdue
    again. A copy that meets a live task is harmless: `send_notification` locks the row and sends
    only what is pending and due.
    """
    now = clock.now()
    with transaction.atomic():
        overdue = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, next_attempt_at__lte=now - relay_after())
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:RELAY_BATCH]
        )
        Notification.objects.filter(pk__in=overdue).update(next_attempt_at=now)
        for notification_id in overdue:
            enqueue_on_commit(send_notification, notification_id)
    return len(overdue)
