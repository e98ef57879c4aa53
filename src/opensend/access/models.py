from django.db import models, router
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


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def bulk_create(self, objs, *args, **kwargs):
        """Many rows in one INSERT, each sealed onto the chain in the order given."""
        from . import chain

        objs = list(objs)
        if not objs:
            return []
        if any(o.pk is not None for o in objs):
            raise RuntimeError("Audit events are append-only")
        return chain.sealed_insert(
            objs, self.db, lambda: super(AuditEventQuerySet, self).bulk_create(objs, *args, **kwargs)
        )

    def update(self, **kwargs):
        raise RuntimeError("Audit events are append-only")

    def delete(self):
        raise RuntimeError("Audit events are append-only")


class AuditEvent(models.Model):
    """Append-only and tamper-evident (ADR 0003, ADR 0172).

    No code path updates or deletes a row; the database refuses to as well (triggers, and on
    PostgreSQL a role that may only INSERT and SELECT). Each row is sealed with a hash of its
    content and of the row before it (`access.chain`), so a change made around all of that is
    found by `manage.py audit_verify`.

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
    # The seal of the row before this one, and this row's own (empty on rows older than the chain).
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-occurred_at", "-id")
        indexes = [
            models.Index(fields=["child", "-occurred_at"]),
            models.Index(fields=["actor", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        from . import chain

        if self.pk is not None:
            raise RuntimeError("Audit events are append-only")
        using = kwargs.get("using") or router.db_for_write(AuditEvent, instance=self)
        chain.sealed_insert([self], using, lambda: super(AuditEvent, self).save(*args, **kwargs))

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only")

    @property
    def action_label(self) -> str:
        from .actions import label

        return label(self.action)
