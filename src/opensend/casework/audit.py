"""Audit actions of casework, registered in CaseworkConfig.ready()."""

from django.db import models


class CaseworkAudit(models.TextChoices):
    CASE_RECEIVED = "case.received", "Recorded a request for an EHC needs assessment"
    CASE_VIEWED = "case.viewed", "Viewed an assessment case"
    CASE_LISTED = "case.listed", "Saw an assessment case in a list"
    CASE_TRANSITIONED = "case.transitioned", "Moved an assessment case to another stage"
    CASE_ALLOCATED = "case.allocated", "Allocated an assessment case to a caseworker"
    CASE_NOTE_ADDED = "case.note_added", "Added a note to an assessment case"
    CASE_EXCEPTION_RECORDED = "case.exception_recorded", "Recorded a deadline exception"
    DOCUMENT_UPLOADED = "case.document_uploaded", "Uploaded a document"
    DOCUMENT_VIEWED = "case.document_viewed", "Opened a document"
    DRAFT_SAVED = "request_draft.saved", "Saved a request for an assessment to finish later"
    DRAFT_DISCARDED = "request_draft.discarded", "Deleted an unfinished request for an assessment"
