"""Every write of panels. Each checks the policy, writes, audits in the same transaction, and queues
side effects after commit (contributing.md)."""

from .common import rule_of
from .decisions import decision_record, letter_context, letters_retry_failed, present_people, quorum_gaps
from .meetings import agenda_add, attendance_record, meeting_publish, meeting_schedule
from .panel import panel_configure, panel_member_add, panel_member_remove

__all__ = [
    "agenda_add",
    "attendance_record",
    "decision_record",
    "letter_context",
    "letters_retry_failed",
    "meeting_publish",
    "meeting_schedule",
    "panel_configure",
    "panel_member_add",
    "panel_member_remove",
    "present_people",
    "quorum_gaps",
    "rule_of",
]
