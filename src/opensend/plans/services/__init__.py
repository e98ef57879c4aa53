"""Every write of EHC plans. Each checks the policy, writes, appends the timeline and audits."""

from .comments import comment_add
from .drafting import item_remove, item_save, plan_start, section_save, working_document
from .issuing import draft_issue, final_issue, render_attempt
from .transfer import plan_import

__all__ = [
    "comment_add",
    "draft_issue",
    "final_issue",
    "item_remove",
    "item_save",
    "plan_import",
    "plan_start",
    "render_attempt",
    "section_save",
    "working_document",
]
