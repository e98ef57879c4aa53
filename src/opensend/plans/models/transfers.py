"""A plan passed to the council the child moved to (regulation 15; ADR 0103). `PlanTransfer.status`
follows `workflow.TRANSFER_TRANSITIONS`."""

from django.db import models


class TransferStatus(models.TextChoices):
    SENT = "sent", "Sent: waiting for the new council"
    RECEIVED = "received", "Received by the new council"
    CANCELLED = "cancelled", "Cancelled by the council that sent it"


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
