"""Issued versions of a plan, which never change, their PDFs, and what the family says about a draft.

`PlanVersion` is an issued snapshot: the canonical JSON of the schema document, its SHA-256, and the
HTML shown to people; it is written once and never updated (ADR 0091). Drafts, finals, amendment
notices and amended finals share one numbered sequence per plan.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from opensend.core.errors import ApplicationError


class VersionKind(models.TextChoices):
    DRAFT = "draft", "Draft plan"
    FINAL = "final", "Final plan"
    AMENDMENT_DRAFT = "amendment_draft", "Draft amended plan"
    AMENDED_FINAL = "amended_final", "Amended final plan"


FINAL_KINDS = (VersionKind.FINAL, VersionKind.AMENDED_FINAL)
DRAFT_KINDS = (VersionKind.DRAFT, VersionKind.AMENDMENT_DRAFT)


class VersionStatus(models.TextChoices):
    OPEN_FOR_COMMENTS = "open", "Open for comments"  # an issued draft
    IN_FORCE = "in_force", "In force"  # the current final
    SUPERSEDED = "superseded", "Superseded"


class PlanVersion(models.Model):
    """An issued plan. Written once by the issue services; `save()` refuses any later change."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=VersionKind.choices)
    schema_id = models.CharField(max_length=40)
    canonical = models.TextField(help_text="The schema document as canonical JSON (sorted keys, no spaces)")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of `canonical`")
    html = models.TextField(blank=True, default="")
    issued_on = models.DateField()
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_by_name = models.CharField(max_length=200, blank=True, default="")
    comments_due_on = models.DateField(null=True, blank=True, help_text="Drafts: rule A6")
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("plan", "number")
        indexes = [models.Index(fields=["plan", "kind", "number"], name="planversion_plan_kind")]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="planversion_plan_number")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number} ({self.kind})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise ApplicationError("An issued plan never changes: issue a new version instead")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_final(self) -> bool:
        return self.kind in FINAL_KINDS

    @property
    def is_draft(self) -> bool:
        return self.kind in DRAFT_KINDS

    @property
    def status(self) -> str:
        """Derived, so the row itself never changes: a draft is open while it is the plan's current
        version; a final is in force while it is the plan's `in_force_version` (ADR 0101)."""
        if not self.plan_id:
            return VersionStatus.SUPERSEDED
        if self.is_draft:
            current = self.plan.current_version_id
            return VersionStatus.OPEN_FOR_COMMENTS if current == self.pk else VersionStatus.SUPERSEDED
        in_force = self.plan.in_force_version_id or self.plan.current_version_id
        return VersionStatus.IN_FORCE if in_force == self.pk else VersionStatus.SUPERSEDED

    def get_status_display(self) -> str:
        return str(VersionStatus(self.status).label)


class Rendering(models.Model):
    """The PDF of a version. Its own row, so a failed render is retried without touching the version."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    version = models.OneToOneField(PlanVersion, on_delete=models.CASCADE, related_name="rendering")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"PDF of {self.version_id}: {self.status}"


class CommentKind(models.TextChoices):
    SECTION = "section", "Comment on a section"
    MEETING = "meeting", "Asked for a meeting"
    PERSONAL_BUDGET = "personal_budget", "Asked for a personal budget"
    PREFERRED_SETTING = "preferred_setting", "Named a preferred school or college"
    FINISHED = "finished", "Said they have finished commenting"


class PlanComment(models.Model):
    """What the family says about an issued draft (regulation 13(1)). Kept for ever, never edited;
    one sent after the 15 days is kept and marked late."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="comments")
    kind = models.CharField(max_length=20, choices=CommentKind.choices)
    section = models.CharField(max_length=3, blank=True, default="")
    text = models.TextField(blank=True, default="")
    setting = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=["version", "created_at"], name="plancomment_version_time")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.version_id}"
