"""Audit actions of EHC plans, registered in PlansConfig.ready()."""

from django.db import models


class PlansAudit(models.TextChoices):
    PLAN_STARTED = "plan.started", "Started drafting an EHC plan"
    SECTION_SAVED = "plan.section_saved", "Saved a section of a draft EHC plan"
    DRAFT_ISSUED = "plan.draft_issued", "Issued a draft EHC plan"
    FINAL_ISSUED = "plan.final_issued", "Issued a final EHC plan"
    COMMENTED = "plan.commented", "Commented on a draft EHC plan"
    VIEWED = "plan.viewed", "Viewed an EHC plan"
    LISTED = "plan.listed", "Saw an EHC plan in a list"
    EXPORTED = "plan.exported", "Exported an EHC plan as JSON"
    IMPORTED = "plan.imported", "Imported an EHC plan from JSON"
