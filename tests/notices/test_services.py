"""`notice_issue` (store, timeline, audit, email, PDF), its refusals, immutability and corrections,
and the council's details for letters."""

import re
import zlib

import pytest
from django.db import DatabaseError, transaction

from opensend.access.models import AuditEvent
from opensend.children.models import TimelineEvent
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.core.letters import PDF_MAX_ATTEMPTS, PdfStatus
from opensend.notices import services
from opensend.notices.models import CouncilDetails, DecisionNotice
from opensend.notify.models import Notification
from tests.casework.factories import CaseFactory
from tests.factories import FamilyLinkFactory, LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.notices.factories import CouncilDetailsFactory

from .conftest import REASONS, TODAY, p

pytestmark = pytest.mark.django_db


def _refuse(by, case, **kwargs):
    values = {
        "kind": "refuse_assess",
        "child": case.child,
        "case": case,
        "reasons": REASONS,
        "decided_on": TODAY,
    }
    return services.notice_issue(by=p(by), **(values | kwargs))


def test_a_notice_is_stored_put_on_the_timeline_audited_and_emailed(
    details, caseworker, case, parent, django_capture_on_commit_callbacks
):
    second_parent = FamilyLinkFactory(child=case.child, user=UserFactory(full_name="Sam Khan")).user
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice = _refuse(caseworker, case)
    assert (notice.kind, notice.case_id, notice.child_id, notice.local_authority_id) == (
        "refuse_assess", case.pk, case.child_id, case.local_authority_id,
    )  # fmt: skip
    assert (notice.decided_by, notice.decided_by_name, notice.rule_set) == (
        caseworker,
        "Casey Worker",
        "england-2014",
    )
    assert "To Pat Khan and Sam Khan" in notice.html
    # On the child's timeline (and the case's), for the family to see.
    entry = TimelineEvent.objects.get(child=case.child, kind="casework.decision_notice")
    assert (
        entry.visible_to_family
        and entry.title == "Letter sent: decision not to carry out an EHC needs assessment"
    )
    assert case.events.get(kind="decision_notice").visible_to_family
    # Audited in the same transaction.
    audit = AuditEvent.objects.get(action="notice.issued")
    assert (audit.child_id, audit.object_id, audit.detail["hash"]) == (
        case.child_id,
        str(notice.pk),
        notice.html_sha256,
    )
    # Emailed to every member of the family, with a link to the letter.
    emails = Notification.objects.filter(kind="notice.issued").order_by("recipient__full_name")
    assert [e.recipient for e in emails] == [parent, second_parent]
    assert all(e.link.endswith(f"/notices/{notice.pk}/") for e in emails)
    assert "we will not carry out an EHC needs assessment" in emails[0].subject
    assert f"contact the mediation adviser by {notice.mediation_by:%-d %B %Y}" in emails[0].body
    # The PDF is made after commit, from the stored HTML.
    assert len(callbacks) >= 1
    notice.refresh_from_db()
    assert notice.pdf_status == PdfStatus.READY and notice.pdf_sha256


def test_incomplete_council_details_refuse_the_notice_naming_what_is_missing(caseworker, case, la, parent):
    CouncilDetailsFactory(
        local_authority=la, mediation_adviser_name="", disagreement_telephone="", disagreement_email=""
    )
    with pytest.raises(ApplicationError) as error:
        _refuse(caseworker, case)
    assert error.value.field == "council_details"
    assert error.value.extra["missing"] == [
        "Mediation adviser: its name",
        "Disagreement resolution service: a telephone number or email address",
    ]
    assert (
        "Northshire Council's council details are missing Mediation adviser: its name" in error.value.message
    )
    assert not DecisionNotice.objects.exists()
    assert not TimelineEvent.objects.exists() and not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action="notice.issued").exists()


