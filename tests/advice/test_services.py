"""Asking for advice, writing and submitting it, reuse, completion, messages and their notifications."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opensend.access.models import AuditEvent
from opensend.accounts.roles import Role
from opensend.advice import selectors, services
from opensend.advice.models import Advice, AdviceRequest, Message
from opensend.casework.codes import Status
from opensend.casework.services import exception_record
from opensend.children.models import ProfessionalInvolvement
from opensend.children.policies import child_policy
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.notify.models import Notification
from tests.casework.factories import CaseFactory
from tests.factories import ChildFactory, MembershipFactory, UserFactory

from .conftest import DUE, PDF, content, p

pytestmark = pytest.mark.django_db


def test_a_request_is_due_6_weeks_later_and_gives_the_adviser_the_childs_record(asked, health, child, case):
    assert asked.due_on == DUE and asked.requested_on == dt.date(2026, 3, 2)
    grant = asked.grant
    assert grant is not None and grant.user == health and grant.case_reference == case.reference
    assert child_policy.can(p(health), "view", child)
    assert case.events.filter(kind="advice_requested").exists()
    note = Notification.objects.get(kind="advice.requested")
    assert note.recipient == health and f"/advice/requests/{asked.pk}/" in note.link
    assert AuditEvent.objects.filter(action="advice.requested", child_id=child.pk).exists()


def test_the_due_date_shows_what_a_recorded_exception_does(asked, case, caseworker):
    exception_record(
        by=p(caseworker.user), case=case, kind="EXCEPTIONAL_PERSONAL", starts_on=dt.date(2026, 3, 10)
    )
    row = selectors.case_advice(p(caseworker.user), case).rows[0]
    assert row.deadline.due == DUE  # an exception never moves the date
    assert row.deadline.exception_applies


def test_preparing_for_adulthood_is_refused_before_year_9(case, caseworker, health):
    with pytest.raises(ApplicationError, match=r"from Year 9 onwards\. Amira Khan is in Year 5"):
        services.advice_request(
            by=p(caseworker.user),
            case=case,
            advice_type="preparing_for_adulthood",
            question="x",
            adviser=health,
        )


def test_preparing_for_adulthood_can_be_asked_for_a_year_9_pupil(caseworker, health, la):
    older = CaseFactory(
        child=ChildFactory(responsible_la=la, date_of_birth=dt.date(2012, 6, 1)), status=Status.ASSESSING
    )
    made = services.advice_request(
        by=p(caseworker.user), case=older, advice_type="preparing_for_adulthood", question="x", adviser=health
    )
    assert made.advice_type == "preparing_for_adulthood"


def test_advice_is_asked_for_only_while_assessing_and_only_of_local_advisers(child, caseworker, health):
    early = CaseFactory(child=ChildFactory(responsible_la=child.responsible_la), status=Status.CONSIDERING)
    with pytest.raises(ApplicationError, match="while the council is assessing"):
        services.advice_request(
            by=p(caseworker.user), case=early, advice_type="medical", question="x", adviser=health
        )
    stranger = MembershipFactory(role=Role.HEALTH_PROFESSIONAL).user  # a health body elsewhere
    case = CaseFactory(child=ChildFactory(responsible_la=child.responsible_la), status=Status.ASSESSING)
    with pytest.raises(ApplicationError, match="Choose someone who works"):
        services.advice_request(
            by=p(caseworker.user), case=case, advice_type="medical", question="x", adviser=stranger
        )


def test_the_same_advice_is_not_asked_twice_of_the_same_person(asked, case, caseworker, health):
    with pytest.raises(ApplicationError, match="already been asked of Dr Tom Fletcher"):
        services.advice_request(
            by=p(caseworker.user), case=case, advice_type="medical", question="y", adviser=health
        )


def test_someone_else_cannot_ask_for_advice_on_the_case(case, health, parent):
    for who in (health, parent):
        with pytest.raises(NotFound):
            services.advice_request(by=p(who), case=case, advice_type="medical", question="x", adviser=health)


def test_a_draft_is_saved_and_then_submitted_once(asked, health, case, parent, caseworker):
    draft = services.advice_draft_save(by=p(health), request=asked, content=content())
    assert draft.status == "draft" and draft.version == 1
    # the family and the council do not see drafts
    assert not selectors.request_view(p(caseworker.user), asked).draft
    submitted = services.advice_submit(by=p(health), request=asked, content=content(), expected_version=1)
    assert submitted.pk == draft.pk and submitted.status == "submitted" and submitted.submitted_at
    asked.refresh_from_db()
    assert asked.status == "submitted" and asked.received_on == dt.date(2026, 3, 2)
    kinds = sorted(
        Notification.objects.filter(kind="advice.received").values_list("recipient__email", flat=True)
    )
    assert kinds == sorted([caseworker.user.email, parent.email])


def test_submitting_twice_is_refused_and_nothing_is_lost(asked, health):
    services.advice_submit(by=p(health), request=asked, content=content())
    with pytest.raises(Conflict, match=r"not been submitted twice\. Nothing you wrote has been lost"):
        services.advice_submit(by=p(health), request=asked, content=content(needs_cognition="changed"))
    advice = Advice.objects.get()
    assert advice.needs_cognition == "Reads at a Year 1 level" and Advice.objects.count() == 1


def test_submitted_advice_never_changes_and_a_correction_is_a_new_version(asked, health):
    first = services.advice_submit(by=p(health), request=asked, content=content())
    with pytest.raises(Conflict):
        services.advice_draft_save(by=p(health), request=asked, content=content(needs_cognition="edited"))
    correction = services.advice_correction_start(by=p(health), advice=first)
    assert correction.number == 2 and correction.supersedes == first and correction.status == "draft"
    second = services.advice_submit(by=p(health), request=asked, content=content(needs_cognition="Corrected"))
    first.refresh_from_db()
    assert first.needs_cognition == "Reads at a Year 1 level" and second.needs_cognition == "Corrected"
    assert first.superseded_by == second


def test_a_stale_draft_is_refused(asked, health):
    services.advice_draft_save(by=p(health), request=asked, content=content())
    services.advice_draft_save(by=p(health), request=asked, content=content(), expected_version=1)
    with pytest.raises(Conflict, match="Someone else saved"):
        services.advice_draft_save(by=p(health), request=asked, content=content(), expected_version=1)


def test_submitting_nothing_is_refused(asked, health):
    with pytest.raises(ApplicationError, match="Write the advice, or upload a document"):
        services.advice_submit(by=p(health), request=asked, content=services.AdviceContent())
    assert not asked.versions.exists()  # the whole submission is rolled back


def test_provision_needs_how_often_and_how_long(asked, health):
    rows = [
        {"area": "communication", "what": "Speech therapy", "who": "SLT", "how_often": "", "how_long": ""}
    ]
    with pytest.raises(ApplicationError, match="how often and for how long"):
        services.advice_draft_save(by=p(health), request=asked, content=content(provision=rows))


def test_a_document_must_be_a_pdf_or_docx_under_10mb(asked, health):
    bad = SimpleUploadedFile("advice.exe", b"MZ")
    with pytest.raises(ApplicationError, match="must be a PDF or Word document"):
        services.advice_draft_save(by=p(health), request=asked, file=bad)
    fake = SimpleUploadedFile("advice.pdf", b"not a pdf")
    with pytest.raises(ApplicationError, match="not a real PDF"):
        services.advice_draft_save(by=p(health), request=asked, file=fake)
    big = SimpleUploadedFile("advice.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ApplicationError, match="smaller than 10MB"):
        services.advice_draft_save(by=p(health), request=asked, file=big)
    done = services.advice_submit(by=p(health), request=asked, file=SimpleUploadedFile("advice.pdf", PDF))
    assert done.document_name == "advice.pdf" and done.document_size == len(PDF)


def test_the_grant_ends_when_advice_arrives_or_the_request_is_cancelled(
    asked, health, child, case, caseworker
):
    services.advice_submit(by=p(health), request=asked, content=content())
    grant = ProfessionalInvolvement.objects.get(pk=asked.grant_id)
    assert grant.revoked_at is not None
    assert not child_policy.can(p(health), "view", child)
    again = services.advice_request(
        by=p(caseworker.user), case=case, advice_type="other", question="More", adviser=health
    )
    services.advice_request_cancel(by=p(caseworker.user), request=again, reason="Asked by mistake")
    assert ProfessionalInvolvement.objects.get(pk=again.grant_id).revoked_at is not None


def test_someone_who_was_not_asked_cannot_write(asked, caseworker, la):
    other = MembershipFactory(role=Role.HEALTH_PROFESSIONAL, organisation=asked.organisation).user
    for who in (other, caseworker.user):
        with pytest.raises(NotFound):
            services.advice_draft_save(by=p(who), request=asked, content=content())


def test_a_request_to_an_organisation_can_be_answered_by_anyone_there(case, caseworker, health, health_body):
    colleague = MembershipFactory(role=Role.HEALTH_PROFESSIONAL, organisation=health_body).user
    made = services.advice_request(
        by=p(caseworker.user), case=case, advice_type="medical", question="x", organisation=health_body
    )
    assert made.grant is None and made.adviser is None
    assert Notification.objects.filter(kind="advice.requested").count() == 2
    services.advice_submit(by=p(colleague), request=made, content=content())


def test_reuse_satisfies_a_type_and_all_advice_lets_the_case_move_on(asked, case, caseworker, health):
    with pytest.raises(ApplicationError, match="Advice is still awaited: Medical"):
        services.advice_complete(by=p(caseworker.user), case=case)
    reuse = services.advice_reuse_record(
        by=p(caseworker.user),
        case=case,
        advice_type="psychological",
        source_description="EP report, Dr A Patel, 3 November 2025",
        family_agreed_on=dt.date(2026, 2, 20),
        family_agreed_by="Pat Khan",
        adviser_agreed_on=dt.date(2026, 2, 21),
        adviser_agreed_by="Dr A Patel",
        la_agreed_on=dt.date(2026, 2, 22),
    )
    assert reuse.advice_type == "psychological"
    with pytest.raises(ApplicationError, match="covered by existing advice"):
        services.advice_request(
            by=p(caseworker.user), case=case, advice_type="psychological", question="x", adviser=health
        )
    services.advice_submit(by=p(health), request=asked, content=content())
    assert selectors.case_advice(p(caseworker.user), case).all_received
    moved = services.advice_complete(by=p(caseworker.user), case=case, expected_version=case.version)
    assert moved.status == Status.ADVICE_COMPLETE


def test_reuse_needs_every_agreement_in_the_past(case, caseworker):
    with pytest.raises(ApplicationError, match="today or in the past"):
        services.advice_reuse_record(
            by=p(caseworker.user),
            case=case,
            advice_type="educational",
            source_description="School report",
            family_agreed_on=dt.date(2026, 3, 9),
            family_agreed_by="Pat Khan",
            adviser_agreed_on=dt.date(2026, 2, 21),
            adviser_agreed_by="Ms Head",
            la_agreed_on=dt.date(2026, 2, 22),
        )


def test_with_nothing_asked_the_case_cannot_complete(case, caseworker):
    with pytest.raises(ApplicationError, match="before moving on"):
        services.advice_complete(by=p(caseworker.user), case=case)


def test_messages_go_both_ways_and_tell_the_other_side(case, parent, caseworker):
    services.message_send(by=p(parent), case=case, body="  When is the panel?  ")
    to_council = Notification.objects.get(kind="message.received")
    assert to_council.recipient == caseworker.user and "#messages" in to_council.link
    reply = services.message_send(by=p(caseworker.user), case=case, body="On 20 March.")
    assert not reply.from_family
    assert Notification.objects.filter(kind="message.received", recipient=parent).exists()
    assert [m.body for m in selectors.messages_for(p(parent), case)] == ["When is the panel?", "On 20 March."]
    assert Message.objects.get(from_family=True).body == "When is the panel?"
    assert AuditEvent.objects.filter(action="message.read").exists()


def test_bad_messages_and_strangers_are_refused(case, parent):
    with pytest.raises(ApplicationError, match="Write your message"):
        services.message_send(by=p(parent), case=case, body="   ")
    with pytest.raises(ApplicationError, match="5000 characters or fewer"):
        services.message_send(by=p(parent), case=case, body="x" * 5001)
    with pytest.raises(NotFound):
        services.message_send(by=p(UserFactory()), case=case, body="hello")


def test_the_adviser_sees_the_case_they_are_asked_into_while_the_request_is_open(asked, health, case):
    from opensend.casework.models import AssessmentRequest
    from opensend.casework.policies import case_policy

    assert case_policy.visible(p(health), AssessmentRequest.objects.all()).filter(pk=case.pk).exists()
    services.advice_submit(by=p(health), request=asked, content=content())
    assert not case_policy.visible(p(health), AssessmentRequest.objects.all()).exists()
    assert AdviceRequest.objects.filter(pk=asked.pk, status="submitted").exists()


@pytest.mark.django_db
def test_withdrawing_the_case_cancels_open_advice_requests_and_ends_the_advisers_access(
    asked, case, caseworker, health
):
    from opensend.casework.services import case_transition
    from opensend.children.models import Child
    from opensend.children.policies import child_policy

    assert child_policy.visible(p(health), Child.objects.filter(pk=case.child_id)).exists()
    case_transition(by=p(caseworker.user), case=case, to="withdrawn", reason="The family moved away")
    asked.refresh_from_db()
    assert asked.status == "cancelled"
    assert not child_policy.visible(p(health), Child.objects.filter(pk=case.child_id)).exists()
