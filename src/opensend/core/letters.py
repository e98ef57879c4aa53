"""Letters kept as evidence: stored HTML with its hash, and a tagged PDF made from that HTML later.

Shared by the panels' decision letters and the statutory decision notices (ADR 0074, ADR 0152). A
letter's HTML is rendered once, in the transaction that makes the decision, and never again; the
PDF is made from the stored HTML by a task, retried with back-off, and a failure never touches the
decision or its HTML.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import models, transaction
from django_tasks.base import Task

from .tasks import Retry, attempt, enqueue_on_commit

# Five attempts, waiting 1 minute, 5 minutes, 30 minutes and 2 hours before the next.
PDF_RETRY = Retry(max_attempts=5, delays=(60, 300, 1800, 7200))
PDF_MAX_ATTEMPTS = PDF_RETRY.max_attempts
START, END = "<!-- letter:start -->", "<!-- letter:end -->"


class PdfStatus(models.TextChoices):
    PENDING = "pending", "Being made"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be made"


def sha256(data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def render_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of stored letter HTML. Raises whatever WeasyPrint raises."""
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return bytes(pdf)


def body_of(html: str) -> str:
    """The letter itself, without its document head and print styles, for showing inside a page."""
    start, end = html.find(START), html.find(END)
    if start == -1 or end == -1:
        return ""
    return html[start + len(START) : end]


def pdf_attempt(
    task: Task[Any, Any],
    model: type[models.Model],
    pk: int,
    *,
    filename: Callable[[Any], str],
    render: Callable[[str], bytes],
) -> str:
    """One attempt to make the PDF of one stored letter: the body of `task(pk)`. Returns the status.

    `model` has the letter fields (`html`, `pdf`, `pdf_sha256`, `pdf_status`, `pdf_attempts`,
    `pdf_error`); the row is locked for the attempt, so two runs cannot both write it. `render` is
    looked up by the caller at call time (tests replace it). `core.tasks.attempt` decides whether to
    try again; nothing but the PDF fields is written.
    """
    with transaction.atomic():
        letter: Any = model._default_manager.select_for_update().filter(pk=pk).first()
        if letter is None:
            return "missing"
        if letter.pdf_status == PdfStatus.READY:
            return str(letter.pdf_status)
        letter.pdf_attempts += 1
        outcome = attempt(
            task, pk, number=letter.pdf_attempts, retry=PDF_RETRY, work=lambda: render(letter.html)
        )
        if outcome.succeeded and outcome.value is not None:
            letter.pdf.save(filename(letter), ContentFile(outcome.value), save=False)
            letter.pdf_sha256 = sha256(outcome.value)
            letter.pdf_status = PdfStatus.READY
            letter.pdf_error = ""
        else:
            letter.pdf_error = outcome.error
            letter.pdf_status = PdfStatus.FAILED if outcome.gave_up else PdfStatus.PENDING
        letter.save(update_fields=["pdf", "pdf_sha256", "pdf_status", "pdf_attempts", "pdf_error"])
        return str(letter.pdf_status)


def retry_failed(model: type[models.Model], task: Task[Any, Any]) -> int:
    """Start again on letters whose PDF is not made (after the cause is fixed); returns how many."""
    manager: Any = model._default_manager
    ids = list(manager.exclude(pdf_status=PdfStatus.READY).values_list("pk", flat=True))
    manager.filter(pk__in=ids, pdf_status=PdfStatus.FAILED).update(
        pdf_status=PdfStatus.PENDING, pdf_attempts=0
    )
    for pk in ids:
        enqueue_on_commit(task, pk)
    return len(ids)
