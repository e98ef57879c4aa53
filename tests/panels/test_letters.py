"""The decision letter: the rule book's dates, the Regulation 32 notice, the stored HTML and hash,
and a PDF that is retried when WeasyPrint fails and never costs the decision."""

import datetime as dt
import hashlib
import html as html_lib
import re
import zlib

import pytest

from opensend.casework.codes import Status
from opensend.panels import letters, services
from opensend.panels.codes import PdfStatus
from opensend.panels.models import Decision, Letter
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


def test_a_refusal_letter_carries_regulation_32_and_the_computed_deadlines(item, quorate, people, parent):
    decision = _decide(item, people, yes=False)
    html = decision.letter.html
    assert decision.letter.dated == dt.date(2026, 3, 2)
    # M2: 2 months from the letter; T1: 2 months from the letter or 1 month from the certificate.
    assert due_date("M2", dt.date(2026, 3, 2)).due == dt.date(2026, 5, 2)
    assert "Contact the mediation adviser by</dt>" in html
    assert "<strong>2 May 2026</strong>. This is 2 months after the date of this letter" in html
    assert "SEND Regulations 2014, regulation 33" in html
    assert "Appeal to the Tribunal by</dt>" in html
    assert "or 1 month after the date on your mediation certificate if that is later" in html
    assert "rule 20" in html
    # Regulation 32: right to mediation, certificate before appeal, the Section I exception, the adviser.
    assert "You also have the right to mediation" in html
    assert (
        "Before you can appeal, you must contact the mediation adviser and get a mediation certificate"
        in html
    )
    assert "only about the school or college named in an EHC plan (Section I)" in html
    assert "North London SEND Mediation Service" in html and "020 7946 0000" in html
    assert "we will not carry out an EHC needs assessment" in html
    assert html_lib.escape(REASONS) in html
    assert "To Pat Khan" in html


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


def test_next_steps_for_the_email_include_the_mediation_date():
    dates = letters.letter_dates(
        Status.DECIDED_NOT_TO_ISSUE, dated=dt.date(2026, 3, 2), received_on=dt.date(2026, 1, 5)
    )
    assert "contact the mediation adviser by 2 May 2026" in letters.next_steps_text(dates)
    assert dates.appeal is not None and dates.appeal.due == dt.date(2026, 5, 2)


def test_real_pdf_is_tagged_pdf_ua(item, quorate, people, real_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide(item, people, yes=False)
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
    assert calls == ["pdf/ua-1"] * services.PDF_MAX_ATTEMPTS
    assert letter.pdf_status == PdfStatus.FAILED
    assert letter.pdf_attempts == services.PDF_MAX_ATTEMPTS
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
