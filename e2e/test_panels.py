"""A council's SEND manager sets up its multi-agency panel, a caseworker puts a case on a meeting's
agenda, the chair records attendance and a decision to assess, and the parent reads the decision
and opens its letter. Axe on every page."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.casework.factories import CaseFactory
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    SettingFactory,
    UserFactory,
)

from opensend.accounts.roles import Role
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.core import clock
from opensend.panels.models import Decision

from .conftest import TIMEOUT_MS, Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def _fresh(browser: Browser) -> Page:
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def test_panels(live_server, browser: Browser, page: Page, phone_page: Page, journey: Journey) -> None:
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
    case = CaseFactory(
        child=child, status=Status.PANEL_ASSESS, received_on=clock.today() - dt.timedelta(days=30)
    )
    manager, manager_device = staff(Role.LA_SEND_MANAGER, la, full_name="Helen Murray")
    caseworker, caseworker_device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")
    chair, chair_device = staff(Role.PANEL_MEMBER, la, full_name="David Cohen")
    members = {
        "education": staff(Role.PANEL_MEMBER, la, full_name="Sarah Okafor")[0],
        "health": staff(Role.PANEL_MEMBER, la, full_name="Imran Malik")[0],
        "social_care": staff(Role.PANEL_MEMBER, la, full_name="Joanne Price")[0],
    }

    # The SEND manager sets up the panel ---------------------------------------------------------
    sign_in(page, base, manager.email)
    enter_security_code(page, manager_device, journey)
    page.goto(f"{base}/panels/setup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel set-up")
    journey.check(page, "setup-empty")
    page.get_by_label("Name of the panel").fill("")
    page.get_by_role("button", name="Save panel").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the panel's name")
    journey.check(page, "setup-error")
    page.get_by_label("Name of the panel").fill("Northshire County Council EHC panel")
    page.get_by_role("button", name="Save panel").click()
    expect(page.get_by_text("Panel saved")).to_be_visible()
    for user, agency in [
        (chair, "Education"),
        *[(u, a.replace("_", " ").capitalize()) for a, u in members.items()],
    ]:
        page.get_by_label("Person").select_option(label=f"{user.full_name} ({user.email})")
        page.get_by_label(agency, exact=True).check()
        page.get_by_role("button", name="Add member").click()
        expect(page.get_by_text(f"{user.full_name} added to the panel")).to_be_visible()
    page.get_by_label("Chair").select_option(label="David Cohen (Education)")
    page.get_by_role("button", name="Save panel").click()
    expect(page.get_by_role("table")).to_contain_text("Chair")
    journey.check(page, "setup")

    # The caseworker schedules a meeting and puts the case on it -------------------------------------
    page = _fresh(browser)
    sign_in(page, base, caseworker.email)
    enter_security_code(page, caseworker_device, journey)
    page.goto(f"{base}/panels/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel meetings")
    journey.check(page, "meetings-empty")
    page.get_by_role("link", name="Schedule a meeting").click()
    today = clock.today()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill(str(today.year - 1))
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("today or in the future")
    journey.check(page, "meeting-new-error")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Where (optional)").fill("Room 3.14")
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Panel meeting")
    journey.check(page, "meeting-new")

    page.goto(f"{base}/casework/cases/{case.pk}/")
    page.get_by_role("link", name="Add to a panel meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add Leo Taylor to a panel meeting")
    journey.check(page, "case-schedule")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Add to meeting").click()
    expect(page.get_by_text("Added to the panel meeting on")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"\d+ \w+ \d{4}")).first.click()
    page.get_by_role("button", name="Publish agenda to members").click()
    expect(page.get_by_text("Agenda published")).to_be_visible()
    journey.check(page, "meeting-published")

    # The chair records attendance and the decision ----------------------------------------------
    page = _fresh(browser)
    sign_in(page, base, chair.email)
    enter_security_code(page, chair_device, journey)
    page.goto(f"{base}/panels/")
    page.get_by_role("link", name=re.compile(r"\d+ \w+ \d{4}")).first.click()
    journey.check(page, "meeting-chair")
    page.get_by_role("link", name="Papers for Leo Taylor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leo Taylor")
    journey.check(page, "papers")
    page.go_back()
    page.get_by_role("link", name="Record decision for Leo Taylor").click()
    page.get_by_label("Carry out an EHC needs assessment").check()
    page.get_by_label("Reasons").fill(
        "Leo's school has shown that he needs more help than it can give from its own resources."
    )
    page.get_by_role("button", name="Record decision and send letter").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("the chair is not present")
    expect(page.get_by_label("Reasons")).to_have_value(re.compile("Leo's school has shown"))
    journey.check(page, "decide-no-quorum")
    page.get_by_role("link", name="Record attendance").first.click()
    page.get_by_label("David Cohen, education (chair)").check()
    for user in members.values():
        page.get_by_label(re.compile(f"^{user.full_name}")).check()
    journey.check(page, "attendance")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Quorate.")).to_be_visible()
    page.get_by_role("link", name="Record decision for Leo Taylor").click()
    page.get_by_label("Carry out an EHC needs assessment").check()
    page.get_by_label("Reasons").fill(
        "Leo's school has shown that he needs more help than it can give from its own resources."
    )
    journey.check(page, "decide")
    page.get_by_role("button", name="Record decision and send letter").click()
    # The chair holds no council role, so cannot read the family's letter: back to the meeting.
    expect(page.get_by_text("Decision recorded for Leo Taylor: the family has been told")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Yes")
    journey.check(page, "meeting-decided")
    assert AssessmentRequest.objects.get(pk=case.pk).status == Status.ASSESSING

    # The parent sees the decision and opens the letter ----------------------------------------------
    phone = phone_page
    sign_in(phone, base, parent.email)
    phone.goto(f"{base}/casework/your-requests/{case.pk}/")
    expect(phone.get_by_role("heading", name="Decisions and letters")).to_be_visible()
    expect(phone.locator(".govuk-summary-card")).to_contain_text("Leo's school has shown")
    journey.check(phone, "family-case")
    phone.get_by_role("link", name=re.compile("Read the letter")).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("we will carry out an EHC needs assessment")
    journey.check(phone, "family-letter")
    decision = Decision.objects.get()
    pdf = phone.request.get(f"{base}/panels/decisions/{decision.pk}/letter.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    journey.finish()
