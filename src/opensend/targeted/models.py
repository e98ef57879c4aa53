"""Targeted help from LA services (outreach and advice) and alternative provision placements.

State changes go through `services.py` only; each status has an explicit transition table there.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opensend.accounts.models import Organisation
from opensend.children.models import Child
from opensend.core.models import TimeStampedModel


class OutreachService(models.TextChoices):
    SPECIALIST_TEACHING = "specialist_teaching", "Specialist teaching"
    EDUCATIONAL_PSYCHOLOGY = "educational_psychology", "Educational psychology"
    SPEECH_AND_LANGUAGE = "speech_and_language", "Speech and language therapy"
    OTHER = "other", "Other service"


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    SOON = "soon", "Soon: within 4 weeks"
    URGENT = "urgent", "Urgent: within a week"


class OutreachStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AnswerKind(models.TextChoices):
    ADVICE = "advice", "Written advice"
    VISIT = "visit", "A visit"


class OutreachRequest(TimeStampedModel):
    """A setting asks one of its LA's services for outreach or advice about a child."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="outreach_requests")
    setting = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="outreach_requests")
    # The LA whose service is asked: the child's responsible LA when the request was made.
    local_authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    service = models.CharField(max_length=30, choices=OutreachService.choices)
    service_other = models.CharField("Other service", max_length=100, blank=True, default="")
    question = models.TextField()
    tried = models.TextField("What has been tried")
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    status = models.CharField(max_length=10, choices=OutreachStatus.choices, default=OutreachStatus.REQUESTED)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by_name = models.CharField(max_length=200, blank=True, default="")
    answer_kind = models.CharField(max_length=10, choices=AnswerKind.choices, blank=True, default="")
    answer = models.TextField(blank=True, default="")
    visited_on = models.DateField(null=True, blank=True)
    # Calendar days from request to answer, fixed when answered (see ADR 0041).
    days_to_answer = models.PositiveIntegerField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-requested_at", "-id")
        indexes = [
            models.Index(fields=["local_authority", "status", "requested_at"]),
            models.Index(fields=["local_authority", "answered_at", "service"]),
            models.Index(fields=["setting", "-requested_at"]),
            models.Index(fields=["child", "-requested_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="answered", answered_at__isnull=False, days_to_answer__isnull=False)
                | ~Q(status="answered"),
                name="outreach_answered_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_label} for {self.child}"

    @property
    def service_label(self) -> str:
        if self.service == OutreachService.OTHER and self.service_other:
            return self.service_other
        return str(OutreachService(self.service).label)

    @property
    def is_open(self) -> bool:
        return self.status in (OutreachStatus.REQUESTED, OutreachStatus.ACCEPTED)


class APTier(models.TextChoices):
    TIER_1 = "tier_1", "Tier 1: targeted support in mainstream"
    TIER_2 = "tier_2", "Tier 2: time-limited placement"
    TIER_3 = "tier_3", "Tier 3: transitional placement"


class PlacementStatus(models.TextChoices):
    REFERRED = "referred", "Referred"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"
    CANCELLED = "cancelled", "Cancelled"


class ReferredBy(models.TextChoices):
    SETTING = "setting", "The child's setting"
    LOCAL_AUTHORITY = "local_authority", "The local authority"


class PlacementOutcome(models.TextChoices):
    RETURN_TO_MAINSTREAM = "return_to_mainstream", "Returned to mainstream"
    ONWARD_PLACEMENT = "onward_placement", "Onward placement"
    OTHER = "other", "Other"


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Continue as planned"
    EXTEND = "extend", "Extend to a new planned end date"
    END = "end", "End the placement"


class APPlacement(TimeStampedModel):
    """A placement in alternative provision, in the three-tier model."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="ap_placements")
    local_authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referred_by_kind = models.CharField(max_length=20, choices=ReferredBy.choices)
    referring_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    referred_at = models.DateTimeField()
    tier = models.CharField(max_length=10, choices=APTier.choices)
    purpose = models.TextField()
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ap_placements")
    start_on = models.DateField()
    planned_end_on = models.DateField()
    actual_end_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.REFERRED
    )
    outcome = models.CharField(max_length=30, choices=PlacementOutcome.choices, blank=True, default="")
    outcome_setting = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_notes = models.TextField(blank=True, default="")
    cancelled_reason = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-start_on", "-id")
        indexes = [
            models.Index(fields=["local_authority", "status", "-start_on"]),
            models.Index(fields=["child", "-start_on"]),
            models.Index(fields=["referring_organisation", "-start_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_on__gte=F("start_on")), name="ap_planned_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(actual_end_on__isnull=True) | Q(actual_end_on__gte=F("start_on")),
                name="ap_actual_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | (Q(actual_end_on__isnull=False) & ~Q(outcome="")),
                name="ap_ended_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} at {self.provider} for {self.child}"


class APReview(TimeStampedModel):
    """A review of a placement: progress and what happens next. Never edited."""

    placement = models.ForeignKey(APPlacement, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    progress = models.TextField()
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    new_planned_end_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ("reviewed_on", "id")
        indexes = [models.Index(fields=["placement", "reviewed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="extend") | Q(new_planned_end_on__isnull=False),
                name="ap_review_extend_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on} of {self.placement_id}"
