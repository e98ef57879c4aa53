"""An EHC plan: the working copy being drafted, and its issued versions, which never change.

`Plan` is one child's plan for its whole life (it keeps the day it was first made, `made_on`,
through reviews and transfers). `PlanSection` is the working copy, one row per section with its own
`version` (ADR 0008, 0092), so two people can work on different sections at once. `PlanVersion` is
an issued snapshot: the canonical JSON of the schema document, its SHA-256, and the HTML shown to
people; it is written once and never updated (ADR 0091). Wave 2 (reviews, amendments, transfers)
adds versions of kind `amendment_draft` and `amended_final` to the same sequence.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.core.errors import ApplicationError
from opensend.core.models import TimeStampedModel


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", "Being drafted"
    DRAFT_ISSUED = "draft_issued", "Draft issued"
    FINAL_ISSUED = "final_issued", "Final plan issued"
    AMENDING = "amending", "Being amended"
    CEASING = "ceasing", "Ceasing: kept until the appeal window closes"
    CEASED = "ceased", "Ceased"
    TRANSFERRED = "transferred", "Transferred to another council"


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


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not yet started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Plan(TimeStampedModel):
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="ehc_plans")
    local_authority = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="ehc_plans"
    )
    case = models.ForeignKey(
        "casework.AssessmentRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFTING)
    made_on = models.DateField(null=True, blank=True, help_text="The day the first final plan was issued")
    # Section I of the plan in force, when it names a setting on the system: its SENCos see the plan.
    named_setting = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_version = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whole-plan header fields the editor keeps (name the council prefers etc.): the plan's working copy.
    imported_from = models.CharField(max_length=200, blank=True, default="")
    # The final (or amended final) in force: a draft amendment becomes `current_version` while the
    # previous final stays in force until the amended final replaces it (ADR 0101).
    in_force_version = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Stored from the rule book (R1, or X3 after a transfer in) when the plan is made, reviewed or
    # transferred, so "reviews due" is one indexed range query (ADR 0100).
    next_review_due = models.DateField(null=True, blank=True)
    # SEN2 module 5a: ReviewMeeting, ReviewOutcome, LastReview (the decision date), TransferLA.
    last_review_meeting_on = models.DateField(null=True, blank=True)
    last_review_outcome = models.CharField(max_length=1, blank=True, default="")
    last_review_on = models.DateField(null=True, blank=True)
    transferred_in_on = models.DateField(null=True, blank=True)
    transfer_la = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # SEN2 module 4a: CeaseDate (the day the plan ended or transferred) and CeaseReason (1-9).
    cease_date = models.DateField(null=True, blank=True)
    cease_reason = models.PositiveSmallIntegerField(null=True, blank=True)
    # Phase transfer (P1, P2, P3; SEN2 PhaseTransferDueDate) and re-assessment (RA2).
    next_phase = models.CharField(max_length=20, blank=True, default="")
    phase_transfer_on = models.DateField(null=True, blank=True)
    phase_transfer_due = models.DateField(null=True, blank=True)
    # The version in force when the phase transfer was recorded: a later (amended) final names the
    # next setting (ADR 0106).
    phase_transfer_version = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reassessment_notified_on = models.DateField(null=True, blank=True)
    reassessment_due = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["local_authority", "status"], name="plan_la_status"),
            models.Index(fields=["child"], name="plan_child"),
            models.Index(fields=["local_authority", "next_review_due"], name="plan_la_review_due"),
            models.Index(fields=["local_authority", "phase_transfer_due"], name="plan_la_phase_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(case__isnull=False), name="plan_one_per_case"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"EHCP-{self.pk:06d}" if self.pk else "EHCP-new"


class PlanSection(models.Model):
    """One section of the working copy: its part of the schema document, and its own version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=3)
    content = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=SectionStatus.choices, default=SectionStatus.NOT_STARTED)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by_name = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plansection_plan_key")]

    def __str__(self) -> str:
        return f"{self.plan_id} section {self.key}"


class PlanVersion(models.Model):
    """An issued plan. Written once by the issue services; `save()` refuses any later change."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
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


class QualityProblem(models.Model):
    """The working copy's open quality problems, refreshed on each save, for the council's report."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="quality_problems")
    local_authority = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=40)
    section = models.CharField(max_length=3)
    item_id = models.CharField(max_length=12, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["local_authority", "rule"], name="planquality_la_rule")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.rule}"


from .lifecycle import (  # noqa: E402  (the review, amendment, ceasing and transfer records)
    Amendment,
    AppealOutcome,
    CeaseReason,
    Ceasing,
    Phase,
    PlanTransfer,
    Review,
    ReviewContribution,
    ReviewDecision,
    ReviewInvitation,
    ReviewOutcome,
    ReviewStatus,
    TransferStatus,
)

__all__ = [
    "Amendment",
    "AppealOutcome",
    "CeaseReason",
    "Ceasing",
    "CommentKind",
    "Phase",
    "Plan",
    "PlanComment",
    "PlanSection",
    "PlanStatus",
    "PlanTransfer",
    "PlanVersion",
    "QualityProblem",
    "Rendering",
    "Review",
    "ReviewContribution",
    "ReviewDecision",
    "ReviewInvitation",
    "ReviewOutcome",
    "ReviewStatus",
    "SectionStatus",
    "TransferStatus",
    "VersionKind",
    "VersionStatus",
]
