"""Advice for an EHC needs assessment (Regulations 6 and 8), its reuse (6(4)), and the case's messages."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.core.models import TimeStampedModel

from .codes import AdviceStatus, AdviceType, RequestStatus


class AdviceRequest(TimeStampedModel):
    """The council asks one adviser (a person, or an organisation) for one type of advice.

    `due_on` is rule A3 counted from `requested_on` (6 weeks, regulation 8(1)); stored so that
    the overdue lists can filter on it, and recomputable from `requested_on` (ADR 0062, 0081).
    """

    case = models.ForeignKey(
        "casework.AssessmentRequest", on_delete=models.CASCADE, related_name="advice_requests"
    )
    # Denormalised from the case: audit rows and the child policy are keyed on the child.
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    advice_type = models.CharField(max_length=30, choices=AdviceType.choices)
    # A named adviser, or (adviser empty) anyone at the organisation with an adviser's role.
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advice_requests",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="advice_requests"
    )
    question = models.TextField(help_text="What the council would like the adviser to cover")
    requested_on = models.DateField(help_text="Starts the 6 weeks (rule A3)")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED)
    received_on = models.DateField(null=True, blank=True)
    grant = models.ForeignKey(
        "children.ProfessionalInvolvement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_name = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ("due_on", "id")
        indexes = [
            models.Index(fields=["case", "advice_type"], name="advreq_case_type"),
            models.Index(fields=["adviser", "status", "due_on"], name="advreq_adviser_due"),
            models.Index(fields=["organisation", "status", "due_on"], name="advreq_org_due"),
            # The overdue desk: open requests by due date.
            models.Index(
                fields=["due_on", "organisation"],
                condition=Q(status="requested"),
                name="advreq_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_advice_type_display()} advice for case {self.case_id}"

    @property
    def adviser_name(self) -> str:
        if self.adviser_id is not None and self.adviser is not None:
            return f"{self.adviser.full_name}, {self.organisation.name}"
        return self.organisation.name

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.REQUESTED


class Advice(models.Model):
    """One version of an adviser's advice: a draft, then submitted and never changed again.

    A correction is a new version (`number` + 1) that `supersedes` the one it corrects (ADR 0082).
    `provision` is a list of {"area", "what", "who", "how_often", "how_long"}.
    """

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    status = models.CharField(max_length=20, choices=AdviceStatus.choices, default=AdviceStatus.DRAFT)
    needs_cognition = models.TextField(blank=True, default="")
    needs_communication = models.TextField(blank=True, default="")
    needs_semh = models.TextField(blank=True, default="")
    needs_sensory_physical = models.TextField(blank=True, default="")
    provision = models.JSONField(default=list, blank=True)
    outcomes = models.TextField(blank=True, default="")
    document = models.FileField(upload_to="advice/%Y/%m/", blank=True, default="")
    document_name = models.CharField(max_length=200, blank=True, default="")
    document_type = models.CharField(max_length=100, blank=True, default="")
    document_size = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Optimistic concurrency for drafts (ADR 0008); a submitted version never changes.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("request", "-number")
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="advice_request_number"),
            models.UniqueConstraint(
                fields=["request"], condition=Q(status="draft"), name="advice_one_draft_per_request"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="advice_submitted_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"Advice {self.request_id} v{self.number} ({self.status})"

    @property
    def is_submitted(self) -> bool:
        return self.status == AdviceStatus.SUBMITTED

    def needs(self) -> list[tuple[str, str]]:
        from .codes import NeedArea

        return [
            (NeedArea.COGNITION.label, self.needs_cognition),
            (NeedArea.COMMUNICATION.label, self.needs_communication),
            (NeedArea.SEMH.label, self.needs_semh),
            (NeedArea.SENSORY_PHYSICAL.label, self.needs_sensory_physical),
        ]

    @property
    def has_content(self) -> bool:
        return bool(
            any(text.strip() for _, text in self.needs())
            or self.provision
            or self.outcomes.strip()
            or self.document
        )


class AdviceReuse(models.Model):
    """Existing advice used instead of a new request (Regulation 6(4)): the council, the family and
    the person who gave the advice all agree it is sufficient. Satisfies the type for the case."""

    case = models.ForeignKey(
        "casework.AssessmentRequest", on_delete=models.CASCADE, related_name="advice_reuses"
    )
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    advice_type = models.CharField(max_length=30, choices=AdviceType.choices)
    source_advice = models.ForeignKey(
        Advice, null=True, blank=True, on_delete=models.PROTECT, related_name="reused_in"
    )
    source_document = models.ForeignKey(
        "casework.CaseDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_description = models.CharField(max_length=300)
    family_agreed_on = models.DateField()
    family_agreed_by = models.CharField(max_length=200)
    adviser_agreed_on = models.DateField()
    adviser_agreed_by = models.CharField(max_length=200)
    la_agreed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200, blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("advice_type", "id")
        constraints = [
            models.UniqueConstraint(fields=["case", "advice_type"], name="advice_reuse_one_per_type"),
        ]

    def __str__(self) -> str:
        return f"Reused {self.advice_type} advice for case {self.case_id}"


class Message(models.Model):
    """A message in a case's thread between the family and the council. Never edited or deleted."""

    case = models.ForeignKey("casework.AssessmentRequest", on_delete=models.CASCADE, related_name="messages")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    from_family = models.BooleanField()
    body = models.TextField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("sent_at", "id")
        indexes = [models.Index(fields=["case", "sent_at"], name="message_case_time")]

    def __str__(self) -> str:
        return f"Message {self.pk} on case {self.case_id}"
