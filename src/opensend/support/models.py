"""SEN support in mainstream: early identification, the SEN register, support plans (the graduated
approach), local ordinarily available provision, and each setting's SENCo."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opensend.accounts.models import Organisation
from opensend.children.models import Child
from opensend.core.models import TimeStampedModel

from .codes import (
    BroadArea,
    ConcernKind,
    ConcernStatus,
    NeedCode,
    NextStep,
    Progress,
    Provision,
    SencoQualification,
    SupportPlanStatus,
)

_SETTING = {"kind": "education_setting"}


class RegisterEntry(TimeStampedModel):
    """A child on a setting's SEN register: census provision K or E, primary and secondary need."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sen_register_entries")
    setting = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sen_register", limit_choices_to=_SETTING
    )
    provision = models.CharField(max_length=1, choices=Provision.choices)
    primary_need = models.CharField(max_length=4, choices=NeedCode.choices)
    secondary_need = models.CharField(max_length=4, choices=NeedCode.choices, blank=True, default="")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "register entries"
        indexes = [
            # The register page and the LA view both read open entries by setting.
            models.Index(
                fields=["setting", "provision", "primary_need"],
                condition=Q(ends_on__isnull=True),
                name="support_open_by_setting",
            ),
            models.Index(fields=["child", "starts_on"], name="support_entry_child"),
            # The LA view reads open entries newest first and stops after one page (ADR 0034).
            models.Index(
                fields=["-starts_on", "-id"], condition=Q(ends_on__isnull=True), name="support_open_recent"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "setting"], condition=Q(ends_on__isnull=True), name="support_one_open_entry"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="support_entry_period",
            ),
            models.CheckConstraint(
                condition=~Q(primary_need=NeedCode.NSA) | Q(provision=Provision.SEN_SUPPORT),
                name="support_nsa_only_sen_support",
            ),
            models.CheckConstraint(
                condition=~Q(secondary_need=NeedCode.NSA), name="support_nsa_not_secondary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} at {self.setting}: {self.provision} {self.primary_need}"

    @property
    def is_open(self) -> bool:
        return self.ends_on is None


class Concern(TimeStampedModel):
    """Early identification: a concern or screening result recorded by a setting."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="support_concerns")
    setting = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", limit_choices_to=_SETTING
    )
    kind = models.CharField(max_length=30, choices=ConcernKind.choices)
    observed_on = models.DateField()
    # Broad areas of need observed (BroadArea values): at least one.
    areas = models.JSONField(default=list)
    summary = models.TextField()
    raised_by = models.CharField(max_length=200, help_text="Who noticed it: a teacher, the parent...")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=ConcernStatus.choices, default=ConcernStatus.OPEN)
    register_entry = models.ForeignKey(
        RegisterEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )

    class Meta:
        indexes = [models.Index(fields=["setting", "-observed_on"], name="support_concern_setting")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child} on {self.observed_on}"

    def area_labels(self) -> list[str]:
        return [str(BroadArea(a).label) for a in self.areas if a in BroadArea.values]


class SupportPlan(TimeStampedModel):
    """One cycle of the graduated approach (assess, plan, do, review), written by the setting.

    The same record is the setting-written individual support plan of the 2026 Schools White Paper
    (docs/adr/0031-support-plan-is-the-individual-support-plan.md).
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="support_plans")
    setting = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", limit_choices_to=_SETTING
    )
    register_entry = models.ForeignKey(
        RegisterEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    starts_on = models.DateField()
    review_due_on = models.DateField()
    # Assess: what the child needs, by broad area.
    areas = models.JSONField(default=list)
    needs = models.TextField()
    family_views = models.TextField(blank=True, default="")
    child_views = models.TextField(blank=True, default="")
    status = models.CharField(
        max_length=10, choices=SupportPlanStatus.choices, default=SupportPlanStatus.ACTIVE
    )
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["child", "-starts_on"], name="support_plan_child")]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_due_on__gte=F("starts_on")), name="support_plan_review_after"
            )
        ]

    def __str__(self) -> str:
        return f"Support plan {self.cycle} for {self.child}"

    def area_labels(self) -> list[str]:
        return [str(BroadArea(a).label) for a in self.areas if a in BroadArea.values]


class PlanOutcome(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    area = models.CharField(max_length=30, choices=BroadArea.choices)
    description = models.TextField()
    target_on = models.DateField()

    class Meta:
        ordering = ("target_on", "id")

    def __str__(self) -> str:
        return self.description[:60]


class PlanProvision(models.Model):
    """Do: what is put in place, by whom, how often, for how long, at what cost."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="provision")
    area = models.CharField(max_length=30, choices=BroadArea.choices)
    what = models.TextField()
    who = models.CharField(max_length=200)
    how_often = models.CharField(max_length=100)
    how_long = models.CharField(max_length=100)
    cost_pounds = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    # "national:<id>" or "local:<pk>" when it is ordinarily available provision; "" when beyond it.
    oap_ref = models.CharField(max_length=60, blank=True, default="")
    oap_title = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def ordinarily_available(self) -> bool:
        return bool(self.oap_ref)


class PlanReview(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    summary = models.TextField()
    family_views = models.TextField(blank=True, default="")
    child_views = models.TextField(blank=True, default="")
    next_step = models.CharField(max_length=20, choices=NextStep.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("reviewed_on", "id")

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.reviewed_on}"


class OutcomeProgress(models.Model):
    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.CASCADE, related_name="progress")
    rating = models.CharField(max_length=10, choices=Progress.choices)
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("outcome__target_on", "outcome_id")
        constraints = [models.UniqueConstraint(fields=["review", "outcome"], name="support_one_progress")]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.rating}"


class LocalProvisionItem(TimeStampedModel):
    """An LA's local addition to the national description of ordinarily available provision."""

    local_authority = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="local_provision_items",
        limit_choices_to={"kind": "local_authority"},
    )
    area = models.CharField(max_length=30, choices=BroadArea.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("area", "title")

    def __str__(self) -> str:
        return self.title


class SencoRecord(TimeStampedModel):
    """Who a setting's SENCo is, and their qualification. One current row per setting."""

    setting = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="senco_records", limit_choices_to=_SETTING
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    qualification = models.CharField(max_length=12, choices=SencoQualification.choices)
    achieved_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    current = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["setting"], condition=Q(current=True), name="support_one_senco"),
            models.CheckConstraint(
                condition=Q(qualification=SencoQualification.NONE_YET) | Q(achieved_on__isnull=False),
                name="support_senco_qualification_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, SENCo at {self.setting}"


__all__ = ["NextStep", "Progress"]
