from django_tasks import task


@task()
def render_notice_pdf(notice_id: int) -> str:
    """Make one notice's tagged PDF; on failure the attempt is recorded and a retry enqueued."""
    from .services import notice_pdf_make

    return notice_pdf_make(notice_id)
