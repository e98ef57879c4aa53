"""Multi-agency panels: the panel and its members, meetings and their agendas, attendance,
decisions (immutable; a change is a new decision that supersedes the old) and the letters of
decisions to assess or issue (a refusal's letter is its statutory notice, in opensend.notices)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.core.models import TimeStampedModel

from .codes import NATIONAL_MINIMUM_AGENCIES, Agency, PdfStatus, Question


def _default_agencies() -> list[str]:
    return sorted(NATIONAL_MINIMUM_AGENCIES)


class Panel(TimeStampedModel):
    """One council's multi-agency panel. The quorum rule is data so a council can tighten it;
    `services.panel_configure` refuses anything below the national minimum (ADR 0071)."""

    local_authority = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="send_panel"
    )
    name = models.CharField(max_length=200)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Agencies that must each have a member present (never fewer than the national three).
    quorum_agencies = models.JSONField(default=_default_agencies)
    # At least this many members present, the chair included (0: no extra number).
    quorum_min_members = models.PositiveSmallIntegerField(default=0)
    # Members see an agenda case's papers from the agenda's publication to this many days after.
    papers_days_after = models.PositiveSmallIntegerField(default=7)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class PanelMember(TimeStampedModel):
    """A person on the panel and the agency they speak for. Removed members stay for the record."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    # A person's account can be removed; each decision keeps its own copy of who attended.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agency = models.CharField(max_length=30, choices=Agency.choices)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["panel", "user"], name="panel_member_once")]
        indexes = [models.Index(fields=["user", "active"], name="panel_member_user")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_agency_display()})"


class Meeting(TimeStampedModel):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    location = models.CharField(max_length=200, blank=True, default="")
    # Members see the papers once the agenda is published, until `papers_until` (stored, ADR 0072).
    published_at = models.DateTimeField(null=True, blank=True)
    papers_until = models.DateField()

    class Meta:
        ordering = ("-held_on", "-id")
        indexes = [models.Index(fields=["panel", "held_on"], name="panel_meeting_date")]

    def __str__(self) -> str:
        return f"{self.panel} {self.held_on:%-d %B %Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(
        "casework.AssessmentRequest", on_delete=models.PROTECT, related_name="panel_items"
    )
    question = models.CharField(max_length=10, choices=Question.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("added_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case", "question"], name="agenda_case_once")
        ]
        indexes = [models.Index(fields=["case", "meeting"], name="agenda_case_meeting")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.case}"


class Attendance(models.Model):
    """Whether each member was at the meeting. Re-recorded freely; each decision keeps its own copy."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.member} {'present' if self.present else 'absent'}"


class Decision(models.Model):
    """What the panel decided about one agenda case, with its reasons and who was there.

    Never changed once written (ADR 0073): `save` refuses an update. A changed decision is a new row
    whose `supersedes` names the old one.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    case = models.ForeignKey(
        "casework.AssessmentRequest", on_delete=models.PROTECT, related_name="panel_decisions"
    )
    question = models.CharField(max_length=10, choices=Question.choices)
    yes = models.BooleanField()
    to_status = models.CharField(max_length=30)
    reasons = models.TextField()
    decided_on = models.DateField()
    # [{"user_id", "name", "agency", "chair", "present"}] and the rule, as they were at the decision.
    attendance = models.JSONField()
    quorum_rule = models.JSONField()
    supersedes = models.OneToOneField(
        # SET_NULL, not PROTECT: decisions go only when a whole child record is removed, and a
        # self-referencing PROTECT cannot be deleted in one pass.
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200, blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)
    # A refusal's letter is the statutory notice (opensend.notices, ADR 0153); a decision to assess
    # or to issue has the panel's own `Letter`.
    notice = models.OneToOneField(
        "notices.DecisionNotice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_decision",
    )

    class Meta:
        ordering = ("-recorded_at", "-id")
        indexes = [models.Index(fields=["case", "-recorded_at"], name="decision_case_time")]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_question_display()}: {'yes' if self.yes else 'no'}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A panel decision never changes: record a new decision that supersedes it")
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by")

    @property
    def sent_letter(self) -> "Any":
        """What the family was sent: the statutory notice of a refusal, or the panel's letter."""
        return self.notice if self.notice_id is not None else self.letter


class Letter(models.Model):
    """The letter of a decision to assess or to issue a plan. The HTML is fixed when the decision is
    recorded; the PDF is made from it by a task and retried until it exists (ADR 0074). A refusal's
    letter is the statutory notice instead (`Decision.notice`)."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="letter")
    dated = models.DateField()
    html = models.TextField()
    html_sha256 = models.CharField(max_length=64)
    pdf = models.FileField(upload_to="panels/letters/%Y/%m/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, default="")
    pdf_status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.PENDING)
    pdf_attempts = models.PositiveSmallIntegerField(default=0)
    pdf_error = models.TextField(blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["pdf_status"], condition=~Q(pdf_status="ready"), name="letter_pdf_not_ready")
        ]

    def __str__(self) -> str:
        return f"Letter for decision {self.decision_id}"