def test_no_council_details_at_all_names_every_setting(caseworker, case):
    with pytest.raises(ApplicationError) as error:
        _refuse(caseworker, case)
    assert len(error.value.extra["missing"]) == 5  # four services and the Local Offer


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reasons": "  "}, "Give the reasons for the decision"),
        ({"reasons": "x" * 5001}, "5,000 characters or fewer"),
        ({"decided_on": TODAY.replace(day=3)}, "today or in the past"),
    ],
)
def test_bad_input_is_refused(details, caseworker, case, kwargs, message):
    with pytest.raises(ApplicationError, match=message):
        _refuse(caseworker, case, **kwargs)
    assert not DecisionNotice.objects.exists()


def test_only_the_councils_staff_and_panel_issue_its_notices(details, case, la):
    outsiders = [
        MembershipFactory(role="la_caseworker", organisation=LocalAuthorityFactory()).user,
        MembershipFactory(role="senco").user,
        FamilyLinkFactory(child=case.child).user,
    ]
    for user in outsiders:
        with pytest.raises(NotFound):
            _refuse(user, case)
    chair = MembershipFactory(role="panel_member", organisation=la).user
    assert _refuse(chair, case).decided_by == chair


def test_a_notice_must_match_what_it_is_about(details, caseworker, case, plan):
    other_childs_case = CaseFactory(child__responsible_la=case.local_authority, status="panel_assess")
    with pytest.raises(ValueError, match="needs the child's assessment case"):
        _refuse(caseworker, other_childs_case, child=case.child)
    with pytest.raises(ValueError, match="needs the final version"):
        services.notice_issue(
            by=p(caseworker),
            kind="final_plan",
            child=plan.child,
            plan=plan,
            reasons=REASONS,
            decided_on=TODAY,
        )
    with pytest.raises(ValueError, match="is not an appealable decision"):
        _refuse(caseworker, case, kind="decided_to_assess")


def test_a_notice_never_changes_in_the_model_or_the_database(details, caseworker, case):
    notice = _refuse(caseworker, case)
    notice.reasons = "Something else"
    with pytest.raises(ValueError, match="never changes"):
        notice.save()
    with pytest.raises(DatabaseError, match="never changes"), transaction.atomic():
        DecisionNotice.objects.filter(pk=notice.pk).update(html="<p>rewritten</p>")
    with pytest.raises(DatabaseError, match="never changes"), transaction.atomic():
        DecisionNotice.objects.filter(pk=notice.pk).update(reasons="rewritten")
    # The PDF fields, which the task fills in, stay writable.
    DecisionNotice.objects.filter(pk=notice.pk).update(pdf_attempts=2)
    notice.refresh_from_db()
    assert (notice.reasons, notice.pdf_attempts) == (REASONS, 2)


def test_a_correction_is_a_new_notice_and_only_the_latest_can_be_replaced(details, caseworker, case, plan):
    first = _refuse(caseworker, case)
    second = _refuse(caseworker, case, reasons=REASONS + " And more.", supersedes=first)
    assert second.supersedes == first and not first.is_current
    with pytest.raises(ApplicationError, match="already been replaced"):
        _refuse(caseworker, case, supersedes=first)
    with pytest.raises(ApplicationError, match="same decision for this child"):
        _refuse(caseworker, case, kind="refuse_issue", supersedes=second)
    assert (
        AuditEvent.objects.get(action="notice.issued", object_id=str(second.pk)).detail["supersedes"]
        == first.pk
    )


def test_the_council_details_a_letter_was_sent_with_never_change(details, caseworker, case, manager, la):
    notice = _refuse(caseworker, case)
    services.council_details_save(
        by=p(manager), local_authority=la, values={"sendiass_name": "Renamed SENDIASS"}, expected_version=1
    )
    notice.refresh_from_db()
    assert "Northshire SENDIASS" in notice.html and "Renamed SENDIASS" not in notice.html


# The PDF -----------------------------------------------------------------------------------------


