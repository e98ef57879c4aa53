"""A plan in force: annual reviews, amendment notices, ceasing, and transfer to another council.

Every statutory date here is computed by the rule book when the triggering fact is recorded and
stored beside it (R3, R4, R5, R6, R7, T1, X1, X2, X3), so a page shows what the rule book said on
the day and nothing counts down at night (ADR 0100). Decisions are written once and never changed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from opensend.core.errors import ApplicationError


class ReviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Meeting arranged"
    HELD = "held", "Meeting held: waiting for the council's decision"
    DECIDED = "decided", "Decided"
    CLOSED = "closed", "Closed without a decision"


class ReviewOutcome(models.TextChoices):
    """SEN2 `ReviewOutcome`."""

    MAINTAIN = "M", "Keep the plan as it is"
    AMEND = "A", "Change the plan"
    CEASE = "C", "Stop the plan"


class CeaseReason(models.IntegerChoices):
    """SEN2 `CeaseReason` (module 4a)."""

    MAX_AGE = 1, "Reached the maximum age"
    NEEDS_MET_WITHOUT_PLAN = 2, "Needs being met without an EHC plan"
    HIGHER_EDUCATION = 3, "Moved on to higher education"
    EMPLOYMENT = 4, "Moved on to paid employment (not an apprenticeship)"
    TRANSFERRED = 5, "Transferred to another council in England"
    NOT_ENGAGING = 6, "Young person no longer wishes to engage in education or training"
    LEFT_ENGLAND = 7, "Moved outside England"
    DECEASED = 8, "Died"
    OTHER = 9, "Other"


class Phase(models.TextChoices):
    """The next phase of education, and which rule (P1, P2, P3) sets the date the plan must be ready."""

    SCHOOL = "school", "Early years to school"
    JUNIOR = "junior", "Infant to junior school"
    SECONDARY = "secondary", "Primary or middle to secondary school"
    MIDDLE = "middle", "Primary to middle school"
    POST16 = "post16", "Secondary school to a post-16 institution"
    POST16_OTHER = "post16_other", "Between post-16 institutions"


PHASE_RULES = {
    Phase.SCHOOL: "P1",
    Phase.JUNIOR: "P1",
    Phase.SECONDARY: "P1",
    Phase.MIDDLE: "P1",
    Phase.POST16: "P2",
    Phase.POST16_OTHER: "P3",
}


class Review(models.Model):
    """One annual (or phase transfer) review of a plan: the meeting, who was invited, what they said,
    the meeting record and then the council's decision."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="reviews")
    local_authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(help_text="R1 (or X3) when the meeting was arranged")
    meeting_on = models.DateField()
    advice_by = models.DateField(help_text="R3: advice circulated 2 weeks before the meeting")
    convened_by = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The setting whose head or SENCo holds the meeting (regulation 20(1)); blank: the council",
    )
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.SCHEDULED)
    held_on = models.DateField(null=True, blank=True)
    attendees = models.TextField(blank=True, default="")
    views = models.TextField(blank=True, default="")
    recommendations = models.TextField(blank=True, default="")
    closed_note = models.TextField(blank=True, default="", help_text="Why it closed without a decision")
    report_due = models.DateField(null=True, blank=True, help_text="R4")
    decision_due = models.DateField(null=True, blank=True, help_text="R5")
    created_by_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-meeting_on", "-id")
        indexes = [models.Index(fields=["plan", "status"], name="review_plan_status")]

    def __str__(self) -> str:
        return f"Review of {self.plan_id} on {self.meeting_on}"


class ReviewInvitation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=40)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="reviewinvite_once")]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.review_id}"


class ReviewContribution(models.Model):
    """Views or advice for the review, in the contributor's words. Kept, never edited; one sent after
    the R3 date is kept and marked late."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="contributions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, default="")
    role = models.CharField(max_length=40, blank=True, default="")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"Contribution to {self.review_id}"


class _WrittenOnce(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise ApplicationError("A decision never changes: record a new one instead")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ReviewDecision(_WrittenOnce):
    """The council's decision after a review (regulation 20(10)): immutable."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="decision")
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="review_decisions")
    outcome = models.CharField(max_length=1, choices=ReviewOutcome.choices)
    reasons = models.TextField()
    decided_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.outcome} on {self.plan_id}"


