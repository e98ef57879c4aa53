"""The pages, through real requests: set-up, meetings, agenda, attendance, decisions, letters,
and bad input that comes back with a clear message and what was typed."""

import pytest

from opensend.casework.codes import Status
from opensend.panels.codes import Agency, PdfStatus
from opensend.panels.models import Decision, Meeting, Panel
from tests.conftest import signed_in_client

from .conftest import REASONS, everyone_present

pytestmark = pytest.mark.django_db


def test_manager_sets_up_the_panel_and_bad_input_keeps_what_was_typed(manager, people, la):
    client = signed_in_client(manager)
    assert client.get("/panels/setup/").status_code == 200
    bad = client.post(
        "/panels/setup/",
        {
            "action": "panel",
            "p-name": "Northshire panel",
            "p-quorum_min_members": "x",
            "p-papers_days_after": "7",
        },
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "There is a problem" in html
    assert "Enter a number from 0 to 30" in html
    assert 'value="Northshire panel"' in html
    ok = client.post(
        "/panels/setup/",
        {
            "action": "panel",
            "p-name": "Northshire panel",
            "p-quorum_min_members": "0",
            "p-papers_days_after": "7",
        },
    )
    assert ok.status_code == 302
    panel = Panel.objects.get(local_authority=la)
    added = client.post(
        "/panels/setup/", {"action": "add_member", "m-user": people[Agency.HEALTH].pk, "m-agency": "health"}
    )
    assert added.status_code == 302
    assert panel.members.filter(user=people[Agency.HEALTH], agency="health").exists()
    missing_agency = client.post(
        "/panels/setup/", {"action": "add_member", "m-user": people[Agency.EDUCATION].pk}
    )
    assert "Choose the agency the member speaks for" in missing_agency.content.decode()


def test_caseworker_schedules_and_adds_a_case(panel, caseworker, case):
    client = signed_in_client(caseworker)
    past = client.post(
        "/panels/meetings/new/",
        {"held_on_day": "1", "held_on_month": "1", "held_on_year": "2026", "location": "Room 1"},
    )
    assert past.status_code == 400
    assert "The date of the meeting must be today or in the future" in past.content.decode()
    assert 'value="Room 1"' in past.content.decode()
    made = client.post(
        "/panels/meetings/new/", {"held_on_day": "2", "held_on_month": "3", "held_on_year": "2026"}
    )
    assert made.status_code == 302
    meeting = Meeting.objects.get()
    empty = client.post(f"/panels/meetings/{meeting.pk}/add-case/", {})
    assert "Choose a case to add to the agenda" in empty.content.decode()
    assert client.post(f"/panels/meetings/{meeting.pk}/add-case/", {"case": case.pk}).status_code == 302
    # The case page links to scheduling, and the schedule page works from there too.
    page = client.get(f"/casework/cases/{case.pk}/").content.decode()
    assert f"/panels/cases/{case.pk}/schedule/" in page
    assert "On the agenda of the meeting on" in page
    assert client.post(f"/panels/meetings/{meeting.pk}/", {"action": "publish"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.published_at is not None


def test_chair_records_attendance_and_decision_with_errors_first(item, people, case, parent):
    client = signed_in_client(people["chair"])
    meeting_id = item.meeting_id
    client.post(
        f"/panels/meetings/{meeting_id}/attendance/",
        {"present": [people["chair"].pk, people[Agency.EDUCATION].pk]},
    )
    url = f"/panels/meetings/{meeting_id}/cases/{item.pk}/decide/"
    no_quorum = client.post(url, {"decision": "yes", "reasons": REASONS})
    assert no_quorum.status_code == 400
    html = no_quorum.content.decode()
    assert "no member from health is present; no member from social care is present" in html
    assert "needs more help than SEN support can give" in html  # what was typed stays
    everyone_present(item.meeting, people, people["chair"])
    no_reasons = client.post(url, {"decision": "yes", "reasons": ""})
    assert "Give the reasons for the decision" in no_reasons.content.decode()
    done = client.post(url, {"decision": "yes", "reasons": REASONS})
    assert done.status_code == 302
    decision = Decision.objects.get()
    # The chair holds no council role: back to the meeting (a manager would go to the letter).
    assert done["Location"] == f"/panels/meetings/{meeting_id}/"
    assert decision.recorded_by == people["chair"]
    case.refresh_from_db()
    assert case.status == Status.ASSESSING
    meeting_page = client.get(f"/panels/meetings/{meeting_id}/").content.decode()
    assert "Change decision" in meeting_page and "Quorate" in meeting_page


def test_the_family_sees_the_decision_and_opens_the_letter(
    item, quorate, people, parent, case, django_capture_on_commit_callbacks
):
    from opensend.panels import services

    from .conftest import p

    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decision_record(by=p(people["chair"]), item=item, yes=False, reasons=REASONS)
    client = signed_in_client(parent)
    family = client.get(f"/casework/your-requests/{case.pk}/").content.decode()
    assert "Decisions and letters" in family
    assert f"/panels/decisions/{decision.pk}/letter/" in family
    assert f"/panels/decisions/{decision.pk}/letter.pdf" in family
    # A refusal's letter is its statutory notice: the panel's links lead there.
    notice = decision.notice
    assert f"/notices/{notice.pk}/" in family  # and the "Decision letters" section lists it
    letter = client.get(f"/panels/decisions/{decision.pk}/letter/", follow=True)
    assert letter.redirect_chain == [(f"/notices/{notice.pk}/", 302)]
    assert "Before you can appeal" in letter.content.decode()
    pdf = client.get(f"/panels/decisions/{decision.pk}/letter.pdf", follow=True)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_letter_page_shows_html_while_the_pdf_is_not_ready(item, quorate, people, parent):
    from opensend.panels import services

    from .conftest import p

    decision = services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    assert decision.letter.pdf_status == PdfStatus.PENDING
    client = signed_in_client(parent)
    page = client.get(f"/panels/decisions/{decision.pk}/letter/").content.decode()
    assert "The PDF copy of this letter is being made" in page
    assert "we will carry out an EHC needs assessment" in page
    assert client.get(f"/panels/decisions/{decision.pk}/letter.pdf").status_code == 404


def test_strangers_get_404(item, quorate, people):
    from opensend.panels import services
    from tests.factories import UserFactory

    from .conftest import p

    decision = services.decision_record(by=p(people["chair"]), item=item, yes=True, reasons=REASONS)
    client = signed_in_client(UserFactory())
    for url in (
        "/panels/",
        "/panels/setup/",
        f"/panels/meetings/{item.meeting_id}/",
        f"/panels/meetings/{item.meeting_id}/cases/{item.pk}/papers/",
        f"/panels/decisions/{decision.pk}/letter/",
    ):
        assert client.get(url).status_code == 404, url
