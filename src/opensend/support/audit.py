from django.db import models


class SupportAudit(models.TextChoices):
    """Audit actions of the support app (registered in SupportConfig.ready)."""

    CONCERN_RECORDED = "support.concern_recorded", "Recorded an early concern or screening"
    CONCERN_ESCALATED = "support.concern_escalated", "Moved a concern to SEN support"
    CONCERNS_LISTED = "support.concerns_listed", "Saw the child in a setting's concerns"
    ENTRY_ADDED = "support.register_entry_added", "Added the child to a SEN register"
    ENTRY_ENDED = "support.register_entry_ended", "Ended the child's SEN register entry"
    REGISTER_LISTED = "support.register_listed", "Saw the child on a SEN register"
    LA_VIEW_LISTED = "support.la_view_listed", "Saw the child in the council's SEN support list"
    PLAN_OPENED = "support.plan_opened", "Started a SEN support plan"
    PLAN_CHANGED = "support.plan_changed", "Changed a SEN support plan"
    PLAN_VIEWED = "support.plan_viewed", "Viewed a SEN support plan"
    PLANS_LISTED = "support.plans_listed", "Viewed the child's SEN support plans"
    PLAN_REVIEWED = "support.plan_reviewed", "Recorded a review of a SEN support plan"
    HISTORY_VIEWED = "support.history_viewed", "Read the child's SEN support history"
    SENCO_RECORDED = "support.senco_recorded", "Recorded a setting's SENCo"
    LOCAL_OAP_ADDED = "support.local_oap_added", "Added local ordinarily available provision"
