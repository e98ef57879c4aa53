from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    """Registered audit actions. Reads of a child's data end in `.viewed` or `.listed`."""

    CHILD_VIEWED = "child.viewed", "Viewed the child's record"
    CHILD_LISTED = "child.listed", "Saw the child in a list"
    CHILD_CREATED = "child.created", "Created the child's record"
    CHILD_UPDATED = "child.updated", "Changed the child's record"
    CHILD_TIMELINE_VIEWED = "child.timeline_viewed", "Viewed the child's timeline"
    CHILD_AUDIT_VIEWED = "child.audit_viewed", "Viewed who has looked at the child's record"
    CHILD_EXCEPTIONS_VIEWED = "child.exceptions_viewed", "Read the child's deadline exception facts"
    FAMILY_LINK_CREATED = "family_link.created", "Linked a parent or carer"
    FAMILY_LINK_ENDED = "family_link.ended", "Ended a parent or carer link"
    YOUNG_PERSON_LINKED = "young_person.linked", "Linked the young person's own account"
    INVOLVEMENT_GRANTED = "involvement.granted", "Gave a professional access"
    INVOLVEMENT_REVOKED = "involvement.revoked", "Removed a professional's access"
    TOKEN_CREATED = "api_token.created", "Created an API token"
    TOKEN_REVOKED = "api_token.revoked", "Revoked an API token"
    SIGNED_IN = "user.signed_in", "Signed in"
    SIGNED_OUT = "user.signed_out", "Signed out"
    TWO_FACTOR_ENROLLED = "user.two_factor_enrolled", "Set up two-factor authentication"


class AuditEvent(models.Model):
    """Append-only: no code path updates or deletes a row, and on PostgreSQL a trigger refuses to.

    Foreign keys carry no database constraint, so that the trail outlives the people and records
    it names; `actor_label` keeps who it was.
    """

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_label = models.CharField(max_length=250, blank=True, default="")
    api_token = models.ForeignKey(
        "accounts.ApiToken", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    # A registered action name (see `access.actions`): no `choices` here, so that each app
    # registers its own actions without a migration of this table.
    action = models.CharField(max_length=60)
    child = models.ForeignKey(
        "children.Child", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    object_type = models.CharField(max_length=60, blank=True, default="")
    object_id = models.CharField(max_length=64, blank=True, default="")
    request_id = models.CharField(max_length=32, blank=True, default="")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-occurred_at", "-id")
        indexes = [
            models.Index(fields=["child", "-occurred_at"]),
            models.Index(fields=["actor", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only")

    @property
    def action_label(self) -> str:
        from .actions import label

        return label(self.action)
