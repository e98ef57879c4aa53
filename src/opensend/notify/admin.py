from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Delivery status for system administrators, read-only.

    The admin holds no children's records, so the subject, body, link and child are not shown here:
    only what is needed to see whether email is getting through.
    """

    list_display = ("created_at", "kind", "email_address", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "category", "kind")
    search_fields = ("email_address", "=reference", "=provider_reference")
    fields = readonly_fields = (
        "reference",
        "kind",
        "category",
        "email_address",
        "status",
        "attempts",
        "last_error",
        "provider_reference",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
    )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
