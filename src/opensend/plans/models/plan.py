"""A child's EHC plan and its working copy.

`Plan` is one child's plan for its whole life: it keeps the day it was first made (`made_on`)
through reviews and transfers, the version in force, and the dates the rule book gave when each
step was recorded (ADR 0100). `PlanSection` is the working copy, one row per section
with its own `version` (ADR 0008, 0092), so two people can work on different sections at once.
`QualityProblem` keeps the working copy's open problems for the council's report.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.core.models import TimeStampedModel


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", "Being drafted"
    DRAFT_ISSUED = "draft_issued", "Draft issued"
    FINAL_ISSUED = "final_issued", "Final plan issued"
    AMENDING = "amending", "Being amended"
    CEASING = "ceasing", "Ceasing: kept until the appeal window closes"
    CEASED = "ceased", "Ceased"
    TRANSFERRED = "transferred", "Transferred to another council"


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
