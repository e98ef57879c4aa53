"""Audit actions of panels, registered in PanelsConfig.ready()."""

from django.db import models


class PanelsAudit(models.TextChoices):
    PANEL_CONFIGURED = "panel.configured", "Changed the set-up of the multi-agency panel"
    MEMBER_ADDED = "panel.member_added", "Added a member to the multi-agency panel"
    MEMBER_REMOVED = "panel.member_removed", "Removed a member from the multi-agency panel"
    MEETING_SCHEDULED = "panel.meeting_scheduled", "Scheduled a panel meeting"
    AGENDA_PUBLISHED = "panel.agenda_published", "Published a panel meeting's agenda to its members"
    CASE_ADDED = "panel.case_added", "Put a case on a panel meeting's agenda"
    ATTENDANCE_RECORDED = "panel.attendance_recorded", "Recorded who was at a panel meeting"
    DECISION_RECORDED = "panel.decision_recorded", "Recorded a panel decision"
    AGENDA_VIEWED = "panel.agenda_viewed", "Saw a case on a panel meeting's agenda"
    PAPERS_VIEWED = "panel.papers_viewed", "Read a case's papers for a panel meeting"
    DECISION_VIEWED = "panel.decision_viewed", "Read a panel decision"
    LETTER_VIEWED = "panel.letter_viewed", "Opened a panel decision letter"
