"""Making a decision letter's PDF after the decision commits. Services queue it; nothing here calls
a service, so the decision and its HTML letter never depend on the PDF (ADR 0074, ADR 0152)."""

from django_tasks import task

from opensend.core.letters import PDF_RETRY, pdf_attempt

from . import letters
from .models import Letter

__all__ = ["PDF_RETRY", "render_letter_pdf"]


@task()
def render_letter_pdf(letter_id: int) -> str:
    """One attempt to make a letter's PDF. A failure is recorded and retried; the decision and the
    HTML letter are never touched. Returns the PDF status after the attempt."""
    return pdf_attempt(
        render_letter_pdf,
        Letter,
        letter_id,
        filename=lambda letter: f"{letter.decision.case.reference}-decision-{letter.decision_id}.pdf",
        render=lambda html: letters.render_pdf(html),
    )
