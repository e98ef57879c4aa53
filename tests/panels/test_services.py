"""Panel set-up, agendas, attendance and decisions through the services."""

import datetime as dt
import hashlib

import pytest

from opensend.access.models import AuditEvent
from opensend.accounts.roles import Role
from opensend.casework.codes import AssessmentOutcome, RequestOutcome, Status
from opensend.casework.models import AssessmentRequest, CaseEvent
from opensend.core.errors import ApplicationError, NotFound
from opensend.notify.models import Notification
from opensend.panels import services
from opensend.panels.codes import Agency, PdfStatus, Question
from opensend.panels.models import Decision, Letter
from tests.casework.factories import CaseFactory
from tests.factories import MembershipFactory, UserFactory

from .conftest import REASONS, TODAY, everyone_present, p

pytestmark = pytest.mark.django_db


# Set-up --------------------------------------------------------------------------------------------


def test_panel_cannot_go_below_the_national_minimum(la, manager):
    with pytest.raises(ApplicationError) as error:
        services.panel_configure(
            by=p(manager),
            local_authority=la,
            name="Panel",
            quorum_agencies=["education"],
        )
    assert error.value.field == "quorum_agencies"
    assert "a member from health, a member from social care" in error.value.message


def test_panel_can_be_tightened(panel, manager, la):
    tightened = services.panel_configure(
        by=p(manager),
        local_authority=la,
        name=panel.name,
        quorum_agencies=["education", "health", "social_care", "parent_carer_forum"],
        quorum_min_members=5,
        chair=panel.chair,
        expected_version=panel.version,
    )
    assert tightened.quorum_agencies == ["education", "health", "parent_carer_forum", "social_care"]
    assert services.rule_of(tightened).min_members == 5


def test_only_the_councils_send_manager_configures(la, caseworker, people):
    for user in (caseworker, people["chair"]):
        with pytest.raises(NotFound):
            services.panel_configure(
                by=p(user),
                local_authority=la,
                name="P",
                quorum_agencies=["education", "health", "social_care"],
            )


def test_members_need_a_role_at_the_council(panel, manager):
    outsider = UserFactory(full_name="Out Sider")
    MembershipFactory(user=outsider, role=Role.PANEL_MEMBER)  # another council
    with pytest.raises(ApplicationError, match="Give them the panel member role first"):
        services.panel_member_add(by=p(manager), panel=panel, user=outsider, agency=Agency.HEALTH)


def test_chair_must_be_a_member_and_cannot_be_removed(panel, manager, la):
    stranger = UserFactory()
    with pytest.raises(ApplicationError, match="Choose the chair from the panel's members"):
        services.panel_configure(
            by=p(manager),
            local_authority=la,
            name="P",
            quorum_agencies=panel.quorum_agencies,
            chair=stranger,
        )
    chair_member = panel.members.get(user=panel.chair)
    with pytest.raises(ApplicationError, match="Choose another chair"):
        services.panel_member_remove(by=p(manager), member=chair_member)


# Agenda ---------------------------------------------------------------------------------------------


def test_only_cases_at_a_panel_stage_go_on_the_agenda(meeting, caseworker, child):
    considering = CaseFactory(child=child, status=Status.CONSIDERING)
    with pytest.raises(ApplicationError, match="Only cases waiting for a panel"):
        services.agenda_add(by=p(caseworker), meeting=meeting, case=considering)


def test_a_case_goes_on_an_agenda_once_and_the_question_follows_the_stage(meeting, caseworker, case):
    item = services.agenda_add(by=p(caseworker), meeting=meeting, case=case)
    assert item.question == Question.ASSESS
    with pytest.raises(ApplicationError, match="already on this meeting's agenda"):
        services.agenda_add(by=p(caseworker), meeting=meeting, case=case)


def test_another_councils_case_is_refused(meeting, caseworker):
    other = CaseFactory(status=Status.PANEL_ASSESS)
    with pytest.raises(NotFound):
        services.agenda_add(by=p(caseworker), meeting=meeting, case=other)


def test_meetings_are_not_scheduled_in_the_past(panel, caseworker):
    with pytest.raises(ApplicationError, match="today or in the future"):
        services.meeting_schedule(by=p(caseworker), panel=panel, held_on=TODAY - dt.timedelta(days=1))


