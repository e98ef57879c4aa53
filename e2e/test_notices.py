"""Issue 10 items 3 and 4 in the browser: every letter casework and panels send for an appealable
decision, and the council details they need. Axe on every page.

1. A council's SEND manager fills in its details for letters (an error first, what was typed kept).
2. Its caseworker (a council without a panel) refuses an assessment on the case page: no reasons is
   refused, then the refusal writes its letter; and refuses a plan for another child.
3. Another council's panel chair records a refusal to assess; the move writes the notice.
4. Each parent (on a phone) finds the letter under "Decision letters", reads it with the rule
   book's dates, and downloads its tagged PDF.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.casework.factories import CaseFactory
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    SettingFactory,
    UserFactory,
)
from tests.notices.factories import CouncilDetailsFactory

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.casework.codes import Status
from opensend.core import clock
from opensend.notices.models import DecisionNotice
from opensend.panels import services as panel_services
from opensend.panels.codes import Agency
from opensend.rulebook.engine import due_date

from .conftest import DESKTOP, PHONE, TIMEOUT_MS, Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

REASONS = "Leo's school has shown that it can meet his needs with the SEN support it already gives."
ISSUE_REASONS = "The assessment shows that Mia's needs can be met from the school's own resources."
PANEL_REASONS = "The panel found that Zara's new school has not yet had time to try SEN support."


def long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    contexts: list[BrowserContext] = []

    def new(viewport: dict[str, int] = DESKTOP) -> Page:
        kwargs = {"is_mobile": True, "has_touch": True} if viewport == PHONE else {}
        context = browser.new_context(
            locale="en-GB", timezone_id="Europe/London", viewport=viewport, **kwargs
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


def _family(la, first: str, last: str, parent_name: str):
    child = ChildFactory(
        first_name=first,
        last_name=last,
        responsible_la=la,
        current_setting=SettingFactory(local_authority=la),
        date_of_birth=dt.date(2017, 4, 2),
    )
    parent = UserFactory(full_name=parent_name)
    FamilyLinkFactory(child=child, user=parent)
    return child, parent


def _refuse_on_the_case_page(
    page: Page, base: str, case, label: str, reasons: str, journey, step: str
) -> None:
    page.goto(f"{base}/casework/cases/{case.pk}/")
    page.get_by_label(label).check()
    page.get_by_role("button", name="Move case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reasons")
    journey.check(page, f"{step}-no-reasons")
    page.get_by_label(label).check()
    page.get_by_label(re.compile("^Reasons")).fill(reasons)
    page.get_by_role("button", name="Move case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(label)
    journey.check(page, f"{step}-moved")
    page.get_by_role("link", name=re.compile(r"\d+ \w+ \d{4}: Decision not to")).click()


def _parent_reads(phone: Page, base: str, parent, child, phrase: str, journey, step: str) -> None:
    today = clock.today()
    sign_in(phone, base, parent.email)
    phone.goto(f"{base}/children/{child.pk}/")
    phone.get_by_role("link", name="Decision letters").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Decision letters")
    expect(phone.locator(".govuk-summary-card")).to_contain_text(
        long(due_date("T1", today, second=today).due)
    )
    journey.check(phone, f"{step}-letters")
    phone.get_by_role("link", name=re.compile("^Read the letter")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Decision about {child.full_name}: {phrase}")
    expect(phone.get_by_text(long(due_date("M2", today).due)).first).to_be_visible()
    expect(phone.get_by_text("Before you can appeal, you must contact the mediation adviser")).to_be_visible()
    expect(phone.get_by_text("North London SEND Mediation Service").first).to_be_visible()
    journey.check(phone, f"{step}-letter")
    notice = DecisionNotice.objects.get(child=child)
    phone.reload()  # the PDF is made just after the decision's transaction
    expect(phone.get_by_role("link", name="Download this letter as a PDF")).to_be_visible()
    pdf = phone.request.get(f"{base}/notices/{notice.pk}/letter.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")


def test_notices(live_server, new_page: Callable[..., Page], journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    leo, leo_parent = _family(la, "Leo", "Taylor", "Sam Taylor")
    mia, mia_parent = _family(la, "Mia", "Patel", "Ravi Patel")
    received = clock.today() - dt.timedelta(days=30)
    leo_case = CaseFactory(child=leo, status=Status.PANEL_ASSESS, received_on=received)
    mia_case = CaseFactory(child=mia, status=Status.PANEL_ISSUE, received_on=received - dt.timedelta(days=60))
    manager, manager_device = staff(Role.LA_SEND_MANAGER, la, full_name="Helen Murray")
    caseworker, caseworker_device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")

    # 1. The SEND manager fills in the council's details for letters ------------------------------
    page = new_page()
    sign_in(page, base, manager.email)
    enter_security_code(page, manager_device, journey, "manager-security-code")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Council details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Council details for letters")
    expect(page.get_by_text("Until these are filled in")).to_be_visible()
    journey.check(page, "details-empty")
    values = {
        "Mediation adviser": (
            "North London SEND Mediation Service",
            "020 7946 0321",
            "mediation@example.org",
        ),
        "Council contact for mediation": (
            "SEND Mediation Officer",
            "020 7946 0111",
            "send.mediation@example.org",
        ),
        "SENDIASS (information, advice and support service)": (
            "Northshire SENDIASS",
            "020 7946 0222",
            "not-an-email",
        ),
        "Disagreement resolution service": ("Northshire Resolve", "020 7946 0333", "resolve@example.org"),
    }
    for group, (name, telephone, email) in values.items():
        fields = page.get_by_role("group", name=group)
        fields.get_by_label("Name").fill(name)
        fields.get_by_label("Telephone").fill(telephone)
        fields.get_by_label("Email address").fill(email)
    page.get_by_label("Web address of the Local Offer").fill("https://localoffer.example.org/schools")
    page.get_by_role("button", name="Save council details").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "enter an email address in the correct format"
    )
    sendiass = page.get_by_role("group", name="SENDIASS (information, advice and support service)")
    expect(sendiass.get_by_label("Email address")).to_have_value("not-an-email")
    journey.check(page, "details-error")
    sendiass.get_by_label("Email address").fill("sendiass@example.org")
    page.get_by_role("button", name="Save council details").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Council details saved")
    expect(page.get_by_text("Until these are filled in")).to_have_count(0)
    journey.check(page, "details-saved")

    # 2. The caseworker refuses on the case page (this council has no panel) -------------------------
    worker = new_page()
    sign_in(worker, base, caseworker.email)
    enter_security_code(worker, caseworker_device, journey, "caseworker-security-code")
    _refuse_on_the_case_page(
        worker, base, leo_case, "Decided not to assess", REASONS, journey, "refuse-assess"
    )
    expect(worker.get_by_role("heading", level=1)).to_have_text(
        "Decision about Leo Taylor: we will not carry out an EHC needs assessment"
    )
    journey.check(worker, "refuse-assess-letter")
    _refuse_on_the_case_page(
        worker, base, mia_case, "Decided not to issue a plan", ISSUE_REASONS, journey, "refuse-issue"
    )
    expect(worker.get_by_role("heading", level=1)).to_have_text(
        "Decision about Mia Patel: we will not issue an EHC plan"
    )
    journey.check(worker, "refuse-issue-letter")

    # 3. Another council's panel refuses an assessment -------------------------------------------------
    south = LocalAuthorityFactory(name="Southshire Council")
    CouncilDetailsFactory(local_authority=south)
    zara, zara_parent = _family(south, "Zara", "Ahmed", "Nadia Ahmed")
    zara_case = CaseFactory(child=zara, status=Status.PANEL_ASSESS, received_on=received)
    south_manager, _ = staff(Role.LA_SEND_MANAGER, south, full_name="Owen Price")
    chair, chair_device = staff(Role.PANEL_MEMBER, south, full_name="David Cohen")
    members = {
        a: staff(Role.PANEL_MEMBER, south, full_name=f"{a.label} Member")[0]
        for a in (Agency.EDUCATION, Agency.HEALTH, Agency.SOCIAL_CARE)
    }
    by = principal_for_user(south_manager)
    panel = panel_services.panel_configure(
        by=by,
        local_authority=south,
        name="Southshire EHC panel",
        quorum_agencies=["education", "health", "social_care"],
    )
    panel_services.panel_member_add(by=by, panel=panel, user=chair, agency=Agency.EDUCATION)
    for agency, user in members.items():
        panel_services.panel_member_add(by=by, panel=panel, user=user, agency=agency)
    panel = panel_services.panel_configure(
        by=by, local_authority=south, name=panel.name, quorum_agencies=panel.quorum_agencies, chair=chair
    )
    meeting = panel_services.meeting_schedule(by=by, panel=panel, held_on=clock.today())
    item = panel_services.agenda_add(by=by, meeting=meeting, case=zara_case)
    panel_services.meeting_publish(by=by, meeting=meeting)
    panel_services.attendance_record(
        by=principal_for_user(chair),
        meeting=meeting,
        present_user_ids=[chair.pk, *(u.pk for u in members.values())],
    )
    chair_page = new_page()
    sign_in(chair_page, base, chair.email)
    enter_security_code(chair_page, chair_device, journey, "chair-security-code")
    chair_page.goto(f"{base}/panels/meetings/{meeting.pk}/cases/{item.pk}/decide/")
    chair_page.get_by_label("Do not carry out an assessment").check()
    chair_page.get_by_label("Reasons").fill(PANEL_REASONS)
    journey.check(chair_page, "panel-decide")
    chair_page.get_by_role("button", name="Record decision and send letter").click()
    expect(
        chair_page.get_by_text("Decision recorded for Zara Ahmed: the family has been told")
    ).to_be_visible()
    journey.check(chair_page, "panel-decided")
    notice = DecisionNotice.objects.get(child=zara)
    assert (notice.kind, notice.panel_name) == ("refuse_assess", "Southshire EHC panel")

    # 4. Each family reads its letter on a phone ------------------------------------------------------
    for step, (parent, child, phrase) in {
        "leo": (leo_parent, leo, "we will not carry out an EHC needs assessment"),
        "mia": (mia_parent, mia, "we will not issue an EHC plan"),
        "zara": (zara_parent, zara, "we will not carry out an EHC needs assessment"),
    }.items():
        _parent_reads(new_page(PHONE), base, parent, child, phrase, journey, f"parent-{step}")
    journey.finish()
