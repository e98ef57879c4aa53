"""Every write of casework. Each checks the policy, writes, appends the timelines and audits."""

from .cases import (
    case_allocate,
    case_note_add,
    case_transition,
    exception_record,
    register_notice_writer,
)
from .documents import ALLOWED_TYPES, MAX_UPLOAD_BYTES, document_upload
from .requests import (
    attach_support_history,
    draft_discard,
    draft_get_or_start,
    draft_save,
    request_receive,
    request_submit,
)

__all__ = [
    "ALLOWED_TYPES",
    "MAX_UPLOAD_BYTES",
    "attach_support_history",
    "case_allocate",
    "case_note_add",
    "case_transition",
    "document_upload",
    "draft_discard",
    "draft_get_or_start",
    "draft_save",
    "exception_record",
    "register_notice_writer",
    "request_receive",
    "request_submit",
]
