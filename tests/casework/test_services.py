"""Casework services: receiving requests (and every refusal), stage moves, allocation, notes,
exceptions, uploads, drafts and notifications."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opensend.access.models import AuditEvent
from opensend.casework import services
from opensend.casework.codes import RequestSource, Status
from opensend.casework.models import AssessmentRequest, CaseDocument, RequestDraft
from opensend.children.models import TimelineEvent
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.notices.models import DecisionNotice
from opensend.notify.models import Notification
from opensend.rulebook.models import ExceptionFact
from tests.factories import ChildFactory, LocalAuthorityFactory, MembershipFactory, UserFactory
from tests.notices.factories import CouncilDetailsFactory

from .conftest import TODAY, p
from .factories import CaseFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 test"
PNG = b"\x89PNG\r\n\x1a\n0000"


def _receive(by, child, **kwargs):
    values = {"reasons": "Cannot read yet", "consent_given": True} | kwargs
    return services.request_receive(by=p(by), child=child, **values)


# Receiving a request ---------------------------------------------------------------------------------


def test_a_parent_request_starts_the_clock_today_with_source_1_and_the_a2_date(parent, child, la):
    case = _receive(parent, child, family_views="A place at a school that understands him")
    assert case.source == RequestSource.FAMILY
    assert case.received_on == TODAY
    assert case.local_authority == la
    assert (case.status, case.request_outcome, case.assessment_outcome) == ("received", "A", "")
    assert (case.next_rule, case.next_due_on) == ("A2", TODAY + dt.timedelta(weeks=6))
    assert case.consent_given and case.consent_recorded_on == TODAY
    assert TimelineEvent.objects.filter(child=child, kind="casework.received").count() == 1
    assert AuditEvent.objects.filter(action="case.received", child_id=child.pk).count() == 1


def test_a_senco_request_is_source_2_and_names_the_setting(senco, child, setting):
    case = _receive(senco.user, child)
    assert case.source == RequestSource.SETTING
    assert case.requester_organisation == setting


def test_la_staff_record_a_posted_request_with_its_own_date_and_source(caseworker, child):
    case = _receive(
        caseworker.user,
        child,
        source=3,
        received_on=dt.date(2026, 2, 2),
        requester_name="Dr Ola",
        primary_need="SLCN",
    )
    assert (case.source, case.received_on, case.requester_name) == (3, dt.date(2026, 2, 2), "Dr Ola")
    assert case.next_due_on == dt.date(2026, 3, 16)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"source": None}, "source"),
        ({"source": 9}, "source"),
        ({"received_on": None}, "received_on"),
        ({"received_on": TODAY + dt.timedelta(days=1)}, "received_on"),
        ({"received_on": dt.date(2014, 8, 31)}, "received_on"),
        ({"reasons": "   "}, "reasons"),
        ({"consent_given": False}, "consent_given"),
        ({"primary_need": "XYZ"}, "primary_need"),
    ],
)
def test_la_recording_refuses_bad_input_naming_the_field(caseworker, child, kwargs, field):
    values = {"source": 1, "received_on": TODAY} | kwargs
    with pytest.raises(ApplicationError) as error:
        _receive(caseworker.user, child, **values)
    assert error.value.field == field
    assert not AssessmentRequest.objects.exists()


def test_a_young_person_aged_25_is_refused_with_a_clear_message(caseworker, la):
    older = ChildFactory(responsible_la=la, date_of_birth=dt.date(2001, 3, 1))
    with pytest.raises(ApplicationError, match="up to their 25th birthday"):
        _receive(caseworker.user, older, source=1, received_on=TODAY)


def test_a_young_person_aged_24_may_be_assessed(caseworker, la):
    younger = ChildFactory(responsible_la=la, date_of_birth=dt.date(2001, 3, 3))
    assert _receive(caseworker.user, younger, source=1, received_on=TODAY).pk


def test_a_second_open_request_is_refused_and_names_the_first(parent, child):
    first = _receive(parent, child)
    with pytest.raises(ApplicationError, match=first.reference):
        _receive(parent, child)
    assert AssessmentRequest.objects.count() == 1


def test_after_a_closed_request_a_new_one_may_be_made(parent, child):
    CaseFactory(child=child, status=Status.DECIDED_NOT_TO_ASSESS)
    assert _receive(parent, child).pk


def test_the_database_refuses_two_open_requests_for_one_child(child):
    CaseFactory(child=child)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(child=child, status=Status.ASSESSING)


def test_someone_with_no_tie_to_the_child_gets_not_found(child):
    stranger = MembershipFactory(role="la_caseworker").user  # another council
    with pytest.raises(NotFound):
        _receive(stranger, child, source=1, received_on=TODAY)
    with pytest.raises(NotFound):
        _receive(UserFactory(), child)


# Moving a case ---------------------------------------------------------------------------------------


def test_moving_to_considering_writes_event_timeline_audit_and_keeps_the_a2_date(caseworker, child, la):
    case = CaseFactory(child=child)
    moved = services.case_transition(by=p(caseworker.user), case=case, to="considering")
    assert (moved.status, moved.next_rule, moved.next_due_on) == ("considering", "A2", dt.date(2026, 2, 16))
    assert TimelineEvent.objects.filter(child=child, kind="casework.stage_changed").count() == 1
    audit = AuditEvent.objects.get(action="case.transitioned")
    assert audit.detail == {"old": "received", "new": "considering"}


def test_the_decisions_fill_the_sen2_outcomes_and_the_next_rule(caseworker, child):
    case = CaseFactory(child=child, status=Status.PANEL_ASSESS)
    case = services.case_transition(by=p(caseworker.user), case=case, to="assessing")
    assert (case.request_outcome, case.request_outcome_on, case.assessment_outcome) == ("Y", TODAY, "A")
    assert (case.next_rule, case.next_due_on) == ("A4", dt.date(2026, 4, 27))
    case = services.case_transition(by=p(caseworker.user), case=case, to="advice_complete")
    case = services.case_transition(by=p(caseworker.user), case=case, to="panel_issue")
    case = services.case_transition(by=p(caseworker.user), case=case, to="drafting")
    assert (case.assessment_outcome, case.assessment_outcome_on) == ("Y", None)
    assert (case.next_rule, case.next_due_on) == ("A8", dt.date(2026, 5, 25))


def test_deciding_not_to_assess_needs_reasons_and_records_n_with_its_notice(caseworker, child, la):
    CouncilDetailsFactory(local_authority=la)
    case = CaseFactory(child=child, status=Status.PANEL_ASSESS)
    with pytest.raises(ApplicationError) as error:
        services.case_transition(by=p(caseworker.user), case=case, to="decided_not_to_assess")
    assert error.value.field == "reason"
    assert "they go in the letter" in error.value.message
    assert not DecisionNotice.objects.exists()
    case = services.case_transition(
        by=p(caseworker.user), case=case, to="decided_not_to_assess", reason="Needs met at SEN support"
    )
    assert (case.request_outcome, case.request_outcome_on, case.next_due_on) == ("N", TODAY, None)
    notice = DecisionNotice.objects.get(case=case)
    assert (notice.kind, notice.reasons, notice.decided_on) == (
        "refuse_assess",
        "Needs met at SEN support",
        TODAY,
    )


@pytest.mark.parametrize(
    ("status", "to"), [("panel_assess", "decided_not_to_assess"), ("panel_issue", "decided_not_to_issue")]
)
def test_a_refusal_is_refused_while_the_councils_details_are_incomplete(caseworker, child, la, status, to):
    CouncilDetailsFactory(local_authority=la, sendiass_telephone="", sendiass_email="", local_offer_url="")
    case = CaseFactory(child=child, status=status)
    with pytest.raises(ApplicationError) as error:
        services.case_transition(by=p(caseworker.user), case=case, to=to, reason="Needs met at SEN support")
    message = error.value.message
    assert (
        "SENDIASS (information, advice and support service): a telephone number or email address" in message
    )
    assert "Local Offer: its web address" in message
    assert "Mediation adviser" not in message  # only what is missing is named
    refreshed = AssessmentRequest.objects.get(pk=case.pk)
    assert (refreshed.status, refreshed.version) == (status, 1)
    assert not DecisionNotice.objects.exists() and not case.events.exists()


def test_withdrawal_before_and_after_the_decision_to_assess(caseworker, child, la):
    early = CaseFactory(child=child)
    early = services.case_transition(by=p(caseworker.user), case=early, to="withdrawn", reason="Moved away")
    assert (early.request_outcome, early.assessment_outcome) == ("W", "")
    late = CaseFactory(
        child=ChildFactory(responsible_la=la),
        status=Status.ASSESSING,
        request_outcome="Y",
        assessment_outcome="A",
    )
    late = services.case_transition(by=p(caseworker.user), case=late, to="withdrawn", reason="Family asked")
    assert (late.request_outcome, late.assessment_outcome) == ("Y", "W")


def test_export_needs_another_council(caseworker, child, la):
    case = CaseFactory(child=child)
    for target in (None, la):
        with pytest.raises(ApplicationError) as error:
            services.case_transition(
                by=p(caseworker.user), case=case, to="exported", reason="Moved", exported_to=target
            )
        assert error.value.field == "exported_to"
    other = LocalAuthorityFactory()
    moved = services.case_transition(
        by=p(caseworker.user), case=case, to="exported", reason="Moved", exported_to=other
    )
    assert moved.exported_to == other


def test_an_unknown_stage_is_refused(caseworker, child):
    with pytest.raises(ApplicationError):
        services.case_transition(by=p(caseworker.user), case=CaseFactory(child=child), to="issued")


def test_two_caseworkers_changing_the_same_case_the_second_gets_a_conflict(caseworker, manager, child):
    case = CaseFactory(child=child)
    services.case_transition(by=p(caseworker.user), case=case, to="considering", expected_version=1)
    with pytest.raises(Conflict) as error:
        services.case_transition(
            by=p(manager.user), case=case, to="withdrawn", reason="x", expected_version=1
        )
    assert error.value.extra == {"current_version": 2}
    with pytest.raises(Conflict):
        services.case_allocate(by=p(manager.user), case=case, caseworker=manager.user, expected_version=1)
    refreshed = AssessmentRequest.objects.get(pk=case.pk)
    assert (refreshed.status, refreshed.caseworker, refreshed.version) == ("considering", None, 2)


def test_staff_of_another_council_and_families_cannot_move_a_case(parent, child, senco):
    case = CaseFactory(child=child)
    for user in (MembershipFactory(role="la_caseworker").user, parent, senco.user):
        with pytest.raises(NotFound):
            services.case_transition(by=p(user), case=case, to="considering")


# Allocation, notes, exceptions --------------------------------------------------------------------


def test_allocation_only_to_the_councils_staff(caseworker, manager, child):
    case = CaseFactory(child=child)
    case = services.case_allocate(by=p(manager.user), case=case, caseworker=caseworker.user)
    assert (case.caseworker, case.version) == (caseworker.user, 2)
    outsider = MembershipFactory(role="la_caseworker").user
    with pytest.raises(ApplicationError) as error:
        services.case_allocate(by=p(manager.user), case=case, caseworker=outsider)
    assert error.value.field == "caseworker"
    assert services.case_allocate(by=p(manager.user), case=case, caseworker=None).caseworker is None


def test_notes_must_have_text(caseworker, child):
    case = CaseFactory(child=child)
    with pytest.raises(ApplicationError):
        services.case_note_add(by=p(caseworker.user), case=case, text="  ")
    assert (
        services.case_note_add(by=p(caseworker.user), case=case, text="Called mum").author_name
        == "Casey Worker"
    )


def test_an_exception_is_recorded_on_the_child_and_checked(caseworker, child):
    case = CaseFactory(child=child)
    with pytest.raises(ApplicationError) as error:
        services.exception_record(
            by=p(caseworker.user),
            case=case,
            kind="ABSENT_FROM_AREA",
            starts_on=dt.date(2026, 2, 1),
            ends_on=dt.date(2026, 1, 1),
        )
    assert error.value.field == "ends_on"
    with pytest.raises(ApplicationError):
        services.exception_record(by=p(caseworker.user), case=case, kind="HOLIDAY", starts_on=TODAY)
    fact = services.exception_record(
        by=p(caseworker.user), case=case, kind="EXCEPTIONAL_PERSONAL", starts_on=dt.date(2026, 1, 20)
    )
    assert ExceptionFact.objects.get(pk=fact.pk).child == child


# Uploads --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "must be a PDF, Word document (DOCX), JPG or PNG"),
        ("report.doc", b"\xd0\xcf", "must be a PDF, Word document (DOCX), JPG or PNG"),
        ("fake.pdf", b"hello", "is not a real PDF file"),
        ("empty.pdf", b"", "is empty"),
        ("huge.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "smaller than 10MB"),
    ],
)
def test_uploads_of_the_wrong_type_or_size_say_what_is_allowed(caseworker, child, name, content, message):
    case = CaseFactory(child=child)
    with pytest.raises(ApplicationError, match=re.escape(message)) as error:
        services.document_upload(by=p(caseworker.user), case=case, file=SimpleUploadedFile(name, content))
    assert error.value.field == "file"
    assert not CaseDocument.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.pdf", PDF), ("b.PNG", PNG), ("c.jpg", b"\xff\xd8\xff\xe0"), ("d.docx", b"PK\x03\x04rest")],
)
def test_allowed_uploads_are_stored_on_the_case(caseworker, child, name, content):
    case = CaseFactory(child=child)
    document = services.document_upload(
        by=p(caseworker.user), case=case, file=SimpleUploadedFile(name, content)
    )
    assert document.case == case and document.size == len(content)
    assert document.file.read() == content


# Drafts ---------------------------------------------------------------------------------------------


def test_a_draft_keeps_answers_and_its_evidence_moves_to_the_case_on_submit(parent, child):
    draft = services.draft_get_or_start(by=p(parent), child=child)
    services.draft_save(by=p(parent), draft=draft, answers={"reasons": "Struggles"})
    services.draft_save(
        by=p(parent), draft=draft, answers={"consent_given": True, "in_youth_accommodation": False}
    )
    document = services.document_upload(by=p(parent), draft=draft, file=SimpleUploadedFile("r.pdf", PDF))
    assert services.draft_get_or_start(by=p(parent), child=child).answers["reasons"] == "Struggles"
    case = services.request_submit(by=p(parent), draft=draft)
    document.refresh_from_db()
    assert (document.case, document.draft) == (case, None)
    assert not RequestDraft.objects.exists()


def test_a_draft_belongs_to_its_author(parent, child):
    draft = services.draft_get_or_start(by=p(parent), child=child)
    other = UserFactory()
    with pytest.raises(NotFound):
        services.draft_save(by=p(other), draft=draft, answers={"reasons": "x"})
    with pytest.raises(NotFound):
        services.draft_discard(by=p(other), draft=draft)
    with pytest.raises(NotFound):
        services.draft_get_or_start(by=p(other), child=child)


def test_submitting_a_draft_without_consent_is_refused_and_the_draft_is_kept(parent, child):
    draft = services.draft_get_or_start(by=p(parent), child=child)
    services.draft_save(by=p(parent), draft=draft, answers={"reasons": "Struggles"})
    with pytest.raises(ApplicationError):
        services.request_submit(by=p(parent), draft=draft)
    assert RequestDraft.objects.get().answers == {"reasons": "Struggles"}


# Notifications: the real notify app records each one (and sends it through the test mail backend).


def _sent() -> set[tuple[object, str]]:
    return {(n.recipient, n.kind) for n in Notification.objects.select_related("recipient")}


def test_a_request_notifies_the_family_and_the_council(
    parent, child, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = _receive(parent, child)
    assert _sent() == {(parent, "assessment.request_received"), (manager.user, "case.stage_changed")}
    to_family = Notification.objects.get(recipient=parent)
    assert f"{case.next_due_on:%-d %B %Y}" in to_family.body
    assert to_family.link.endswith(f"/casework/your-requests/{case.pk}/")


def test_considering_notifies_the_senco_and_professionals_with_access(
    caseworker, child, senco, parent, django_capture_on_commit_callbacks
):
    from tests.factories import InvolvementFactory

    health = MembershipFactory(role="health_professional", organisation__kind="health_body").user
    InvolvementFactory(child=child, user=health)
    case = CaseFactory(child=child)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(by=p(caseworker.user), case=case, to="considering")
    assert _sent() == {
        (parent, "case.stage_changed"),
        (senco.user, "assessment.considering"),
        (health, "assessment.considering"),
    }


def test_a_senco_request_keeps_the_real_support_history_snapshot(senco, child):
    case = _receive(senco.user, child)
    assert case.support_history["child_id"] == child.pk
    assert case.support_history["register_entries"] == []


def test_a_move_whose_caller_writes_to_the_family_sends_no_second_stage_email(
    caseworker, child, parent, django_capture_on_commit_callbacks
):
    # The panel's decision letter (`assessment.decision`) is the family's notice of this move.
    case = CaseFactory(child=child, status="panel_assess")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(
            by=p(caseworker.user), case=case, to="assessing", caller_writes_to_family=True
        )
    assert not Notification.objects.filter(recipient=parent).exists()


def test_a_decision_to_assess_made_on_the_case_page_tells_the_family_by_email(
    caseworker, child, parent, django_capture_on_commit_callbacks
):
    case = CaseFactory(child=child, status="panel_assess")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(by=p(caseworker.user), case=case, to="assessing")
    assert _sent() == {(parent, "case.stage_changed")}


def test_a_refusal_sends_the_family_its_notice_email_and_no_stage_email(
    caseworker, child, parent, la, django_capture_on_commit_callbacks
):
    CouncilDetailsFactory(local_authority=la)
    case = CaseFactory(child=child, status="panel_issue")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_transition(
            by=p(caseworker.user), case=case, to="decided_not_to_issue", reason="Needs met"
        )
    assert _sent() == {(parent, "notice.issued")}
    notice = DecisionNotice.objects.get(case=case)
    assert Notification.objects.get(recipient=parent).link.endswith(f"/notices/{notice.pk}/")
