"""The letter of a decision to assess or issue: the rule book's dates, the stored HTML and hash, and
a PDF that is retried when WeasyPrint fails and never costs the decision. (A refusal's letter is
its statutory notice: tests/notices.)"""

import datetime as dt
import hashlib
import re
import zlib

import pytest

from opensend.casework.codes import Status
from opensend.panels import letters, services
from opensend.panels.codes import PdfStatus
from opensend.panels.models import Decision, Letter
from opensend.panels.tasks import PDF_RETRY
from opensend.rulebook.engine import due_date

from .conftest import REASONS, p

pytestmark = pytest.mark.django_db


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so its structure can be searched."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _decide(item, people, yes):
    return services.decision_record(by=p(people["chair"]), item=item, yes=yes, reasons=REASONS)


def test_an_assess_letter_says_what_happens_next_with_dates(item, quorate, people, case):
    decision = _decide(item, people, yes=True)
    html = decision.letter.html
    a3 = due_date("A3", dt.date(2026, 3, 2)).due
    a4 = due_date("A4", case.received_on).due
    a8 = due_date("A8", case.received_on).due
    for day in (a3, a4, a8):
        assert f"Date: {day:%-d %B %Y}" in html
    assert a4 == dt.date(2026, 5, 18) and a8 == dt.date(2026, 6, 15)
    # Nothing to appeal in a decision the family asked for: no mediation deadline.
    assert "Contact the mediation adviser by" not in html
    assert "You cannot appeal against this decision" in html


def test_the_letter_is_stored_with_its_hash_and_never_rerendered(item, quorate, people):
    decision = _decide(item, people, yes=True)
    letter = decision.letter
    assert letter.html_sha256 == hashlib.sha256(letter.html.encode("utf-8")).hexdigest()
    assert letters.body_of(letter.html).strip().startswith('<article class="app-letter"')


def test_next_steps_for_the_email_give_the_rule_books_dates():
    dates = letters.letter_dates(Status.DRAFTING, dated=dt.date(2026, 3, 2), received_on=dt.date(2026, 1, 5))
    a8 = due_date("A8", dt.date(2026, 1, 5)).due
    text = letters.next_steps_text(dates)
    assert f"The final EHC plan must be ready by this date. ({a8:%-d %B %Y})" in text


def test_a_refusal_has_no_panel_letter_its_letter_is_the_notice(item, quorate, people):
    decision = _decide(item, people, yes=False)
    assert not Letter.objects.filter(decision=decision).exists()
    assert decision.notice is not None and decision.sent_letter == decision.notice


def test_real_pdf_is_tagged_pdf_ua(item, quorate, people, real_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide(item, people, yes=True)
    letter = Letter.objects.get(decision=decision)
    assert letter.pdf_status == PdfStatus.READY
    data = letter.pdf.open("rb").read()
    assert data.startswith(b"%PDF")
    text = _inflated(data)
    assert b"/StructTreeRoot" in text  # tagged
    assert b"pdfuaid" in text  # PDF/UA identification in the XMP metadata
    assert b"/Lang" in text
    assert letter.pdf_sha256 == hashlib.sha256(data).hexdigest()


def test_a_failing_pdf_renderer_is_retried_and_never_loses_the_decision(
    item, quorate, people, case, real_pdf, monkeypatch, django_capture_on_commit_callbacks, client
):
    calls = []

    def broken(self, *args, **kwargs):
        calls.append(kwargs.get("pdf_variant"))
        raise OSError("fonts unavailable")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide(item, people, yes=True)
    # The decision, the move and the HTML letter stand; the PDF was tried until it gave up.
    assert Decision.objects.filter(pk=decision.pk).exists()
    case.refresh_from_db()
    assert case.status == Status.ASSESSING
    letter = Letter.objects.get(decision=decision)
    assert calls == ["pdf/ua-1"] * PDF_RETRY.max_attempts
    assert letter.pdf_status == PdfStatus.FAILED
    assert letter.pdf_attempts == PDF_RETRY.max_attempts
    assert "OSError: fonts unavailable" in letter.pdf_error
    assert not letter.pdf

    # Fixed: the retry makes it.
    monkeypatch.undo()
    monkeypatch.setattr("opensend.panels.letters.render_pdf", lambda html: b"%PDF-1.7 fixed\n%%EOF")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.letters_retry_failed() == 1
    letter.refresh_from_db()
    assert letter.pdf_status == PdfStatus.READY
    assert letter.pdf_error == ""


def test_one_failure_then_success_on_retry(
    item, quorate, people, monkeypatch, django_capture_on_commit_callbacks
):
    attempts = iter([OSError("flaky"), b"%PDF-1.7 ok\n%%EOF"])

    def flaky(html):
        result = next(attempts)
        if isinstance(result, Exception):
            raise result
        return result

    monkeypatch.setattr("opensend.panels.letters.render_pdf", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide(item, people, yes=True)
    letter = Letter.objects.get(decision=decision)
    assert letter.pdf_status == PdfStatus.READY
    assert letter.pdf_attempts == 2
