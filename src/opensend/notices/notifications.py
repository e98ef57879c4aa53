"""The email that tells the family a decision letter has been sent, with a link to read it."""

from opensend.notify.registry import Category, Kind

NOTIFY_KIND = Kind(
    id="notice.issued",
    category=Category.STATUTORY,
    subject="Decision about {{ child_name }}: {{ decision }}",
    required=("child_name", "la_name", "decision", "dated_on", "appeal_by", "mediation_by"),
    body_template="notices/email/issued.txt",
    description="To the family when the council sends the letter of a decision they can appeal.",
)
