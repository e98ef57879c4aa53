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
    REVIEW_SCHEDULED = "plan.review_scheduled", "Arranged an annual review meeting"
    REVIEW_CONTRIBUTED = "plan.review_contributed", "Sent views or advice for an annual review"
    REVIEW_HELD = "plan.review_held", "Recorded an annual review meeting"
    REVIEW_DECIDED = "plan.review_decided", "Decided after an annual review"
    AMENDMENT_NOTICE = "plan.amendment_notice", "Sent an amendment notice (proposed amended plan)"
    AMENDED_FINAL_ISSUED = "plan.amended_final_issued", "Issued an amended final EHC plan"
    CEASE_DECIDED = "plan.cease_decided", "Decided to cease an EHC plan"
    CEASE_APPEALED = "plan.cease_appealed", "Recorded an appeal against ceasing an EHC plan"
    CEASE_APPEAL_CONCLUDED = "plan.cease_appeal_concluded", "Recorded the end of an appeal against ceasing"
    TRANSFER_SENT = "plan.transfer_sent", "Sent an EHC plan to another council"
    TRANSFER_RECEIVED = "plan.transfer_received", "Received an EHC plan from another council"
    PHASE_TRANSFER_SET = "plan.phase_transfer_set", "Recorded a phase transfer"
    REASSESSMENT_STARTED = "plan.reassessment_started", "Started a re-assessment"