class Amendment(models.Model):
    """An amendment notice (the proposed amended plan, regulation 22) and the amended final it leads to."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="amendments")
    decision = models.ForeignKey(
        ReviewDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    reason = models.CharField(
        max_length=40, default="review", help_text="review, phase transfer, reassessment"
    )
    notice_version = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notice_on = models.DateField(null=True, blank=True)
    representations_due = models.DateField(null=True, blank=True, help_text="R6")
    final_due = models.DateField(null=True, blank=True, help_text="R7 (RA2 after a re-assessment)")
    final_version = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"Amendment of {self.plan_id}"

    @property
    def is_open(self) -> bool:
        return self.final_version_id is None


class Ceasing(models.Model):
    """A decision to cease (regulation 31): the plan is maintained until the appeal window (T1)
    closes, or while an appeal lodged in it runs (ADR 0104). The services never change the decision
    fields; an appeal and its end are later facts added to the row."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="ceasings")
    decision = models.ForeignKey(
        ReviewDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="ceasings"
    )
    reason = models.PositiveSmallIntegerField(choices=CeaseReason.choices)
    reasons = models.TextField()
    notice_on = models.DateField()
    appeal_by = models.DateField(help_text="T1: the last day to appeal")
    decided_by_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    appeal_lodged_on = models.DateField(null=True, blank=True)
    appeal_concluded_on = models.DateField(null=True, blank=True)
    appeal_upheld_cease = models.BooleanField(null=True, blank=True)
    ceased_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-notice_on", "-id")

    def __str__(self) -> str:
        return f"Ceasing {self.plan_id}"


class TransferStatus(models.TextChoices):
    SENT = "sent", "Sent: waiting for the new council"
    RECEIVED = "received", "Received by the new council"
    CANCELLED = "cancelled", "Cancelled by the council that sent it"


class AppealOutcome(models.TextChoices):
    """How the family's appeal against a decision to cease ended (ADR 0106)."""

    UPHELD = "upheld", "Appeal upheld: the plan continues"
    DISMISSED = "dismissed", "Appeal dismissed: the plan stops"


class PlanTransfer(models.Model):
    """A plan passed to the council the child moved to (regulation 15): what was sent, and when."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="transfers_out")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="+")
    from_la = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    to_la = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    aware_on = models.DateField(help_text="The day the old council found out about the move")
    moved_on = models.DateField(null=True, blank=True)
    x1_due = models.DateField()
    sent_on = models.DateField()
    sent_by_name = models.CharField(max_length=200, blank=True, default="")
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=TransferStatus.choices, default=TransferStatus.SENT)
    received_on = models.DateField(null=True, blank=True)
    received_by_name = models.CharField(max_length=200, blank=True, default="")
    new_plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers_in"
    )
    x2_due = models.DateField(null=True, blank=True)
    x3_due = models.DateField(null=True, blank=True)
    family_told_on = models.DateField(
        null=True, blank=True, help_text="The day the new council wrote to the family (X2)"
    )
    family_told_by_name = models.CharField(max_length=200, blank=True, default="")
    cancelled_on = models.DateField(null=True, blank=True)
    cancelled_by_name = models.CharField(max_length=200, blank=True, default="")
    cancel_reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("-sent_on", "-id")
        indexes = [models.Index(fields=["to_la", "status"], name="plantransfer_to_status")]

    def __str__(self) -> str:
        return f"Transfer of {self.plan_id} to {self.to_la_id}"

    @property
    def x2_met(self) -> bool | None:
        """Whether the family was told within X2; None until they have been told."""
        if self.family_told_on is None or self.x2_due is None:
            return None
        return self.family_told_on <= self.x2_due
