"""Annual reviews (regulations 18 to 20): the meeting, who was invited, what they said, and the
council's decision, which is written once (ADR 0102). `Review.status` follows
`workflow.REVIEW_TRANSITIONS`."""

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