def test_attendance_only_from_the_day_of_the_meeting(panel, caseworker, people):
    later = services.meeting_schedule(by=p(caseworker), panel=panel, held_on=TODAY + dt.timedelta(days=3))
    with pytest.raises(ApplicationError, match="from the day of the meeting"):
        services.attendance_record(by=p(people["chair"]), meeting=later, present_user_ids=[])


# Decisions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "yes", "to", "outcome"),
    [
        (Status.PANEL_ASSESS, True, Status.ASSESSING, ("request_outcome", RequestOutcome.YES)),
        (Status.PANEL_ASSESS, False, Status.DECIDED_NOT_TO_ASSESS, ("request_outcome", RequestOutcome.NO)),
        (Status.PANEL_ISSUE, True, Status.DRAFTING, ("assessment_outcome", AssessmentOutcome.YES)),
        (
            Status.PANEL_ISSUE,
            False,
            Status.DECIDED_NOT_TO_ISSUE,
            ("assessment_outcome", AssessmentOutcome.NO),
        ),
    ],
)
def test_a_decision_moves_the_case_through_case_transition(
    quorate, caseworker, people, child, status, yes, to, outcome
):
    case = CaseFactory(child=child, status=status, received_on=dt.date(2026, 1, 26))
    item = services.agenda_add(by=p(caseworker), meeting=quorate, case=case)
    decision = services.decision_record(by=p(people["chair"]), item=item, yes=yes, reasons=REASONS)
    case.refresh_from_db()
    assert case.status == to
    assert getattr(case, outcome[0]) == outcome[1]
    assert decision.to_status == to
    assert decision.question == item.question
    assert CaseEvent.objects.filter(case=case, kind="stage_changed", to_status=to).exists()
    assert AuditEvent.objects.filter(action="case.transitioned", object_id=str(case.pk)).exists()
    assert AuditEvent.objects.filter(action="panel.decision_recorded", object_id=str(decision.pk)).exists()
    present = [a for a in decision.attendance if a["present"]]
    assert {a["name"] for a in present} == {u.full_name for u in people.values()}
    assert decision.quorum_rule == {
        "agencies": ["education", "health", "social_care"],
        "chair": True,
        "min_members": 0,
    }


def test_a_send_manager_may_record_and_a_caseworker_may_not(item, quorate, manager, caseworker):
    with pytest.raises(NotFound):
        services.decision_record(by=p(caseworker), item=item, yes=True, reasons=REASONS)
    services.decision_record(by=p(manager), item=item, yes=True, reasons=REASONS)


def test_an_ordinary_member_may_not_record(item, quorate, people):
    with pytest.raises(NotFound):
        services.decision_record(by=p(people[Agency.HEALTH]), item=item, yes=True, reasons=REASONS)


def test_no_quorum_is_refused_naming_what_is_missing_and_nothing_changes(item, meeting, people, case):
    services.attendance_record(
        by=p(people["chair"]),
        meeting=meeting,
        present_user_ids=[people["chair"].pk, people[Agency.EDUCATION].pk],
    )
    with pytest.raises(ApplicationError) as error:
        services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    assert error.value.message == (
        "The panel is not quorate, so it cannot decide: no member from health is present; "
        "no member from social care is present."
    )
    case.refresh_from_db()
    assert case.status == Status.PANEL_ASSESS
    assert not Decision.objects.exists()


def test_no_attendance_recorded_is_not_quorate(item, people):
    with pytest.raises(ApplicationError, match="the chair is not present"):
        services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)


@pytest.mark.parametrize(
    ("yes", "reasons", "message"),
    [
        (None, REASONS, "Choose the panel's decision"),
        (True, "   ", "Give the reasons"),
        (True, "Because.", "full sentences"),
    ],
)
def test_bad_decisions_are_refused(item, quorate, people, yes, reasons, message):
    with pytest.raises(ApplicationError, match=message):
        services.decision_record(by=p(people["chair"]), item=item, yes=yes, reasons=reasons)
    assert not Decision.objects.exists()


def test_decisions_are_immutable(item, quorate, people):
    decision = services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    decision.reasons = "Something else entirely, written later."
    with pytest.raises(ValueError, match="never changes"):
        decision.save()
    assert Decision.objects.get(pk=decision.pk).reasons == REASONS


