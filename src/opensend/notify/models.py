import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import TimeStampedModel


class Status(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not be sent"
    SKIPPED = "skipped", "Not sent: you turned these emails off"


class Notification(models.Model):
    """One email to one person: what it said, where it went, and what happened to it.

    The rendered subject and body are kept, so the record shows what the person was told even
    after templates change. The row survives the deletion of the person and the child (no database
    constraints on them), because "the family was told on this date" can be tribunal evidence.
    """

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    email_address = models.EmailField()
    kind = models.CharField(max_length=80)
    category = models.CharField(max_length=40)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    link = models.URLField(max_length=500)
    child = models.ForeignKey(
        "children.Child",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    provider_reference = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    # When a pending notification's next attempt is due; the relay re-queues any that are overdue
    # (ADR 0130). Empty once it is sent, failed or skipped.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notify_recipient_recent"),
            models.Index(fields=["status", "created_at"], name="notify_status_created"),
            models.Index(
                fields=["next_attempt_at"], condition=Q(status="pending"), name="notify_pending_due"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="notify_sent_has_sent_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.email_address} ({self.status})"


class NotificationPreference(TimeStampedModel):
    """Whether a person wants email in one category. No row means yes (ADR 0050)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(max_length=40)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="notify_preference_unique_category"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.category} {'on' if self.email else 'off'}"
