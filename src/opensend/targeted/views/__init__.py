"""Pages for targeted help (outreach and advice) and alternative provision placements."""

from .outreach import (
    child_targeted,
    outreach_answer,
    outreach_create,
    outreach_decide,
    outreach_detail,
    outreach_list,
    outreach_times,
    outreach_withdraw,
)
from .placements import (
    placement_cancel,
    placement_detail,
    placement_end,
    placement_list,
    placement_refer,
    placement_review,
    placement_start,
)

__all__ = [
    "child_targeted",
    "outreach_answer",
    "outreach_create",
    "outreach_decide",
    "outreach_detail",
    "outreach_list",
    "outreach_times",
    "outreach_withdraw",
    "placement_cancel",
    "placement_detail",
    "placement_end",
    "placement_list",
    "placement_refer",
    "placement_review",
    "placement_start",
]