def test_a_second_decision_must_say_it_replaces_the_first(item, quorate, people):
    services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    with pytest.raises(ApplicationError, match="record a new decision that replaces it"):
        services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)


def test_a_changed_decision_is_a_new_record_referring_to_the_old(item, quorate, people, case, parent):
    first = services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    better = REASONS + " The educational psychologist's report also shows this."
    second = services.decision_record(
        by=p(people["chair"]), item=item, yes=True, reasons=better, supersedes=first
    )
    assert second.supersedes == first
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert first.reasons == REASONS  # unchanged
    case.refresh_from_db()
    assert case.status == Status.ASSESSING  # already there: no second move
    assert Letter.objects.count() == 2
    assert "This decision replaces our decision of 2 March 2026" in second.letter.html
    # Only the latest can be replaced.
    with pytest.raises(ApplicationError, match="Only the latest decision"):
        services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=better, supersedes=first)


def test_changing_the_outcome_when_the_workflow_forbids_it_is_refused(item, quorate, people, case):
    first = services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    with pytest.raises(ApplicationError, match="the decision cannot be changed to"):
        services.decision_record(
            by=p(people["chair"]), item=item, yes=False, reasons=REASONS, supersedes=first
        )
    assert Decision.objects.count() == 1
    case.refresh_from_db()
    assert case.status == Status.ASSESSING


def test_the_family_is_told_with_assessment_decision(item, quorate, people, parent):
    decision = services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    notes = Notification.objects.filter(recipient=parent)
    assert [n.kind for n in notes] == ["assessment.decision"]  # and no second "stage changed" email
    note = notes.get()
    assert "we will carry out an EHC needs assessment" in note.subject
    assert note.link.endswith(f"/panels/decisions/{decision.pk}/letter/")
    assert REASONS in note.body


def test_a_refusal_is_told_by_its_statutory_notice_naming_the_panel(item, quorate, people, parent, case):
    decision = services.decision_record(by=p(people["chair"]), item=item, yes=False, reasons=REASONS)
    notice = decision.notice
    assert (notice.kind, notice.case_id, notice.reasons) == ("refuse_assess", case.pk, REASONS)
    assert (notice.panel_name, notice.panel_met_on) == ("Northshire EHC panel", TODAY)
    assert "Our multi-agency panel (Northshire EHC panel)" in notice.html
    assert not Letter.objects.exists()  # one letter, not two
    notes = Notification.objects.filter(recipient=parent)
    assert [n.kind for n in notes] == ["notice.issued"]
    assert notes.get().link.endswith(f"/notices/{notice.pk}/")
    # The family's timeline has the decision once: as its letter.
    family_entries = case.child.timeline.filter(visible_to_family=True)
    assert [e.title for e in family_entries] == [
        "Letter sent: decision not to carry out an EHC needs assessment"
    ]


def test_restating_a_refusal_issues_a_notice_that_replaces_the_first(item, quorate, people, case):
    first = services.decision_record(by=p(people["chair"]), item=item, yes=False, reasons=REASONS)
    clearer = REASONS + " The school's own assessment shows good progress in reading."
    second = services.decision_record(
        by=p(people["chair"]), item=item, yes=False, reasons=clearer, supersedes=first
    )
    assert second.notice.supersedes_id == first.notice_id
    assert second.notice.reasons == clearer
    assert "This letter replaces our letter of 2 March 2026" in second.notice.html
    first.notice.refresh_from_db()
    assert first.notice.reasons == REASONS  # the first letter is kept as it was sent


def test_the_decision_is_kept_in_one_transaction_with_the_move(item, quorate, people, case, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("letter template broke")

    monkeypatch.setattr("opensend.panels.letters.render_html", boom)
    with pytest.raises(RuntimeError):
        services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    assert AssessmentRequest.objects.get(pk=case.pk).status == Status.PANEL_ASSESS
    assert not Decision.objects.exists()


def test_the_pdf_is_made_after_commit(item, quorate, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    letter = Letter.objects.get(decision=decision)
    assert letter.pdf_status == PdfStatus.READY
    data = letter.pdf.read()
    assert data.startswith(b"%PDF")
    assert letter.pdf_sha256 == hashlib.sha256(data).hexdigest()


def test_everyone_present_helper_covers_all_members(meeting, people):
    everyone_present(meeting, people, people["chair"])
    assert services.quorum_gaps(meeting) == []
