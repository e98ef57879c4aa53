"""A caseworker drafts an EHC plan from the advice in the task list, fixes a quality problem and
issues the draft; the parent comments on a section on a phone; the caseworker issues the final;
the parent opens the one-page summary. Axe on every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.casework.factories import CaseFactory
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    SettingFactory,
    UserFactory,
)

from opensend.accounts.roles import Role
from opensend.advice.models import Advice, AdviceRequest
from opensend.core import clock
from opensend.plans.models import PlanSection

from .conftest import Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def _advice(case, la) -> None:
    """Submitted advice on the case, from which the plan's first draft is prefilled."""
    request = AdviceRequest.objects.create(
        case=case,
        child=case.child,
        advice_type="educational",
        organisation=la,
        question="Needs?",
        requested_on=clock.today(),
        due_on=clock.today() + dt.timedelta(weeks=6),
        status="submitted",
    )
    Advice.objects.create(
        request=request,
        status="submitted",
        submitted_at=timezone.now(),
        needs_communication="Understands short instructions only.",
        provision=[
            {
                "area": "communication",
                "what": "Speech and language therapy",
                "who": "Therapist",
                "how_often": "regular",
                "how_long": "30 minutes",
            }
        ],
        outcomes="Follows a two-step instruction in class.",
    )


def test_plans(live_server, page: Page, phone_page: Page, journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    setting = SettingFactory(local_authority=la, name="Hollybrook Primary School", urn="123456")
    child = ChildFactory(
        first_name="Leo",
        last_name="Taylor",
        responsible_la=la,
        current_setting=setting,
        date_of_birth=dt.date(2017, 4, 2),
    )
    parent = UserFactory(full_name="Sam Taylor")
    FamilyLinkFactory(child=child, user=parent)
    case = CaseFactory(child=child, status="drafting", received_on=clock.today() - dt.timedelta(weeks=15))
    _advice(case, la)
    caseworker, device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")

    sign_in(page, base, caseworker.email)
    enter_security_code(page, device, journey)
    page.goto(f"{base}/casework/cases/{case.pk}/")
    page.get_by_role("button", name="Start drafting the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plan for Leo Taylor")
    journey.check(page, "task-list")
    plan_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

    # Fill the plan section by section (the advice gave B, E and F).
    from opensend.synthetic.demo.plans import sample_sections

    sections = sample_sections(clock.today())
    expect(page.locator(".app-quality-problems")).to_contain_text("regular")
    page.get_by_role("link", name="Section A: Views, interests and aspirations").click()
    journey.check(page, "section-a")
    page.get_by_label("About me").fill(sections["a"]["about_me"])
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Section A saved")
    page.get_by_label("Yes, I've completed this section").check()
    page.get_by_role("button", name="Save and return to the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plan for Leo Taylor")

    # The rest of the plan is typed by the service (the same forms, tested in tests/plans).
    from opensend.access.principal import principal_for_user
    from opensend.plans.models import Plan
    from opensend.plans.services import section_save

    plan = Plan.objects.get(pk=plan_id)
    for key in ("b", "e", "f", "k"):
        content = sections[key]
        if key == "f":
            first = dict(content["provision"][0], what="Access to speech therapy")
            content = {"provision": [first, *content["provision"][1:]]}
        sec = PlanSection.objects.get(plan=plan, key=key)
        section_save(
            by=principal_for_user(caseworker),
            plan=plan,
            key=key,
            content=content,
            expected_version=sec.version,
        )

    # A quality problem: vague wording. Follow its link and fix it.
    page.reload()
    problem = page.locator(".app-quality-problems a", has_text="F-1")
    expect(problem).to_contain_text("access to")
    journey.check(page, "problems")
    problem.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change F-1")
    journey.check(page, "item")
    page.get_by_label("What the provision is").fill("Speech and language therapy on following instructions")
    page.get_by_role("button", name="Save", exact=True).click()
    journey.check(page, "section-f")
    page.get_by_role("link", name="Back to the plan").click()
    expect(page.locator(".app-quality-problems")).to_have_count(0)
    page.get_by_role("link", name="Check and issue the draft plan").click()
    journey.check(page, "issue-draft")
    page.get_by_label("I have checked the plan and the family's comments").check()
    page.get_by_role("button", name="Issue the draft plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft plan for Leo Taylor")
    journey.check(page, "draft")
    draft_url = page.url

    # The parent, on a phone: comments on section F, and says they have finished.
    phone = phone_page
    sign_in(phone, base, parent.email)
    phone.goto(draft_url)
    journey.check(phone, "parent-draft")
    phone.get_by_role("link", name="Comment on the draft plan").first.click()
    journey.check(phone, "parent-respond")
    phone.get_by_role("link", name="Section F: Special educational provision").click()
    journey.check(phone, "parent-section")
    phone.get_by_label("Your comments").fill("Leo needs the therapy every week, in school.")
    phone.get_by_role("button", name="Send comments").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("section F")
    phone.get_by_role("link", name="Name the school or college you would like").click()
    journey.check(phone, "parent-setting")
    phone.get_by_label("Name of the school or college").fill("Hollybrook Primary School")
    phone.get_by_role("button", name="Send").click()
    phone.get_by_role("link", name="Tell the council you have finished").click()
    journey.check(phone, "parent-finish")
    phone.get_by_role("button", name="I have finished commenting").click()

    # The caseworker names the setting and issues the final.
    page.goto(f"{base}/plans/{plan_id}/sections/i/")
    page.get_by_label("Name of the school, college or other setting").fill("Hollybrook Primary School")
    page.get_by_label("URN").fill("123456")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{base}/plans/{plan_id}/issue/final/")
    expect(page.get_by_text("Leo needs the therapy every week, in school.")).to_be_visible()
    journey.check(page, "issue-final")
    page.get_by_label("I have checked the plan and the family's comments").check()
    page.get_by_role("button", name="Issue the final plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final plan for Leo Taylor")
    journey.check(page, "final")
    page.get_by_role("link", name="Compare with version 1 (draft plan)").click()
    journey.check(page, "compare")

    # The parent opens the one-page summary.
    phone.goto(f"{base}/casework/your-requests/{case.pk}/")
    journey.check(phone, "parent-case")
    phone.get_by_role("link", name="The plan on one page").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Leo's plan on one page")
    expect(phone.get_by_text("Hollybrook Primary School")).to_be_visible()
    journey.check(phone, "parent-summary")

    page.goto(f"{base}/standards/ehc-plan/1.0/")
    journey.check(page, "standard")
    journey.finish()
