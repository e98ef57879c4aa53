"""Targeted help in a real browser: a SENCo asks the LA's service for outreach, the LA accepts and
answers, the SENCo reads the answer. axe-core checks every page; screenshots go to e2e/screenshots/."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.factories import (
    PASSWORD,
    ChildFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    UserFactory,
    confirmed_totp,
    totp_code,
)
from tests.targeted.factories import ProviderFactory

from opensend.accounts.roles import Role
from opensend.targeted.models import OutreachRequest

from .conftest import DESKTOP, Journey, _new_context

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def staff_sign_in(page: Page, base: str, role: str, organisation, name: str, journey: Journey, step: str):
    user = MembershipFactory(role=role, organisation=organisation, user=UserFactory(full_name=name)).user
    device = confirmed_totp(user)
    page.goto(f"{base}/account/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/account/sign-in/security-code/$"))
    page.get_by_label("Security code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {name}")
    journey.check(page, step)
    return user


def test_targeted_outreach(live_server, page: Page, browser: Browser, journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    school = SettingFactory(name="Oak Tree Primary School", local_authority=la)
    ProviderFactory(name="Northshire Pupil Referral Unit", local_authority=la)
    child = ChildFactory(first_name="Amara", last_name="Okafor", responsible_la=la, current_setting=school)

    # The SENCo asks.
    staff_sign_in(page, base, Role.SENCO, school, "Grace Senco", journey, "senco-home")
    page.goto(f"{base}/targeted/children/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Targeted help and alternative provision")
    journey.check(page, "senco-child")
    page.get_by_role("link", name="Ask for outreach or advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for outreach or advice")
    journey.check(page, "senco-ask")

    page.get_by_label("Speech and language therapy").check()
    question = page.get_by_label("What would you like help with?")
    question.fill("Is this language delay more than we would expect?")
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter what the setting has already tried")
    expect(question).to_have_value("Is this language delay more than we would expect?")
    expect(page).to_have_title(re.compile(r"^Error: "))
    journey.check(page, "senco-ask-error")

    page.get_by_label("What has the setting already tried?").fill("Talk Boost for a term")
    page.get_by_label("Soon: within 4 weeks").check()
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Request sent")
    expect(page.get_by_role("heading", level=1)).to_have_text("Speech and language therapy")
    journey.check(page, "senco-request")
    request = OutreachRequest.objects.get()

    # The LA's service accepts and answers, in another browser session.
    la_context = _new_context(browser, viewport=DESKTOP)
    la_page = la_context.new_page()
    staff_sign_in(la_page, base, Role.LA_CASEWORKER, la, "Sam Caseworker", journey, "la-home")
    la_page.goto(f"{base}/targeted/outreach/?status=requested")
    expect(la_page.get_by_role("table")).to_contain_text("Okafor, Amara")
    journey.check(la_page, "la-queue")
    la_page.get_by_role("link", name=re.compile("Okafor, Amara")).click()
    journey.check(la_page, "la-request")
    la_page.get_by_role("link", name="Accept or decline").click()
    journey.check(la_page, "la-decide")
    la_page.get_by_label("Accept").check()
    la_page.get_by_role("button", name="Save decision").click()
    expect(la_page.locator(".govuk-notification-banner--success")).to_contain_text("Request accepted")
    la_page.get_by_role("link", name="Answer the request").click()
    journey.check(la_page, "la-answer")
    la_page.get_by_label("Written advice").check()
    la_page.get_by_label("Advice", exact=True).fill(
        "Add ten minutes a day of narrative work; review in 8 weeks."
    )
    la_page.get_by_role("button", name="Send answer").click()
    expect(la_page.locator(".govuk-notification-banner--success")).to_contain_text("Answer sent")
    journey.check(la_page, "la-answered")
    la_page.goto(f"{base}/targeted/outreach/answer-times/")
    expect(la_page.get_by_role("row", name=re.compile("Speech and language therapy"))).to_contain_text("1")
    journey.check(la_page, "la-answer-times")
    la_context.close()

    # The SENCo sees the answer.
    page.goto(f"{base}/targeted/outreach/{request.pk}/")
    expect(page.locator(".govuk-inset-text")).to_contain_text("narrative work")
    expect(page.get_by_role("link", name="Withdraw the request")).to_have_count(0)
    journey.check(page, "senco-answer")
    page.goto(f"{base}/targeted/children/{child.pk}/alternative-provision/new/")
    expect(page.get_by_label("Provider")).to_contain_text("Northshire Pupil Referral Unit")
    journey.check(page, "senco-refer")
    page.get_by_label("Tier 2: time-limited placement").check()
    page.get_by_label("Purpose of the placement").fill("Rebuild routines after repeated suspensions")
    page.get_by_label("Provider").select_option(label="Northshire Pupil Referral Unit")
    for field, (day, month, year) in {"start_on": (5, 1, 2026), "planned_end_on": (27, 3, 2026)}.items():
        page.locator(f"#id_{field}_day").fill(str(day))
        page.locator(f"#id_{field}_month").fill(str(month))
        page.locator(f"#id_{field}_year").fill(str(year))
    page.get_by_role("button", name="Record referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Alternative provision at Northshire Pupil Referral Unit"
    )
    expect(page.get_by_role("link", name="Record that it started")).to_be_visible()
    journey.check(page, "senco-placement")
    journey.finish()
