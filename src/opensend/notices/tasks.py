"""Making a notice's tagged PDF from its stored HTML after the decision commits (ADR 0152). Services
queue it; nothing here calls a service."""

from django_tasks import task

from opensend.core.letters import pdf_attempt

from . import letters
from .models import DecisionNotice


@task()
def render_notice_pdf(notice_id: int) -> str:
    """One attempt at a notice's PDF; a failure is recorded and retried, the notice never touched."""
    return pdf_attempt(
        render_notice_pdf,
        DecisionNotice,
        notice_id,
        filename=lambda n: f"{n.reference}-{n.kind}.pdf",
        render=lambda html: letters.render_pdf(html),
    )
