"""The request pages, the desk, the case page and the family's view, through real HTTP requests."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opensend.casework.models import AssessmentRequest, CaseDocument, RequestDraft
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, UserFactory

from .conftest import TODAY
from .factories import CaseFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 evidence"


def _walk_to_check(client, child):
    assert client.post("/casework/request/", {"child": child.pk}).status_code == 302
    base = f"/casework/request/{child.pk}"
    for step, data in (
        ("needs", {"reasons": "He cannot read yet"}),
        ("support", {"support_so_far": "SEN support since Year 1"}),
        ("views", {"family_views": "A school that understands him"}),
        ("custody", {"in_youth_accommodation": "no"}),
        ("evidence", {}),
        ("consent", {"consent_given": "on"}),
    ):
        response = client.post(f"{base}/{step}/", data)
        assert response.status_code == 302, (step, response.content[:2000])
    return base


def test_a_parent_requests_an_assessment_through_every_page(parent, child):
    client = signed_in_client(parent)
    page = client.get("/casework/request/")
    assert page.status_code == 200 and child.full_name in page.content.decode()
    base = _walk_to_check(client, child)
    check = client.get(f"{base}/check/").content.decode()
    assert "He cannot read yet" in check and "A school that understands him" in check
    response = client.post(f"{base}/check/")
    case = AssessmentRequest.objects.get()
    assert response["Location"] == f"/casework/request/sent/{case.pk}/"
    sent = client.get(response["Location"]).content.decode()
    assert case.reference in sent and "13 April 2026" in sent
    assert not RequestDraft.objects.exists()


def test_only_the_parents_own_children_are_offered(parent, child, la):
    stranger = ChildFactory(responsible_la=la)
    client = signed_in_client(parent)
    assert stranger.full_name not in client.get("/casework/request/").content.decode()
    assert client.post("/casework/request/", {"child": stranger.pk}).status_code == 200  # not a choice
    assert client.get(f"/casework/request/{stranger.pk}/needs/").status_code == 404


def test_save_and_come_back_later_keeps_the_answer_and_offers_to_continue(parent, child):
    client = signed_in_client(parent)
    client.post("/casework/request/", {"child": child.pk})
    response = client.post(
        f"/casework/request/{child.pk}/needs/", {"reasons": "Half an answer", "save_later": "1"}
    )
    assert response["Location"] == "/casework/request/"
    start = client.get("/casework/request/").content.decode()
    assert f"Continue your request for {child.full_name}" in start
    # A new session (another day) finds it again.
    again = signed_in_client(parent)
    assert "Half an answer" in again.get(f"/casework/request/{child.pk}/needs/").content.decode()


def test_a_missing_answer_shows_the_error_summary(parent, child):
    client = signed_in_client(parent)
    client.post("/casework/request/", {"child": child.pk})
    page = client.post(f"/casework/request/{child.pk}/needs/", {"reasons": ""}).content.decode()
    assert "There is a problem" in page and 'href="#id_reasons"' in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.exe", b"MZ", "must be a PDF, Word document (DOCX), JPG or PNG"),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1), "smaller than 10MB"),
    ],
)
def test_a_bad_upload_says_what_is_allowed_and_keeps_the_answers(parent, child, name, content, message):
    client = signed_in_client(parent)
    client.post("/casework/request/", {"child": child.pk})
    client.post(f"/casework/request/{child.pk}/needs/", {"reasons": "Typed before the upload"})
    response = client.post(
        f"/casework/request/{child.pk}/evidence/", {"upload": "1", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert RequestDraft.objects.get().answers["reasons"] == "Typed before the upload"
    assert not CaseDocument.objects.exists()


def test_a_good_upload_is_listed_and_can_be_removed(parent, child):
    client = signed_in_client(parent)
    client.post("/casework/request/", {"child": child.pk})
    url = f"/casework/request/{child.pk}/evidence/"
    assert client.post(url, {"upload": "1", "file": SimpleUploadedFile("report.pdf", PDF)}).status_code == 302
    assert "report.pdf" in client.get(url).content.decode()
    document = CaseDocument.objects.get()
    client.post(url, {"remove": str(document.pk)})
    assert not CaseDocument.objects.exists()


def test_a_child_with_an_open_request_is_refused_at_the_first_page(parent, child):
    CaseFactory(child=child)
    client = signed_in_client(parent)
    page = client.post("/casework/request/", {"child": child.pk}).content.decode()
    assert "There is a problem" in page and "already an open request" in page


def test_a_young_person_over_25_is_refused_at_the_first_page(la):
    young_person = UserFactory()
    older = ChildFactory(responsible_la=la, date_of_birth=dt.date(2000, 1, 1), young_person_user=young_person)
    page = signed_in_client(young_person).post("/casework/request/", {"child": older.pk}).content.decode()
    assert "up to their 25th birthday" in page


def test_submit_refused_at_check_keeps_the_draft(parent, child):
    client = signed_in_client(parent)
    base = _walk_to_check(client, child)
    CaseFactory(child=child)  # someone else's request arrived meanwhile
    page = client.post(f"{base}/check/").content.decode()
    assert "already an open request" in page
    assert RequestDraft.objects.get().answers["reasons"] == "He cannot read yet"


def test_the_senco_requests_for_a_child_at_their_setting(senco, child):
    client = signed_in_client(senco.user)
    base = _walk_to_check(client, child)
    assert "knows about this request" in client.get(f"{base}/consent/").content.decode()
    client.post(f"{base}/check/")
    assert AssessmentRequest.objects.get().source == 2


def test_la_staff_record_a_request_and_keep_typing_on_error(caseworker, child):
    client = signed_in_client(caseworker.user)
    url = f"/casework/children/{child.pk}/record-request/"
    data = {
        "source": "3",
        "requester_name": "Dr Ola",
        "received_on_day": "2",
        "received_on_month": "2",
        "received_on_year": "2027",
        "reasons": "Referred by the paediatrician",
        "in_youth_accommodation": "no",
        "consent_given": "on",
    }
    page = client.post(url, data).content.decode()
    assert "today or in the past" in page and "Referred by the paediatrician" in page
    response = client.post(url, data | {"received_on_year": "2026"})
    case = AssessmentRequest.objects.get()
    assert response["Location"] == f"/casework/cases/{case.pk}/"
    assert (case.source, case.received_on) == (3, dt.date(2026, 2, 2))


def test_the_desk_filters_sorts_and_pages(caseworker, la, setting):
    CaseFactory(child=ChildFactory(responsible_la=la, last_name="Aardvark"), caseworker=caseworker.user)
    CaseFactory(child=ChildFactory(responsible_la=la, last_name="Zebra"), received_on=dt.date(2025, 12, 1))
    CaseFactory(
        child=ChildFactory(responsible_la=la, last_name="Moth", current_setting=setting),
        received_on=dt.date(2026, 2, 1),
        primary_need="ASD",
    )
    CaseFactory(child=ChildFactory(), received_on=dt.date(2026, 1, 20))  # another council's
    client = signed_in_client(caseworker.user)

    def names(query):
        page = client.get(f"/casework/?{query}")
        assert page.status_code == 200
        return [c.child.last_name for c in page.context["page"].object_list]

    assert names("") == ["Zebra", "Aardvark", "Moth"]  # by next deadline
    assert names("scope=mine") == ["Aardvark"]
    assert names("due=overdue") == ["Zebra", "Aardvark"]
    assert names("due=28") == ["Moth"]
    assert names("due=7") == []
    assert names("need=ASD") == ["Moth"]
    assert names(f"setting={setting.pk}") == ["Moth"]
    assert names("caseworker=none") == ["Zebra", "Moth"]
    assert names(f"caseworker={caseworker.user.pk}") == ["Aardvark"]
    assert names("sort=name") == ["Aardvark", "Moth", "Zebra"]
    assert names("sort=-received") == ["Moth", "Aardvark", "Zebra"]
    assert names("stage=closed") == []


def test_the_case_page_shows_every_due_date_with_its_regulation(caseworker, child):
    case = CaseFactory(child=child)
    page = signed_in_client(caseworker.user).get(f"/casework/cases/{case.pk}/").content.decode()
    for text in ("16 February 2026", "27 April 2026", "25 May 2026", "regulation 5(1)", "regulation 13(2)"):
        assert text in page


def test_caseworker_moves_allocates_notes_and_records_an_exception_from_the_case_page(caseworker, child):
    case = CaseFactory(child=child)
    client = signed_in_client(caseworker.user)
    url = f"/casework/cases/{case.pk}/"
    assert (
        client.post(url, {"action": "transition", "t-to": "considering", "t-version": "1"}).status_code == 302
    )
    assert (
        client.post(
            url, {"action": "allocate", "a-caseworker": caseworker.user.pk, "a-version": "2"}
        ).status_code
        == 302
    )
    assert client.post(url, {"action": "note", "n-text": "Phoned the school"}).status_code == 302
    response = client.post(
        url,
        {
            "action": "exception",
            "e-kind": "EXCEPTIONAL_PERSONAL",
            "e-starts_on_day": "20",
            "e-starts_on_month": "1",
            "e-starts_on_year": "2026",
        },
    )
    assert response.status_code == 302
    response = client.post(url, {"action": "upload", "u-file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.caseworker, case.version) == ("considering", caseworker.user, 3)
    page = client.get(url).content.decode()
    assert "Phoned the school" in page and "Applies." in page and "a.pdf" in page
    document = CaseDocument.objects.get()
    download = client.get(f"/casework/cases/{case.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_two_caseworkers_the_second_sees_a_conflict_and_keeps_their_reasons(caseworker, manager, child):
    case = CaseFactory(child=child)
    first, second = signed_in_client(caseworker.user), signed_in_client(manager.user)
    url = f"/casework/cases/{case.pk}/"
    assert (
        first.post(url, {"action": "transition", "t-to": "considering", "t-version": "1"}).status_code == 302
    )
    response = second.post(
        url,
        {"action": "transition", "t-to": "withdrawn", "t-reason": "Family moved to Spain", "t-version": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else changed this case" in page and "Family moved to Spain" in page
    case.refresh_from_db()
    assert (case.status, case.version) == ("considering", 2)


def test_the_family_sees_the_stage_in_plain_english_and_the_dates(parent, child, caseworker):
    case = CaseFactory(child=child, status="considering")
    client = signed_in_client(parent)
    listing = client.get("/casework/your-requests/").content.decode()
    assert "The council is considering an assessment" in listing and "16 February 2026" in listing
    page = client.get(f"/casework/your-requests/{case.pk}/").content.decode()
    assert "within 6 weeks of receiving the request" in page and "20 weeks" in page
    # The staff page sends them to their own view; notes are never shown to them.
    assert client.get(f"/casework/cases/{case.pk}/")["Location"] == f"/casework/your-requests/{case.pk}/"


def test_a_parent_cannot_see_another_familys_case(parent, la):
    other = CaseFactory(child=ChildFactory(responsible_la=la))
    client = signed_in_client(parent)
    assert client.get(f"/casework/your-requests/{other.pk}/").status_code == 404
    assert client.get(f"/casework/cases/{other.pk}/").status_code == 404


def test_today_is_the_frozen_test_day():
    assert dt.date(2026, 3, 2) == TODAY
