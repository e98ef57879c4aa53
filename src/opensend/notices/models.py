"""Statutory decision notices and the council details every notice must give.

`DecisionNotice` is the letter the law attaches to an appealable decision. It is written once by
`services.notice_issue` and never changed: a correction is a new notice that supersedes it. `save`
refuses an update, and a database trigger refuses an UPDATE of the columns the letter is made of
(migration 0002); only the PDF fields, which the task fills in later, are written afterwards.

`CouncilDetails` holds, per council, the contact details the notices must carry (regulation 32 and
regulations 5(3)(d), 10(3)(d), 14, 22, 25 and 31(3)), and where families read about schools
(regulation 13(1)(b)).
"""

import dataclasses

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.core.letters import PdfStatus
from opensend.core.models import TimeStampedModel

from .kinds import KIND_CHOICES


@dataclasses.dataclass(frozen=True)
class ContactSpec:
    """One service whose contact details the letters give: the model's fields `<prefix>_name`,
    `_telephone`, `_email` and (if `website`) `_website`."""

    prefix: str
    label: str
    why: str
    website: bool = True


CONTACTS: tuple[ContactSpec, ...] = (
    ContactSpec(
        "mediation_adviser",
        "Mediation adviser",
        "families contact them for a mediation certificate before an appeal (regulation 32(c))",
    ),
    ContactSpec(
        "mediation_contact",
        "Council contact for mediation",
        "the person at the council families tell if they want mediation (regulation 32(f))",
        website=False,
    ),
    ContactSpec(
        "sendiass",
        "SENDIASS (information, advice and support service)",
        "free, impartial information, advice and support for families (regulation 5(3)(d)(ii))",
    ),
    ContactSpec(
        "disagreement",
        "Disagreement resolution service",
        "an independent service to help settle disagreements (regulation 5(3)(d)(i))",
    ),
)


# The fields a SEND manager fills in, in the order of the page and the API.
DETAIL_FIELDS: tuple[str, ...] = (
    *(
        f"{spec.prefix}_{part}"
        for spec in CONTACTS
        for part in ("name", "telephone", "email", *(("website",) if spec.website else ()))
    ),
    "local_offer_url",
    "schools_information",
)


class CouncilDetails(TimeStampedModel):
    """A council's details for letters. Changed only by `services.council_details_save`; editable
    records carry `version` (ADR 0008). A notice copies what it needs into its stored HTML, so a
    later change never alters a letter already sent."""

    local_authority = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="council_details"
    )
    # Each service in CONTACTS: name, telephone, email and (most) website.
    mediation_adviser_name = models.CharField(max_length=200, blank=True, default="")
    mediation_adviser_telephone = models.CharField(max_length=40, blank=True, default="")
    mediation_adviser_email = models.EmailField(blank=True, default="")
    mediation_adviser_website = models.URLField(blank=True, default="")
    mediation_contact_name = models.CharField(max_length=200, blank=True, default="")
    mediation_contact_telephone = models.CharField(max_length=40, blank=True, default="")
    mediation_contact_email = models.EmailField(blank=True, default="")
    sendiass_name = models.CharField(max_length=200, blank=True, default="")
    sendiass_telephone = models.CharField(max_length=40, blank=True, default="")
    sendiass_email = models.EmailField(blank=True, default="")
    sendiass_website = models.URLField(blank=True, default="")
    disagreement_name = models.CharField(max_length=200, blank=True, default="")
    disagreement_telephone = models.CharField(max_length=40, blank=True, default="")
    disagreement_email = models.EmailField(blank=True, default="")
    disagreement_website = models.URLField(blank=True, default="")
    # The Local Offer: where families read about the schools and colleges available (reg 13(1)(b)).
    local_offer_url = models.URLField(blank=True, default="")
    schools_information = models.TextField(
        blank=True,
        default="",
        help_text="Anything else families should know about finding a school or college",
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by_name = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name_plural = "council details"

    def __str__(self) -> str:
        return f"Details of {self.local_authority}"

    def contact(self, spec: ContactSpec) -> dict[str, str]:
        return {
            part: getattr(self, f"{spec.prefix}_{part}", "")
            for part in ("name", "telephone", "email", "website")
        }


# What the PDF task writes after the notice exists.
PDF_FIELDS = frozenset({"pdf", "pdf_sha256", "pdf_status", "pdf_attempts", "pdf_error"})


class DecisionNotice(models.Model):
    """The statutory notice of one appealable decision: the letter as sent, with its hash, and the
    dates the rule book gave on the day (M2 and T1, counted from the letter's date)."""

    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="decision_notices")
    local_authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "casework.AssessmentRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_notices",
    )
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="decision_notices"
    )
    plan_version = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="decision_notices"
    )
    decided_on = models.DateField()
    # The date of the letter: the appeal (T1) and mediation (M2) time limits count from it.
    dated = models.DateField()
    reasons = models.TextField()
    # A decision made by the council's multi-agency panel says so in the letter.
    panel_name = models.CharField(max_length=200, blank=True, default="")
    panel_met_on = models.DateField(null=True, blank=True)
    mediation_by = models.DateField(help_text="M2: contact the mediation adviser by")
    appeal_by = models.DateField(help_text="T1 part (a): 2 months from the letter")
    rule_set = models.CharField(max_length=40, help_text="The rule set the dates came from")
    html = models.TextField()
    html_sha256 = models.CharField(max_length=64)
    pdf = models.FileField(upload_to="notices/%Y/%m/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, default="")
    pdf_status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.PENDING)
    pdf_attempts = models.PositiveSmallIntegerField(default=0)
    pdf_error = models.TextField(blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    supersedes = models.OneToOneField(
        # SET_NULL: notices go only when a whole child record is removed (demo data).
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=["child", "-created_at"], name="notice_child_time"),
            models.Index(fields=["case", "kind"], name="notice_case_kind"),
            models.Index(fields=["plan", "kind"], name="notice_plan_kind"),
            models.Index(fields=["local_authority", "-created_at"], name="notice_la_time"),
            models.Index(
                fields=["pdf_status"], condition=~Q(pdf_status="ready"), name="notice_pdf_not_ready"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(plan__isnull=False), name="notice_has_a_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child_id} on {self.dated}"

    def save(self, *args, **kwargs):
        """Written once. Afterwards only the PDF fields may be saved, by the PDF task."""
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or not set(fields) <= PDF_FIELDS:
                raise ValueError("A decision notice never changes: issue a new notice that supersedes it")
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"NOTICE-{self.pk:06d}" if self.pk else "NOTICE-new"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by")
