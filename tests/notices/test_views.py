"""The notice pages (letter, PDF, a child's letters), the council details page, and refusals made on
the caseworker's case page, through real HTTP requests."""

import pytest
from django.test import Client

from opensend.access.models import AuditEvent
from opensend.casework.models import AssessmentRequest
from opensend.notices.models import CouncilDetails, DecisionNotice
from tests.conftest import signed_in_client
from tests.factories import (
    FamilyLinkFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    UserFactory,
)
from tests.notices.factories import NoticeFactory

from .conftest import REASONS, TODAY, p

pytestmark = pytest.mark.django_db


def _issue(caseworker, case):
    from opensend.notices import services

    return services.notice_issue(
        by=p(caseworker), kind="refuse_assess", child=case.child, case=case, reasons=REASONS, decided_on=TODAY
    )


def test_the_family_reads_the_letter_and_its_pdf_and_the_read_is_audited(
    details, caseworker, case, parent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = _issue(caseworker, case)
    client = signed_in_client(parent)
    page = client.get(f"/notices/{notice.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Decision about Amira Khan: we will not carry out an EHC needs assessment" in html
    assert f"/notices/{notice.pk}/letter.pdf" in html and "<!DOCTYPE" not in html.split("<main", 1)[1]
    assert AuditEvent.objects.filter(
        action="notice.viewed", child_id=case.child_id, actor_id=parent.pk
    ).exists()
    pdf = client.get(f"/notices/{notice.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # The child's letters, linked from the child's page, and the case page's section.
    assert "Decision letters" in client.get(f"/children/{case.child_id}/").content.decode()
    letters = client.get(f"/notices/children/{case.child_id}/").content.decode()
    assert f"/notices/{notice.pk}/" in letters and "Appeal by" in letters
    assert f"/notices/{notice.pk}/" in client.get(f"/casework/your-requests/{case.pk}/").content.decode()


def test_the_letter_shows_while_its_pdf_is_being_made(details, caseworker, case, parent):
    notice = _issue(caseworker, case)  # the PDF task runs after commit, which this test never reaches
    client = signed_in_client(parent)
    assert (
        "The PDF copy of this letter is being made" in client.get(f"/notices/{notice.pk}/").content.decode()
    )
    assert client.get(f"/notices/{notice.pk}/letter.pdf").status_code == 404


def test_a_replaced_letter_points_to_the_new_one(details, caseworker, case, parent):
    from opensend.notices import services

    first = _issue(caseworker, case)
    second = services.notice_issue(
        by=p(caseworker), kind="refuse_assess", child=case.child, case=case, reasons=REASONS + " More.",
        decided_on=TODAY, supersedes=first,
    )  # fmt: skip
    page = signed_in_client(parent).get(f"/notices/{first.pk}/").content.decode()
    assert "This letter was replaced on 2 March 2026" in page and f"/notices/{second.pk}/" in page


def test_everyone_else_gets_the_same_404(la, case, parent):
    notice = NoticeFactory(case=case)
    other_la_staff = MembershipFactory(role="la_caseworker", organisation=LocalAuthorityFactory()).user
    senco = MembershipFactory(role="senco", organisation=SettingFactory(local_authority=la)).user
    parent_without_pr = FamilyLinkFactory(child=case.child, has_parental_responsibility=False).user
    stranger_parent = FamilyLinkFactory(user=UserFactory()).user
    for user in (other_la_staff, senco, parent_without_pr, stranger_parent):
        client = signed_in_client(user)
        for url in (
            f"/notices/{notice.pk}/",
            f"/notices/{notice.pk}/letter.pdf",
            f"/notices/children/{case.child_id}/",
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert client.get("/notices/999999/").status_code == 404
    assert Client().get(f"/notices/{notice.pk}/").status_code == 302


def test_the_council_that_decided_and_the_childs_council_now_both_read_the_letter(case, parent):
    notice = NoticeFactory(case=case)
    deciding = MembershipFactory(role="la_caseworker", organisation=notice.local_authority).user
    new_la = LocalAuthorityFactory()
    case.child.responsible_la = new_la
    case.child.save()
    responsible = MembershipFactory(role="la_send_manager", organisation=new_la).user
    for user in (deciding, responsible):
        assert signed_in_client(user).get(f"/notices/{notice.pk}/").status_code == 200


# Refusals on the caseworker's case page --------------------------------------------------------


def _move(client, case, **data):
    return client.post(
        f"/casework/cases/{case.pk}/",
        {"action": "transition", "t-to": "decided_not_to_assess", "t-version": case.version, **data},
    )


def test_a_caseworker_refuses_on_the_case_page_and_the_letter_is_written(details, caseworker, case, parent):
    client = signed_in_client(caseworker)
    page = client.get(f"/casework/cases/{case.pk}/").content.decode()
    assert 'value="decided_not_to_assess"' in page  # a council without a panel decides here
    no_reasons = _move(client, case)
    assert no_reasons.status_code == 400
    assert "Give the reasons: they go in the letter or email to the family" in no_reasons.content.decode()
    moved = _move(client, case, **{"t-reason": REASONS})
    assert moved.status_code == 302
    notice = DecisionNotice.objects.get(case=case)
    assert notice.kind == "refuse_assess" and notice.decided_by == caseworker
    staff_page = client.get(f"/casework/cases/{case.pk}/").content.decode()
    assert f"/notices/{notice.pk}/" in staff_page


def test_a_refusal_with_incomplete_council_details_keeps_what_was_typed_and_names_the_setting(
    la, caseworker, case
):
    CouncilDetails.objects.create(local_authority=la, sendiass_name="Northshire SENDIASS")
    response = _move(signed_in_client(caseworker), case, **{"t-reason": REASONS})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The letter cannot be sent, so the decision has not been made" in html
    assert "Mediation adviser: its name and a telephone number or email address" in html
    assert "SENDIASS (information, advice and support service): a telephone number or email address" in html
    assert REASONS.replace("'", "&#x27;") in html  # what was typed is kept
    assert AssessmentRequest.objects.get(pk=case.pk).status == "panel_assess"


# The council's details page -----------------------------------------------------------------------


def test_the_send_manager_fills_in_the_details_and_errors_keep_what_was_typed(la, manager):
    client = signed_in_client(manager)
    home = client.get("/notices/council-details/")
    assert home.status_code == 302 and home["Location"] == f"/notices/council-details/{la.pk}/"
    empty = client.get(home["Location"]).content.decode()
    assert "Until these are filled in, the council cannot make a decision that needs a letter" in empty
    form = {f"sendiass_{k}": v for k, v in {"name": "Northshire SENDIASS", "email": "not-an-email"}.items()}
    bad = client.post(home["Location"], form)
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "There is a problem" in html and "enter an email address in the correct format" in html
    assert 'value="Northshire SENDIASS"' in html and 'value="not-an-email"' in html
    form["sendiass_email"] = "sendiass@example.org"
    assert client.post(home["Location"], form).status_code == 302
    assert CouncilDetails.objects.get(local_authority=la).sendiass_email == "sendiass@example.org"


def test_a_caseworker_reads_the_details_and_cannot_change_them(details, caseworker, la):
    client = signed_in_client(caseworker)
    page = client.get(f"/notices/council-details/{la.pk}/").content.decode()
    assert "Northshire SENDIASS" in page and "Save council details" not in page
    assert client.post(f"/notices/council-details/{la.pk}/", {"sendiass_name": "X"}).status_code == 404
    other = LocalAuthorityFactory()
    assert client.get(f"/notices/council-details/{other.pk}/").status_code == 404
