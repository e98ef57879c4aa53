"""Audit actions of the advice app, registered in AdviceConfig.ready()."""

from django.db import models


class AdviceAudit(models.TextChoices):
    REQUESTED = "advice.requested", "Asked for advice for an EHC needs assessment"
    CANCELLED = "advice.request_cancelled", "Cancelled a request for advice"
    REQUEST_VIEWED = "advice.request_viewed", "Viewed a request for advice"
    REQUESTS_LISTED = "advice.requests_listed", "Saw requests for advice in a list"
    DRAFT_SAVED = "advice.draft_saved", "Saved advice as a draft"
    SUBMITTED = "advice.submitted", "Submitted advice"
    CORRECTION_STARTED = "advice.correction_started", "Started a correction of submitted advice"
    VIEWED = "advice.viewed", "Read submitted advice"
    PANEL_READ = "advice.panel_read", "Read the advice received on a case in a panel's papers"
    DOCUMENT_VIEWED = "advice.document_viewed", "Opened an advice document"
    REUSED = "advice.reused", "Recorded that existing advice is reused (Regulation 6(4))"
    GRANT_ENDED = "advice.grant_ended", "Ended an adviser's access when their advice was received"
    MESSAGE_SENT = "message.sent", "Sent a message about an assessment case"
    MESSAGES_READ = "message.read", "Read the messages about an assessment case"
