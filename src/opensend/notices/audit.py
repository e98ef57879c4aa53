"""Audit actions of notices, registered in NoticesConfig.ready()."""

from django.db import models


class NoticesAudit(models.TextChoices):
    NOTICE_ISSUED = "notice.issued", "Issued a statutory decision notice"
    NOTICE_VIEWED = "notice.viewed", "Read a statutory decision notice"
    NOTICES_LISTED = "notice.listed", "Saw the list of a child's decision letters"
    DETAILS_CHANGED = "notice.council_details_changed", "Changed the council's details for letters"
