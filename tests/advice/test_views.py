"""The pages, through real HTTP requests: asking, writing, submitting twice, reading, messages, bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opensend.advice import services
from opensend.advice.models import AdviceRequest, Message
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, FamilyLinkFactory

from .conftest import PDF, content, p

pytestmark = pytest.mark.django_db


def test_the_caseworker_asks_for_advice_from_the_case_page(case, caseworker, health):
    client = signed_in_client(caseworker.user)
    page = client.get(f"/casework/cases/{case.pk}/").content.decode()
    assert "No advice asked for yet" in page and f"/advice/cases/{case.pk}/request/" in page
    form = client.get(f"/advice/cases/{case.pk}/request/").content.decode()
    assert "Dr Tom Fletcher" in form and 'value="preparing_for_adulthood"' not in form
    assert "it is asked for from Year 9" in form
    bad = client.post(
        f"/advice/cases/{case.pk}/request/", {"advice_type": "medical", "adviser": "", "question": ""}
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Choose a person or an organisation to ask" in text and "govuk-error-summary" in text
    membership = health.memberships.get()
    ok = client.post(
        f"/advice/cases/{case.pk}/request/",
        {"advice_type": "medical", "adviser": f"m{membership.pk}", "question": "Her health needs"},
    )
    assert ok.status_code == 302 and ok["Location"].endswith(f"/casework/cases/{case.pk}/#advice")
    page = client.get(f"/casework/cases/{case.pk}/").content.decode()
    assert "Dr Tom Fletcher" in page and "13 Apr 2026" in page and "Waiting" in page


def test_the_adviser_writes_saves_submits_and_cannot_submit_twice(asked, health, case):
    client = signed_in_client(health)
    mine = client.get("/advice/").content.decode()
    assert "Khan, Amira" in mine and "13 Apr 2026" in mine
    page = client.get(f"/advice/requests/{asked.pk}/").content.decode()
    assert "Her health needs" in page and "Finds reading and writing very hard" in page
    bad = client.post(
        f"/advice/requests/{asked.pk}/",
        {"action": "save", "needs_cognition": "Typed words", "document": SimpleUploadedFile("a.exe", b"MZ")},
    )
    assert bad.status_code == 400
    assert "must be a PDF or Word document (DOCX), smaller than 10MB" in bad.content.decode()
    assert "Typed words" in bad.content.decode()  # nothing typed is lost
    saved = client.post(f"/advice/requests/{asked.pk}/", {"action": "save", "needs_cognition": "Typed words"})
    assert saved.status_code == 302
    draft = asked.versions.get()
    data = {
        "action": "submit",
        "version": draft.version,
        "needs_cognition": "Typed words",
        "p0_area": "communication",
        "p0_what": "Speech and language therapy",
        "p0_who": "NHS SLT",
        "p0_how_often": "30 minutes a week",
        "p0_how_long": "A year",
        "document": SimpleUploadedFile("advice.pdf", PDF),
    }
    assert client.post(f"/advice/requests/{asked.pk}/", data).status_code == 302
    data.pop("document")
    twice = client.post(f"/advice/requests/{asked.pk}/", data)
    assert twice.status_code == 400
    assert "has not been submitted twice" in twice.content.decode()
    assert asked.versions.count() == 1
    done = client.get(f"/advice/requests/{asked.pk}/").content.decode()
    assert (
        "Submitted advice" in done and "Start a correction" in done and "Speech and language therapy" in done
    )
    assert client.get(f"/advice/versions/{asked.versions.get().pk}/document/").status_code == 200


def test_the_family_reads_submitted_advice_but_not_drafts(asked, health, parent, case):
    draft = services.advice_draft_save(
        by=p(health), request=asked, content=content(needs_cognition="Secret draft")
    )
    client = signed_in_client(parent)
    page = client.get(f"/casework/your-requests/{case.pk}/").content.decode()
    assert "Advice the council has asked for" in page and "Due by 13 April 2026" in page
    assert client.get(f"/advice/versions/{draft.pk}/").status_code == 404
    services.advice_submit(by=p(health), request=asked, content=content())
    page = client.get(f"/casework/your-requests/{case.pk}/").content.decode()
    assert "Medical (health) advice from Dr Tom Fletcher" in page
    read = client.get(f"/advice/versions/{draft.pk}/").content.decode()
    assert "Reads at a Year 1 level" in read and "Secret draft" not in read


def test_messages_are_posted_from_both_case_pages(case, parent, caseworker):
    family = signed_in_client(parent)
    sent = family.post(f"/advice/cases/{case.pk}/messages/", {"body": "Is there news?"})
    assert sent["Location"].endswith(f"/casework/your-requests/{case.pk}/#messages")
    empty = family.post(f"/advice/cases/{case.pk}/messages/", {"body": " "})
    assert empty.status_code == 400 and "Write your message" in empty.content.decode()
    staff = signed_in_client(caseworker.user)
    assert "Is there news?" in staff.get(f"/casework/cases/{case.pk}/").content.decode()
    reply = staff.post(f"/advice/cases/{case.pk}/messages/", {"body": "Yes: all advice is in."})
    assert reply["Location"].endswith(f"/casework/cases/{case.pk}/#messages")
    assert "Yes: all advice is in." in family.get(f"/casework/your-requests/{case.pk}/").content.decode()
    assert Message.objects.count() == 2


def test_all_advice_received_moves_the_case_on(asked, health, case, caseworker):
    services.advice_submit(by=p(health), request=asked, content=content())
    client = signed_in_client(caseworker.user)
    assert "All advice received" in client.get(f"/casework/cases/{case.pk}/").content.decode()
    stale = client.post(f"/advice/cases/{case.pk}/complete/", {"version": case.version + 5})
    assert stale.status_code == 400 and "Someone else changed this case" in stale.content.decode()
    moved = client.post(f"/advice/cases/{case.pk}/complete/", {"version": case.version})
    assert moved.status_code == 302
    case.refresh_from_db()
    assert case.status == "advice_complete"


def test_reuse_page_records_the_three_agreements(case, caseworker):
    client = signed_in_client(caseworker.user)
    bad = client.post(f"/advice/cases/{case.pk}/reuse/", {"advice_type": "psychological"})
    assert bad.status_code == 400 and "Enter the date the family agreed" in bad.content.decode()
    data = {
        "advice_type": "psychological",
        "source": "",
        "source_description": "EP report, November 2025",
        "family_agreed_by": "Pat Khan",
        "family_agreed_on_day": "20",
        "family_agreed_on_month": "2",
        "family_agreed_on_year": "2026",
        "adviser_agreed_by": "Dr A Patel",
        "adviser_agreed_on_day": "21",
        "adviser_agreed_on_month": "2",
        "adviser_agreed_on_year": "2026",
        "la_agreed_on_day": "22",
        "la_agreed_on_month": "2",
        "la_agreed_on_year": "2026",
    }
    assert client.post(f"/advice/cases/{case.pk}/reuse/", data).status_code == 302
    assert "EP report, November 2025" in client.get(f"/casework/cases/{case.pk}/").content.decode()


def test_overdue_page_groups_by_agency(asked, caseworker):
    AdviceRequest.objects.filter(pk=asked.pk).update(requested_on="2026-01-01", due_on="2026-02-12")
    page = signed_in_client(caseworker.user).get("/advice/overdue/").content.decode()
    assert "1 overdue, by agency" in page and "North ICB" in page and "Khan, Amira" in page


def test_strangers_get_404(asked, case, la):
    other_parent = FamilyLinkFactory(child=ChildFactory(responsible_la=la)).user
    client = signed_in_client(other_parent)
    urls = (
        "/advice/",
        "/advice/overdue/",
        f"/advice/requests/{asked.pk}/",
        f"/advice/cases/{case.pk}/request/",
    )
    for url in urls:
        assert client.get(url).status_code == 404, url

    assert client.post(f"/advice/cases/{case.pk}/messages/", {"body": "hi"}).status_code == 404
