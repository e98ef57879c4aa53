"""Amending a plan in force (regulation 22): the amendment notice and the amended final it leads to.
Its stage is read from its dated facts (`workflow.amendment_stage`, ADR 0120)."""

from django.db import models
from django.utils import timezone


class Amendment(models.Model):
    """An amendment notice (the proposed amended plan, regulation 22) and the amended final it leads to."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="amendments")
    decision = models.ForeignKey(
        "plans.ReviewDecision", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
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

    @property
    def final_due_rule(self) -> str:
        """The rule that set `final_due`: RA2 after a re-assessment, else R7."""
        return "RA2" if self.reason == "reassessment" else "R7"
