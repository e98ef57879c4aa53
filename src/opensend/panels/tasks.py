"""Making a decision letter's PDF after the decision commits. Services queue it; nothing here calls
a service, so the decision and its HTML letter never depend on the PDF (ADR 0074)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task

from opensend.core.tasks import Retry, attempt

from . import letters
from .codes import PdfStatus
from .models import Letter

PDF_RETRY = Retry(max_attempts=5, delays=(60, 300, 1800, 7200))


@task()
def render_letter_pdf(letter_id: int) -> str:
    """One attempt to make a letter's PDF. A failure is recorded and retried; the decision and the
    HTML letter are never touched. Returns the PDF status after the attempt."""
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update().select_related("decision__case").filter(pk=letter_id).first()
        )
        if letter is None:
            return "missing"
        if letter.pdf_status == PdfStatus.READY:
            return str(letter.pdf_status)
        letter.pdf_attempts += 1
        outcome = attempt(
            render_letter_pdf,
            letter.pk,
            number=letter.pdf_attempts,
            retry=PDF_RETRY,
            work=lambda: letters.render_pdf(letter.html),
        )
        if outcome.succeeded and outcome.value is not None:
            name = f"{letter.decision.case.reference}-decision-{letter.decision_id}.pdf"
            letter.pdf.save(name, ContentFile(outcome.value), save=False)
            letter.pdf_sha256 = letters.sha256(outcome.value)
            letter.pdf_status = PdfStatus.READY
            letter.pdf_error = ""
        else:
            letter.pdf_error = outcome.error
            letter.pdf_status = PdfStatus.FAILED if outcome.gave_up else PdfStatus.PENDING
        letter.save(update_fields=["pdf", "pdf_sha256", "pdf_status", "pdf_attempts", "pdf_error"])
        return str(letter.pdf_status)
