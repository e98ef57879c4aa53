"""Dated facts the deadline engine reads: closures of settings, and exception facts on a child.

Both are inputs to `engine.due_date`; nothing here stores a due date. Writes belong to the
casework services that record them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opensend.core.models import TimeStampedModel

from .exceptions import Closure, ExceptionKind
from .exceptions import ExceptionFact as ExceptionFactValue


class ExceptionKindChoice(models.TextChoices):
    SCHOOL_CLOSURE = ExceptionKind.SCHOOL_CLOSURE.value, ExceptionKind.SCHOOL_CLOSURE.label
    EY_CLOSURE = ExceptionKind.EY_CLOSURE.value, ExceptionKind.EY_CLOSURE.label
    EXCEPTIONAL_PERSONAL = ExceptionKind.EXCEPTIONAL_PERSONAL.value, ExceptionKind.EXCEPTIONAL_PERSONAL.label
    ABSENT_FROM_AREA = ExceptionKind.ABSENT_FROM_AREA.value, ExceptionKind.ABSENT_FROM_AREA.label
    APPOINTMENT_MISSED = ExceptionKind.APPOINTMENT_MISSED.value, ExceptionKind.APPOINTMENT_MISSED.label


class ClosurePeriod(TimeStampedModel):
    """A setting (or, as the default for its settings, a local authority) closed from one day to another.

    Both days are closed; the setting reopens the day after `ends_on`. Summer holidays of 4 weeks or
    more are what the school-closure exception looks at.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="closure_periods"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    description = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ("organisation", "starts_on")
        indexes = [models.Index(fields=["organisation", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="closure_period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: closed {self.starts_on} to {self.ends_on}"

    def as_closure(self) -> Closure:
        return Closure(self.starts_on, self.ends_on, self.description)


class ExceptionFact(models.Model):
    """A fact recorded on a child's case that may excuse a time limit (see `exceptions.py`).

    For the closure kinds, `starts_on` is the day advice was asked of the setting; for a missed
    appointment, the day of the appointment. For the others it is when the circumstances or the
    absence began; `ends_on` is empty while they continue.
    """

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="exception_facts")
    kind = models.CharField(max_length=32, choices=ExceptionKindChoice.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    # The fact outlives the account of whoever recorded it.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("child", "starts_on", "id")
        indexes = [models.Index(fields=["child", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="exception_fact_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts_on}"

    def as_fact(self) -> ExceptionFactValue:
        return ExceptionFactValue(ExceptionKind(self.kind), self.starts_on, self.ends_on, self.note)
