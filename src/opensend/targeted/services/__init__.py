"""Every write to outreach requests and alternative provision placements.

Each service checks the policy (missing and forbidden are the same NotFound), validates in plain
words, locks the row for a status change, writes the timeline and audits in one transaction.
"""

from .outreach import outreach_answer, outreach_decide, outreach_request_create, outreach_withdraw
from .placements import (
    placement_cancel,
    placement_end,
    placement_refer,
    placement_review,
    placement_start,
)

__all__ = [
    "outreach_answer",
    "outreach_decide",
    "outreach_request_create",
    "outreach_withdraw",
    "placement_cancel",
    "placement_end",
    "placement_refer",
    "placement_review",
    "placement_start",
]
