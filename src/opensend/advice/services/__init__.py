"""Every write of the advice app. Each checks the policy, writes, appends the timelines, audits and
notifies in one transaction (notifications are sent after it commits)."""

from .advice import (
    ALLOWED_WORDS,
    MAX_UPLOAD_BYTES,
    AdviceContent,
    advice_correction_start,
    advice_draft_save,
    advice_submit,
)
from .messages import MAX_MESSAGE, message_send
from .requests import (
    advice_complete,
    advice_request,
    advice_request_cancel,
    advice_reuse_record,
    candidate_advisers,
    candidate_organisations,
)

__all__ = [
    "ALLOWED_WORDS",
    "MAX_MESSAGE",
    "MAX_UPLOAD_BYTES",
    "AdviceContent",
    "advice_complete",
    "advice_correction_start",
    "advice_draft_save",
    "advice_request",
    "advice_request_cancel",
    "advice_reuse_record",
    "advice_submit",
    "candidate_advisers",
    "candidate_organisations",
    "message_send",
]
