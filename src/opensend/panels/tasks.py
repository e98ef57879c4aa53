from django_tasks import task


@task()
def render_letter_pdf(letter_id: int) -> str:
    """Make one decision letter's PDF; on failure `letter_pdf_make` records it and enqueues a retry."""
    from .services import letter_pdf_make

    return letter_pdf_make(letter_id)
