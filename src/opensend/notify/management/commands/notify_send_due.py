"""python manage.py notify_send_due: queue every pending notification whose attempt is overdue.

The safety net of the outbox (ADR 0130): run it every few minutes from cron or a timer beside the
worker. Safe to run at any time and as often as you like."""

from typing import Any

from django.core.management.base import BaseCommand

from opensend.notify.tasks import send_due_notifications


class Command(BaseCommand):
    help = (
        "Queue every pending notification whose attempt is overdue (its queued task was lost), "
        "for the task worker to send. Idempotent: run it every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = send_due_notifications.call()
        self.stdout.write(f"{queued} notification{'s' if queued != 1 else ''} queued")
