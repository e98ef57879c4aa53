from .desk import case_detail, desk, document_download
from .family import family_case, family_list
from .requests import (
    draft_discard,
    record_request,
    request_check,
    request_sent,
    request_start,
    request_step,
)

__all__ = [
    "case_detail",
    "desk",
    "document_download",
    "draft_discard",
    "family_case",
    "family_list",
    "record_request",
    "request_check",
    "request_sent",
    "request_start",
    "request_step",
]
