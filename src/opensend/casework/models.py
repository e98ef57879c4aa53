"""The EHC needs assessment case, the family's unfinished request, and what hangs off a case."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.core.models import TimeStampedModel

from .codes import AssessmentOutcome, PrimaryNeed, RequestOutcome, RequestSource, Status
from .workflow import OPEN_STATUSES


class AssessmentRequest(TimeStampedModel):
    """A request for an EHC needs assessment and the case that follows it.

    `status` changes only through `services.case_transition`. `next_due_on` is the rule book's next
    statutory date, stored when the stage changes so that lists can filter and sort by it; it is
    computed from `received_on`, never counted down (ADR 0062).
    """

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="assessment_requests")
    # The child's responsible council when the request arrived; it keeps the case if the child moves.
    local_authority = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="assessment_requests"
    )
    source = models.PositiveSmallIntegerField(choices=RequestSource.choices)
    received_on = models.DateField(help_text="Starts the statutory 20-week clock (SEN2 ReceivedDate)")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requester_name = models.CharField(max_length=200, blank=True, default="")
    requester_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_given = models.BooleanField(default=False)
    consent_recorded_on = models.DateField(null=True, blank=True)
    in_youth_accommodation = models.BooleanField("RYA", default=False)
    reasons = models.TextField(help_text="The child's needs and why an assessment is asked for")
    support_so_far = models.TextField(blank=True, default="")
    family_views = models.TextField(blank=True, default="")
    support_history = models.JSONField(null=True, blank=True)
    primary_need = models.CharField(max_length=4, blank=True, default="", choices=PrimaryNeed.choices)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.RECEIVED)
    status_changed_at = models.DateTimeField(default=timezone.now)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_outcome = models.CharField(
        max_length=1, choices=RequestOutcome.choices, default=RequestOutcome.AWAITING
    )
    request_outcome_on = models.DateField(null=True, blank=True)
    assessment_outcome = models.CharField(
        max_length=1, blank=True, default="", choices=AssessmentOutcome.choices
    )
    assessment_outcome_on = models.DateField(null=True, blank=True)
    exported_to = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    next_rule = models.CharField(max_length=10, blank=True, default="")
    next_due_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(fields=["local_authority", "status", "next_due_on"], name="case_la_status_due"),
            models.Index(fields=["local_authority", "next_due_on"], name="case_la_due"),
            # The desk's default view: the council's open cases by next deadline.
            models.Index(
                fields=["local_authority", "next_due_on", "id"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="case_open_la_due",
            ),
            models.Index(fields=["caseworker", "next_due_on"], name="case_worker_due"),
            models.Index(fields=["local_authority", "received_on"], name="case_la_received"),
            models.Index(fields=["child", "status"], name="case_child_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="case_one_open_request_per_child",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.child}"

    @property
    def reference(self) -> str:
        return f"EHCNA-{self.pk:06d}" if self.pk else "EHCNA-new"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class RequestDraft(TimeStampedModel):
    """A request being written, saved between pages so the person can come back to it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "child"], name="request_draft_user_child")]

    def __str__(self) -> str:
        return f"Draft request for {self.child_id} by {self.user_id}"


class CaseDocument(models.Model):
    """Evidence or papers: uploaded to a draft request, then belonging to its case."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(
        AssessmentRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    draft = models.ForeignKey(
        RequestDraft, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    file = models.FileField(upload_to="casework/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True, default="")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_name = models.CharField(max_length=200, blank=True, default="")
    uploaded_at = models.DateTimeField(default=timezone.now)
    visible_to_family = models.BooleanField(default=True)

    class Meta:
        ordering = ("-uploaded_at", "-id")
        indexes = [models.Index(fields=["case", "-uploaded_at"], name="casedoc_case_time")]

    def __str__(self) -> str:
        return self.name


class CaseNote(models.Model):
    """A caseworker's note. Only the council's staff see notes."""

    case = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["case", "-created_at"], name="casenote_case_time")]

    def __str__(self) -> str:
        return f"Note on {self.case_id}"


class CaseEvent(models.Model):
    """The case's own history (its timeline). Appended by services only; never edited."""

    case = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    from_status = models.CharField(max_length=30, blank=True, default="")
    to_status = models.CharField(max_length=30, blank=True, default="")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True, default="")
    visible_to_family = models.BooleanField(default=True)

    class Meta:
        ordering = ("-occurred_at", "-id")
        indexes = [models.Index(fields=["case", "-occurred_at"], name="caseevent_case_time")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.title}"