def _inflated(pdf: bytes) -> bytes:
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_pdf_is_a_tagged_pdf_of_the_stored_letter(
    details, caseworker, case, real_notice_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _refuse(caseworker, case)
    notice.refresh_from_db()
    data = notice.pdf.open("rb").read()
    text = _inflated(data)
    assert data.startswith(b"%PDF") and b"/StructTreeRoot" in text and b"pdfuaid" in text
    assert notice.pdf_sha256 == services.letters.sha256(data)


def test_a_failing_pdf_is_retried_and_never_costs_the_notice(
    details, caseworker, case, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(html):
        raise OSError("fonts unavailable")

    monkeypatch.setattr("opensend.notices.letters.render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notice = _refuse(caseworker, case)
    notice.refresh_from_db()
    assert (notice.pdf_status, notice.pdf_attempts) == (PdfStatus.FAILED, PDF_MAX_ATTEMPTS)
    assert "OSError: fonts unavailable" in notice.pdf_error
    assert DecisionNotice.objects.filter(pk=notice.pk, reasons=REASONS).exists()
    monkeypatch.setattr("opensend.notices.letters.render_pdf", lambda html: b"%PDF-1.7 fixed\n%%EOF")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notices_retry_failed() == 1
    notice.refresh_from_db()
    assert (notice.pdf_status, notice.pdf_error) == (PdfStatus.READY, "")


# The council's details -----------------------------------------------------------------------------


def test_the_send_manager_saves_the_details_and_the_change_is_audited(manager, la):
    details = services.council_details_save(
        by=p(manager),
        local_authority=la,
        values={"sendiass_name": " Northshire SENDIASS ", "sendiass_telephone": "0300 123 4567"},
    )
    assert (details.sendiass_name, details.sendiass_telephone, details.version) == (
        "Northshire SENDIASS", "0300 123 4567", 1,
    )  # fmt: skip
    assert details.updated_by_name == "Mo Manager"
    audit = AuditEvent.objects.get(action="notice.council_details_changed")
    assert audit.detail["changed"]["sendiass_name"] == {"old": "", "new": "Northshire SENDIASS"}
    again = services.council_details_save(
        by=p(manager), local_authority=la, values={"sendiass_name": "Other"}, expected_version=1
    )
    assert again.version == 2 and again.sendiass_telephone == ""  # the service saves what it is given


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"sendiass_email": "not an email"},
            "sendiass_email",
            "SENDIASS (information, advice and support service): enter an email address",
        ),
        (
            {"local_offer_url": "localoffer"},
            "local_offer_url",
            "Local Offer: enter a web address starting with https://",
        ),
        (
            {"mediation_adviser_telephone": "call us"},
            "mediation_adviser_telephone",
            "Mediation adviser: enter a telephone number",
        ),
        ({"disagreement_name": "x" * 201}, "disagreement_name", "200 characters or fewer"),
        ({"colour": "blue"}, "colour", "Unknown council details: colour"),
    ],
)
def test_bad_details_are_refused_with_the_field_named(manager, la, values, field, message):
    with pytest.raises(ApplicationError) as error:
        services.council_details_save(by=p(manager), local_authority=la, values=values)
    assert error.value.field == field and message in error.value.message
    assert not CouncilDetails.objects.exists()


def test_a_stale_version_is_refused(details, manager, la):
    services.council_details_save(
        by=p(manager), local_authority=la, values={"sendiass_name": "A"}, expected_version=1
    )
    with pytest.raises(Conflict):
        services.council_details_save(
            by=p(manager), local_authority=la, values={"sendiass_name": "B"}, expected_version=1
        )
    assert CouncilDetails.objects.get().sendiass_name == "A"


def test_only_the_councils_send_manager_changes_its_details(la, caseworker):
    others = [
        caseworker,
        MembershipFactory(role="la_send_manager", organisation=LocalAuthorityFactory()).user,
    ]
    for user in others:
        with pytest.raises(NotFound):
            services.council_details_save(by=p(user), local_authority=la, values={"sendiass_name": "X"})
