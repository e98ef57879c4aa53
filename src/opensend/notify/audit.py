from django.db import models


class NotifyAudit(models.TextChoices):
    NOTIFICATIONS_LISTED = "notification.listed", "Read their notifications about the child"
    NOTIFICATION_VIEWED = "notification.viewed", "Read a notification about the child"
    PREFERENCES_CHANGED = "notification_preferences.changed", "Changed which emails they get"
