"""Every write of EHC plans. Each checks the policy, writes, appends the timeline and audits."""

from .amendments import amended_final_issue, amendment_notice_issue
from .ceasing import cease_appeal_concluded, cease_appeal_lodged, cease_decide, plans_cease_due
from .comments import comment_add
from .council_transfers import (
    DocumentRefused,
    transfer_cancel,
    transfer_family_told,
    transfer_receive,
    transfer_start,
)
from .drafting import item_remove, item_save, plan_start, section_save, working_document
from .importing import plan_import
from .issuing import draft_issue, final_issue
from .phases import phase_transfer_set, reassessment_start
from .reviews import review_contribute, review_decide, review_record_meeting, review_schedule

__all__ = [
    "DocumentRefused",
    "amended_final_issue",
    "amendment_notice_issue",
    "cease_appeal_concluded",
    "cease_appeal_lodged",
    "cease_decide",
    "comment_add",
    "draft_issue",
    "final_issue",
    "item_remove",
    "item_save",
    "phase_transfer_set",
    "plan_import",
    "plan_start",
    "plans_cease_due",
    "reassessment_start",
    "review_contribute",
    "review_decide",
    "review_record_meeting",
    "review_schedule",
    "section_save",
    "transfer_cancel",
    "transfer_family_told",
    "transfer_receive",
    "transfer_start",
    "working_document",
]
