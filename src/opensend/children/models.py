import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.accounts.models import Organisation
from opensend.core.models import TimeStampedModel

from .codes import Ethnicity, FamilyRelationship, Sex, UpnUnknown


class Child(TimeStampedModel):
    """A child or young person (0-25). Special-category personal data: every read is audited."""

    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True, default="")
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True, default="")
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    upn = models.CharField("UPN", max_length=13, blank=True, default="")
    uln = models.CharField("ULN", max_length=10, blank=True, default="")
    upn_unknown = models.CharField(
        "Reason for no UPN or ULN", max_length=4, blank=True, default="", choices=UpnUnknown.choices
    )
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, default="")
    address_line_1 = models.CharField(max_length=200, blank=True, default="")
    address_line_2 = models.CharField(max_length=200, blank=True, default="")
    town = models.CharField(max_length=100, blank=True, default="")
    postcode = models.CharField(max_length=8, blank=True, default="")
    responsible_la = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="children_responsible_for",
        limit_choices_to={"kind": "local_authority"},
    )
    current_setting = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children_attending",
        limit_choices_to={"kind": "education_setting"},
    )
    young_person_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_record",
    )
    # Optimistic concurrency: an edit must name the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["responsible_la", "last_name", "first_name"]),
            models.Index(fields=["current_setting", "last_name", "first_name"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["upn"], condition=~Q(upn=""), name="child_unique_upn"),
            models.UniqueConstraint(fields=["uln"], condition=~Q(uln=""), name="child_unique_uln"),
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~Q(nhs_number=""), name="child_unique_nhs"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, on: dt.date) -> int:
        dob = self.date_of_birth
        return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


class LiveQuerySet(models.QuerySet):
    """Relationships that hold on a given day."""

    def live(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class FamilyLink(TimeStampedModel):
    """A parent or carer linked to a child's record, with or without parental responsibility."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_links")
    relationship = models.CharField(max_length=30, choices=FamilyRelationship.choices)
    has_parental_responsibility = models.BooleanField(default=True)
    valid_from = models.DateField(default=timezone.localdate)
    valid_to = models.DateField(null=True, blank=True)

    objects = LiveQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "child"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="familylink_valid_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_relationship_display()}) of {self.child}"


class ProfessionalInvolvement(TimeStampedModel):
    """A case-scoped grant: a professional may see this child's record until it expires or is revoked."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="involvements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="involvements")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)
    # The piece of work the grant is for (an assessment, a mediation...). Later apps name it here.
    case_reference = models.CharField(max_length=50, blank=True, default="")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    valid_from = models.DateField(default=timezone.localdate)
    valid_to = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="involvement_valid_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.child} until {self.valid_to}"

    @classmethod
    def live_filter(cls, on: dt.date, prefix: str = "") -> Q:
        return Q(
            **{
                f"{prefix}valid_from__lte": on,
                f"{prefix}valid_to__gte": on,
                f"{prefix}revoked_at__isnull": True,
            }
        )


class TimelineEvent(models.Model):
    """What happened to a child, in order. Appended by services only; never edited."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="timeline")
    occurred_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True, default="")
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+")
    # Whether the family sees this entry on their view of the child's record.
    visible_to_family = models.BooleanField(default=True)

    class Meta:
        ordering = ("-occurred_at", "-id")
        indexes = [models.Index(fields=["child", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.title}"
