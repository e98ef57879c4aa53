"""Ceasing a plan (regulations 29 to 31; ADR 0104, 0106): the decision, the appeal window (T1) and
any appeal. Its stage is read from its dated facts (`workflow.ceasing_stage`, ADR 0120)."""

from django.db import models
from django.utils import timezone


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


class Ceasing(models.Model):
    """A decision to cease (regulation 31): the plan is maintained until the appeal window (T1)
    closes, or while an appeal lodged in it runs (ADR 0104). The services never change the decision
    fields; an appeal and its end are later facts added to the row."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="ceasings")
    decision = models.ForeignKey(
        "plans.ReviewDecision", null=True, blank=True, on_delete=models.PROTECT, related_name="ceasings"
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


class AppealOutcome(models.TextChoices):
    """How the family's appeal against a decision to cease ended (ADR 0106)."""

    UPHELD = "upheld", "Appeal upheld: the plan continues"
    DISMISSED = "dismissed", "Appeal dismissed: the plan stops"
