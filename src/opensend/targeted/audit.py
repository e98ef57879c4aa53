from django.db import models


class TargetedAudit(models.TextChoices):
    """Audit actions for targeted help and alternative provision (registered in apps.py)."""

    OUTREACH_REQUESTED = "outreach.requested", "Asked an LA service for outreach or advice"
    OUTREACH_ACCEPTED = "outreach.accepted", "Accepted an outreach request"
    OUTREACH_DECLINED = "outreach.declined", "Declined an outreach request"
    OUTREACH_ANSWERED = "outreach.answered", "Answered an outreach request"
    OUTREACH_WITHDRAWN = "outreach.withdrawn", "Withdrew an outreach request"
    OUTREACH_VIEWED = "outreach.viewed", "Viewed an outreach request"
    OUTREACH_LISTED = "outreach.listed", "Saw an outreach request in a list"
    OUTREACH_TIMES_VIEWED = "outreach.times_viewed", "Viewed outreach answer times"
    PLACEMENT_REFERRED = "ap_placement.referred", "Referred a child to alternative provision"
    PLACEMENT_STARTED = "ap_placement.started", "Started an alternative provision placement"
    PLACEMENT_REVIEWED = "ap_placement.reviewed", "Reviewed an alternative provision placement"
    PLACEMENT_ENDED = "ap_placement.ended", "Ended an alternative provision placement"
    PLACEMENT_CANCELLED = "ap_placement.cancelled", "Cancelled an alternative provision referral"
    PLACEMENT_VIEWED = "ap_placement.viewed", "Viewed an alternative provision placement"
    PLACEMENT_LISTED = "ap_placement.listed", "Saw an alternative provision placement in a list"
