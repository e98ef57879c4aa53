"""Letters kept as evidence: stored HTML with its hash, and a tagged PDF made from that HTML later.

Shared by the panels' decision letters and the statutory decision notices (ADR 0074, ADR 0152). A
letter's HTML is rendered once, in the transaction that makes the decision, and never again; the
PDF is made from the stored HTML by a task, retried with back-off, and a failure never touches the
decision or its HTML.
"""

import functools
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import models, transaction

log = logging.getLogger(__name__)

PDF_MAX_ATTEMPTS = 5
# Seconds before the 2nd, 3rd, ... attempt; the last repeats.
PDF_RETRY_DELAYS = (60, 300, 1800, 7200)
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
    model: type[models.Model],
    pk: int,
    *,
    filename: Callable[[Any], str],
    render: Callable[[str], bytes],
    retry: Callable[[int, int], None],
) -> str:
    """One attempt to make the PDF of one stored letter (a task's body). Returns the status after it.

    `model` has the letter fields (`html`, `pdf`, `pdf_sha256`, `pdf_status`, `pdf_attempts`,
    `pdf_error`); the row is locked for the attempt, so two runs cannot both write it. `render` is
    looked up by the caller at call time (tests replace it); `retry(pk, delay_seconds)` enqueues the
    next attempt after commit. Nothing but the PDF fields is written.
    """
    with transaction.atomic():
        letter: Any = model._default_manager.select_for_update().filter(pk=pk).first()
        if letter is None:
            return "missing"
        if letter.pdf_status == PdfStatus.READY:
            return str(letter.pdf_status)
        letter.pdf_attempts += 1
        try:
            pdf = render(letter.html)
        except Exception as error:
            letter.pdf_error = f"Attempt {letter.pdf_attempts}: {type(error).__name__}: {error}"[:2000]
            if letter.pdf_attempts >= PDF_MAX_ATTEMPTS:
                letter.pdf_status = PdfStatus.FAILED
                log.error(
                    "%s %s PDF failed after %s attempts: %s", model.__name__, pk, letter.pdf_attempts, error
                )
            else:
                letter.pdf_status = PdfStatus.PENDING
                delay = PDF_RETRY_DELAYS[min(letter.pdf_attempts, len(PDF_RETRY_DELAYS)) - 1]
                transaction.on_commit(functools.partial(retry, pk, delay), robust=True)
                log.warning(
                    "%s %s PDF attempt %s failed; retrying: %s",
                    model.__name__,
                    pk,
                    letter.pdf_attempts,
                    error,
                )
        else:
            letter.pdf.save(filename(letter), ContentFile(pdf), save=False)
            letter.pdf_sha256 = sha256(pdf)
            letter.pdf_status = PdfStatus.READY
            letter.pdf_error = ""
        letter.save(update_fields=["pdf", "pdf_sha256", "pdf_status", "pdf_attempts", "pdf_error"])
        return str(letter.pdf_status)


def retry_failed(model: type[models.Model], enqueue: Callable[[int], None]) -> int:
    """Start again on letters whose PDF is not made (after the cause is fixed); returns how many."""
    manager: Any = model._default_manager
    ids = list(manager.exclude(pdf_status=PdfStatus.READY).values_list("pk", flat=True))
    manager.filter(pk__in=ids, pdf_status=PdfStatus.FAILED).update(
        pdf_status=PdfStatus.PENDING, pdf_attempts=0
    )
    for pk in ids:
        transaction.on_commit(functools.partial(enqueue, pk), robust=True)
    return len(ids)
