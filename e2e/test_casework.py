"""A parent requests an EHC needs assessment through every page (on a phone), a caseworker sees it
on the desk and moves it to "considering", and the parent sees the new stage. Axe on every page."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    SettingFactory,
    UserFactory,
)

from opensend.accounts.roles import Role
from opensend.casework.models import AssessmentRequest

from .conftest import Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def test_casework(live_server, page: Page, phone_page: Page, journey: Journey, tmp_path: Path) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    setting = SettingFactory(local_authority=la, name="Hollybrook Primary School")
    child = ChildFactory(
        first_name="Leo",
        last_name="Taylor",
        responsible_la=la,
        current_setting=setting,
        date_of_birth=dt.date(2017, 4, 2),
    )
    parent = UserFactory(full_name="Sam Taylor")
    FamilyLinkFactory(child=child, user=parent)
    caseworker, device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")

    # The parent, on a phone ---------------------------------------------------------------------
    phone = phone_page
    sign_in(phone, base, parent.email)
    phone.goto(f"{base}/casework/request/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Request an EHC needs assessment")
    journey.check(phone, "start")
    phone.get_by_label("Leo Taylor").check()
    phone.get_by_role("button", name="Start now").click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text("What are the child's needs")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("Describe the child's needs")
    journey.check(phone, "needs-error")
    phone.get_by_label("What are the child's needs").fill(
        "Leo cannot read yet and is very anxious at school."
    )
    phone.get_by_role("button", name="Save and come back later").click()
    expect(phone.get_by_role("link", name="Continue your request for Leo Taylor")).to_be_visible()
    journey.check(phone, "saved")
    phone.get_by_role("link", name="Continue your request for Leo Taylor").click()
    journey.check(phone, "check-unfinished")
    phone.goto(f"{base}/casework/request/{child.pk}/needs/")
    expect(phone.get_by_label("What are the child's needs")).to_have_value(
        "Leo cannot read yet and is very anxious at school."
    )
    journey.check(phone, "needs")
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("What help has the child had so far?")
    journey.check(phone, "support")
    phone.get_by_label("What help has the child had so far?").fill("SEN support since Year 1.")
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text("What would you like to happen?")
    journey.check(phone, "views")
    phone.get_by_label("What would you like to happen?").fill("A school that understands him.")
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text("youth custody")
    journey.check(phone, "custody")
    phone.get_by_label("No").check()
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Add evidence")
    journey.check(phone, "evidence")
    bad = tmp_path / "virus.exe"
    bad.write_bytes(b"MZ")
    phone.get_by_label("Upload a file (optional)").set_input_files(str(bad))
    phone.get_by_role("button", name="Upload file").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("PDF, Word document (DOCX), JPG or PNG")
    journey.check(phone, "evidence-error")
    good = tmp_path / "school-report.pdf"
    good.write_bytes(b"%PDF-1.4 report")
    phone.get_by_label("Upload a file (optional)").set_input_files(str(good))
    phone.get_by_role("button", name="Upload file").click()
    expect(phone.locator(".govuk-summary-list")).to_contain_text("school-report.pdf")
    phone.get_by_role("button", name="Continue", exact=True).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Agreement")
    journey.check(phone, "consent")
    phone.get_by_label("I agree that the council").check()
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your request"
    )
    expect(phone.locator(".govuk-summary-list")).to_contain_text("school-report.pdf")
    journey.check(phone, "check")
    phone.get_by_role("button", name="Send request").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Request sent")
    journey.check(phone, "sent")
    case = AssessmentRequest.objects.get()
    phone.get_by_role("link", name="Follow the request").click()
    expect(phone.locator(".govuk-inset-text")).to_contain_text("Request received")
    journey.check(phone, "family-case-received")

    # The caseworker, at a desk ------------------------------------------------------------------
    sign_in(page, base, caseworker.email)
    enter_security_code(page, device, journey)
    page.goto(f"{base}/casework/")
    expect(page.get_by_role("table")).to_contain_text("1 case")
    journey.check(page, "desk")
    page.get_by_role("link", name="Taylor, Leo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leo Taylor")
    expect(page.get_by_role("table", name="Statutory dates")).to_contain_text("regulation 5(1)")
    journey.check(page, "case")
    page.get_by_label("Considering whether to assess").check()
    page.get_by_role("button", name="Move case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Considering whether to assess")
    journey.check(page, "case-moved")
    case.refresh_from_db()
    assert case.status == "considering"

    # The parent sees the new stage ---------------------------------------------------------------
    phone.goto(f"{base}/casework/your-requests/")
    expect(phone.get_by_text("The council is considering an assessment")).to_be_visible()
    journey.check(phone, "family-list")
    phone.get_by_role("link", name=re.compile("See the request")).click()
    expect(phone.locator(".govuk-inset-text")).to_contain_text("The council is considering an assessment")
    journey.check(phone, "family-case")
    journey.finish()
