"""Issue 5 item 8: the whole EHC needs assessment journey in one browser per person.

A parent (on a phone) requests an assessment through every page; the caseworker moves the case to
the panel; the panel's chair records a quorate decision to assess with reasons; the parent reads
the decision and its letter; the caseworker asks a health professional for medical advice; the
health professional signs in with a security code, writes structured advice and submits it; the
parent sees the advice on their case page, with the statutory dates. Axe on every page anyone sees.

Only the starting world is built with factories (and the panel with the panels services, as a SEND
manager would on /panels/setup/, which e2e/test_panels.py walks through). Everything after that is
done through the pages. Expected dates come from the rule book (`engine.due_date`), never by hand.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    OrganisationFactory,
    SettingFactory,
    UserFactory,
)

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import OrganisationKind, Role
from opensend.advice.models import AdviceRequest
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.core import clock
from opensend.panels import services as panel_services
from opensend.panels.codes import Agency
from opensend.panels.models import Decision
from opensend.rulebook.engine import due_date

from .conftest import DESKTOP, TIMEOUT_MS, Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

REASONS = "Leo's school has shown that he needs more help than it can give from its own resources."
NEEDS = "Leo cannot read yet and is very anxious at school."


def long(day: dt.date) -> str:
    """A date as the pages print it ("j F Y")."""
    return f"{day.day} {day:%B %Y}"


def short(day: dt.date) -> str:
    """A date as the tables print it ("j M Y")."""
    return f"{day.day} {day:%b %Y}"


@pytest.fixture
def desk(browser: Browser) -> Iterator[Callable[[], Page]]:
    """A new desktop browser (context) for each person at a desk; all closed after the test."""
    contexts: list[BrowserContext] = []

    def new() -> Page:
        context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport=DESKTOP)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


def open_menu_link(page: Page, name: str) -> None:
    """Follow a service navigation link; on a phone the links are behind the "Menu" button."""
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True).click()


def test_assessment_journey(
    live_server, phone_page: Page, desk: Callable[[], Page], journey: Journey, tmp_path: Path
) -> None:
    base = live_server.url

    # The starting world --------------------------------------------------------------------------
    la = LocalAuthorityFactory(name="Northshire County Council")
    setting = SettingFactory(local_authority=la, name="Hollybrook Primary School")
    MembershipFactory(role=Role.SENCO, organisation=setting, user=UserFactory(full_name="Grace Adeyemi"))
    child = ChildFactory(
        first_name="Leo",
        last_name="Taylor",
        responsible_la=la,
        current_setting=setting,
        date_of_birth=dt.date(2017, 4, 2),
    )
    parent = UserFactory(full_name="Sam Taylor")
    FamilyLinkFactory(child=child, user=parent)
    caseworker, caseworker_device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")
    manager, _ = staff(Role.LA_SEND_MANAGER, la, full_name="Helen Murray")
    chair, chair_device = staff(Role.PANEL_MEMBER, la, full_name="David Cohen")
    members = {
        Agency.EDUCATION: staff(Role.PANEL_MEMBER, la, full_name="Sarah Okafor")[0],
        Agency.HEALTH: staff(Role.PANEL_MEMBER, la, full_name="Imran Malik")[0],
        Agency.SOCIAL_CARE: staff(Role.PANEL_MEMBER, la, full_name="Joanne Price")[0],
    }
    by_manager = principal_for_user(manager)
    panel = panel_services.panel_configure(
        by=by_manager,
        local_authority=la,
        name="Northshire EHC panel",
        quorum_agencies=["education", "health", "social_care"],
    )
    panel_services.panel_member_add(by=by_manager, panel=panel, user=chair, agency=Agency.EDUCATION)
    for agency, user in members.items():
        panel_services.panel_member_add(by=by_manager, panel=panel, user=user, agency=agency)
    panel_services.panel_configure(
        by=by_manager,
        local_authority=la,
        name=panel.name,
        quorum_agencies=panel.quorum_agencies,
        chair=chair,
    )
    icb = OrganisationFactory(
        kind=OrganisationKind.HEALTH_BODY, local_authority=la, name="Northshire Integrated Care Board"
    )
    doctor, doctor_device = staff(Role.HEALTH_PROFESSIONAL, icb, full_name="Dr Tom Fletcher")

    today = clock.today()
    a2 = due_date("A2", today).due  # decision whether to assess, from the request
    a4 = due_date("A4", today).due  # decision whether to issue a plan, from the request
    a8 = due_date("A8", today).due  # the final plan, from the request
    a3 = due_date("A3", today).due  # advice, from the day it is asked for (and the letter's date)

    # 1. The parent, on a phone, requests an assessment through every page -------------------------
    phone = phone_page
    sign_in(phone, base, parent.email, journey)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hello, Sam Taylor")
    journey.check(phone, "parent-home")
    phone.get_by_role("link", name="Request an education, health and care (EHC) needs assessment").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Request an EHC needs assessment")
    journey.check(phone, "parent-request-start")
    phone.get_by_label("Leo Taylor").check()
    phone.get_by_role("button", name="Start now").click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text("What are the child's needs")
    journey.check(phone, "parent-request-needs")
    phone.get_by_label("What are the child's needs").fill(NEEDS)
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("What help has the child had so far?")
    journey.check(phone, "parent-request-support")
    phone.get_by_label("What help has the child had so far?").fill("SEN support since Year 1.")
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text("What would you like to happen?")
    journey.check(phone, "parent-request-views")
    phone.get_by_label("What would you like to happen?").fill("A school that understands him.")
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text("youth custody")
    journey.check(phone, "parent-request-custody")
    phone.get_by_label("No").check()
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Add evidence")
    journey.check(phone, "parent-request-evidence")
    report = tmp_path / "school-report.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    phone.get_by_label("Upload a file (optional)").set_input_files(str(report))
    phone.get_by_role("button", name="Upload file").click()
    expect(phone.locator(".govuk-summary-list")).to_contain_text("school-report.pdf")
    journey.check(phone, "parent-request-evidence-uploaded")
    phone.get_by_role("button", name="Continue", exact=True).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Agreement")
    journey.check(phone, "parent-request-consent")
    phone.get_by_label("I agree that the council").check()
    phone.get_by_role("button", name="Continue").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your request"
    )
    answers = phone.locator(".govuk-summary-list")
    for answer in (NEEDS, "SEN support since Year 1.", "A school that understands him.", "school-report.pdf"):
        expect(answers).to_contain_text(answer)
    journey.check(phone, "parent-request-check")
    phone.get_by_role("button", name="Send request").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Request sent")
    case = AssessmentRequest.objects.get(child=child)
    expect(phone.locator(".govuk-panel")).to_contain_text(case.reference)
    expect(phone.get_by_text("The council must tell you by")).to_contain_text(long(a2))
    expect(phone.get_by_text(f"received the request for Leo Taylor on {long(today)}")).to_be_visible()
    journey.check(phone, "parent-request-sent")
    phone.get_by_role("link", name="Follow the request").click()
    expect(phone.locator(".govuk-inset-text")).to_contain_text("Request received")
    expect(phone.locator(".govuk-inset-text")).to_contain_text(long(a2))
    journey.check(phone, "parent-case-received")

    # 2. The caseworker finds it on the desk and moves it to the panel -----------------------------
    worker = desk()
    sign_in(worker, base, caseworker.email)
    enter_security_code(worker, caseworker_device, journey, "caseworker-security-code")
    open_menu_link(worker, "Cases")
    row = worker.get_by_role("row").filter(has_text="Taylor, Leo")
    expect(worker.get_by_role("table")).to_contain_text("1 case")
    expect(row).to_contain_text("Request received")
    expect(row).to_contain_text(f"{short(a2)} (A2)")
    journey.check(worker, "caseworker-desk")
    worker.get_by_role("link", name="Taylor, Leo").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Leo Taylor")
    expect(worker.get_by_text("Next deadline:")).to_contain_text(f"{long(a2)} (A2)")
    dates = worker.get_by_role("table", name="Statutory dates")
    for day in (a2, a4, a8):
        expect(dates).to_contain_text(long(day))
    journey.check(worker, "caseworker-case-received")
    worker.get_by_label("Considering whether to assess").check()
    worker.get_by_role("button", name="Move case").click()
    expect(worker.locator(".govuk-notification-banner")).to_contain_text("Considering whether to assess")
    journey.check(worker, "caseworker-case-considering")
    worker.get_by_label("At panel: whether to assess").check()
    worker.get_by_role("button", name="Move case").click()
    expect(worker.locator(".govuk-notification-banner")).to_contain_text("At panel: whether to assess")
    expect(worker.get_by_text("Next deadline:")).to_contain_text(f"{long(a2)} (A2)")
    journey.check(worker, "caseworker-case-panel")
    assert AssessmentRequest.objects.get(pk=case.pk).status == Status.PANEL_ASSESS

    # 3. The caseworker puts the case on a meeting and publishes the agenda ------------------------
    worker.get_by_role("link", name="Add to a panel meeting").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Add Leo Taylor to a panel meeting")
    journey.check(worker, "caseworker-schedule-no-meetings")
    worker.get_by_role("link", name="Schedule a meeting").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Schedule a panel meeting")
    journey.check(worker, "caseworker-meeting-new")
    worker.get_by_label("Day").fill(str(today.day))
    worker.get_by_label("Month").fill(str(today.month))
    worker.get_by_label("Year").fill(str(today.year))
    worker.get_by_label("Where (optional)").fill("Room 3.14")
    worker.get_by_role("button", name="Schedule meeting").click()
    expect(worker.get_by_role("heading", level=1)).to_contain_text(f"Panel meeting, {today:%A} {long(today)}")
    journey.check(worker, "caseworker-meeting")
    worker.get_by_role("link", name="Add a case to the agenda").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Add a case to the agenda")
    journey.check(worker, "caseworker-agenda-add")
    worker.get_by_label("Case to add").select_option(
        label=f"{case.reference} Leo Taylor (At panel: whether to assess)"
    )
    worker.get_by_role("button", name="Add to agenda").click()
    expect(worker.get_by_role("table")).to_contain_text("Leo Taylor")
    expect(worker.get_by_role("table")).to_contain_text(f"A2 due {short(a2)}")
    worker.get_by_role("button", name="Publish agenda to members").click()
    expect(worker.get_by_text("Agenda published")).to_be_visible()
    journey.check(worker, "caseworker-meeting-published")

    # The chair records attendance (quorate) and the decision to assess -----------------------------
    chair_page = desk()
    sign_in(chair_page, base, chair.email)
    enter_security_code(chair_page, chair_device, journey, "chair-security-code")
    open_menu_link(chair_page, "Panels")
    expect(chair_page.get_by_role("heading", level=1)).to_have_text("Panel meetings")
    journey.check(chair_page, "chair-meetings")
    chair_page.get_by_role("link", name=re.compile(long(today))).first.click()
    expect(chair_page.get_by_role("table")).to_contain_text("Leo Taylor")
    journey.check(chair_page, "chair-meeting")
    chair_page.get_by_role("link", name="Papers for Leo Taylor").click()
    expect(chair_page.get_by_role("heading", level=1)).to_have_text("Leo Taylor")
    expect(chair_page.get_by_text(NEEDS)).to_be_visible()
    journey.check(chair_page, "chair-papers")
    chair_page.go_back()
    chair_page.get_by_role("link", name="Record attendance").click()
    chair_page.get_by_label("David Cohen, education (chair)").check()
    for user in members.values():
        chair_page.get_by_label(re.compile(f"^{user.full_name}")).check()
    journey.check(chair_page, "chair-attendance")
    chair_page.get_by_role("button", name="Save attendance").click()
    expect(chair_page.get_by_text("Quorate.")).to_be_visible()
    journey.check(chair_page, "chair-meeting-quorate")
    chair_page.get_by_role("link", name="Record decision for Leo Taylor").click()
    chair_page.get_by_label("Carry out an EHC needs assessment").check()
    chair_page.get_by_label("Reasons").fill(REASONS)
    journey.check(chair_page, "chair-decide")
    chair_page.get_by_role("button", name="Record decision and send letter").click()
    expect(
        chair_page.get_by_text("Decision recorded for Leo Taylor: the family has been told")
    ).to_be_visible()
    journey.check(chair_page, "chair-meeting-decided")
    assert AssessmentRequest.objects.get(pk=case.pk).status == Status.ASSESSING

    # 4. The parent sees the decision with its reasons and opens the letter ------------------------
    open_menu_link(phone, "Assessment requests")
    expect(phone.get_by_text("Assessment under way")).to_be_visible()
    journey.check(phone, "parent-requests")
    phone.get_by_role("link", name=re.compile("See the request")).click()
    stage = phone.locator(".govuk-inset-text")
    expect(stage.get_by_role("heading")).to_have_text("Assessment under way")
    expect(stage).to_contain_text(long(a4))
    expect(phone.get_by_role("heading", name="Decisions and letters")).to_be_visible()
    expect(phone.locator(".govuk-summary-card")).to_contain_text(REASONS)
    journey.check(phone, "parent-case-decided")
    phone.get_by_role("link", name=re.compile("Read the letter")).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("we will carry out an EHC needs assessment")
    letter = phone.locator("article.app-letter")
    expect(letter).to_contain_text(REASONS)
    for day in (a3, a4, a8):
        expect(letter).to_contain_text(f"Date: {long(day)}")
    journey.check(phone, "parent-letter")
    pdf_link = phone.get_by_role("link", name="Download this letter as a PDF")
    pdf = phone.request.get(base + pdf_link.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF"), f"The letter's PDF: {pdf.status}"
    assert Decision.objects.get(case=case).yes

    # 5. The caseworker asks health for medical advice ----------------------------------------------
    open_menu_link(worker, "Cases")
    expect(row).to_contain_text("Assessing")
    expect(row).to_contain_text(f"{short(a4)} (A4)")
    worker.get_by_role("link", name="Taylor, Leo").click()
    expect(worker.get_by_text("Next deadline:")).to_contain_text(f"{long(a4)} (A4)")
    journey.check(worker, "caseworker-case-assessing")
    worker.get_by_role("link", name="Ask for advice").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Ask for advice")
    journey.check(worker, "caseworker-ask-advice")
    worker.get_by_label("Medical (health)").check()
    worker.get_by_label("Who to ask").select_option(label=f"Dr Tom Fletcher, Health professional, {icb.name}")
    worker.get_by_label("What should the advice cover?").fill("Leo's health needs and any therapy he needs.")
    worker.get_by_role("button", name="Ask for advice").click()
    expect(worker.locator(".govuk-notification-banner")).to_contain_text(
        "Medical (health) advice asked of Dr Tom Fletcher"
    )
    expect(worker.locator("#advice")).to_contain_text("Waiting")
    expect(worker.locator("#advice")).to_contain_text(short(a3))
    journey.check(worker, "caseworker-advice-asked")
    assert AdviceRequest.objects.get(case=case).due_on == a3

    # The health professional signs in, writes structured advice and submits it ---------------------
    doctor_page = desk()
    sign_in(doctor_page, base, doctor.email)
    enter_security_code(doctor_page, doctor_device, journey, "doctor-security-code")
    open_menu_link(doctor_page, "Advice requested")
    expect(doctor_page.get_by_role("heading", level=1)).to_have_text("Advice requested from you")
    expect(doctor_page.get_by_role("table")).to_contain_text(short(a3))
    journey.check(doctor_page, "health-mine")
    doctor_page.get_by_role("link", name="Taylor, Leo").click()
    expect(doctor_page.get_by_role("heading", level=1)).to_have_text("Medical (health) advice for Leo Taylor")
    expect(doctor_page.get_by_text("Due by")).to_contain_text(long(a3))
    journey.check(doctor_page, "health-request")
    doctor_page.get_by_label("Social, emotional and mental health").fill("Anxiety at transitions.")
    provision = doctor_page.get_by_role("group", name="Provision 1")
    provision.get_by_label("Area of need").select_option("semh")
    provision.get_by_label("What").fill("Sessions with a clinical psychologist")
    provision.get_by_label("Who provides it").fill("CAMHS")
    provision.get_by_label("How often").fill("Once a fortnight")
    provision.get_by_label("For how long").fill("Six months")
    doctor_page.get_by_label("Suggested outcomes").fill(
        "Leo manages the move to a new class with one adult's help."
    )
    journey.check(doctor_page, "health-advice-written")
    doctor_page.get_by_role("button", name="Submit advice").click()
    expect(doctor_page.locator(".govuk-notification-banner")).to_contain_text("Advice submitted")
    expect(doctor_page.get_by_role("heading", name="Submitted advice")).to_be_visible()
    journey.check(doctor_page, "health-submitted")
    worker.goto(f"{base}/casework/cases/{case.pk}/")
    expect(worker.locator("#advice")).to_contain_text("All advice received")
    journey.check(worker, "caseworker-advice-received")

    # 6. The parent sees the advice received, and the statutory dates -------------------------------
    open_menu_link(phone, "Assessment requests")
    phone.get_by_role("link", name=re.compile("See the request")).click()
    advice = phone.locator("#advice")
    expect(advice).to_contain_text("Medical (health) advice from Dr Tom Fletcher")
    expect(advice).to_contain_text(f"Received {long(today)}")
    expect(advice).to_contain_text("All advice received")
    dates = phone.locator(".app-dates")
    for day in (a2, a4, a8):
        expect(dates).to_contain_text(long(day))
    expect(dates.locator("li").first).to_contain_text("Done")  # A2: the decision was made
    journey.check(phone, "parent-case-advice")
    phone.get_by_role("link", name="Medical (health) advice from Dr Tom Fletcher").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Medical (health) advice")
    expect(phone.get_by_role("table")).to_contain_text("Sessions with a clinical psychologist")
    journey.check(phone, "parent-advice")
    journey.finish()
