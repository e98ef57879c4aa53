"""SEN support in a real browser: a SENCo identifies a need, opens a support plan and reviews it;
the parent sees it on a phone. Every page is checked with axe."""

import datetime as dt
import re

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
from opensend.core import clock

from .conftest import Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_support(live_server, page: Page, phone_page: Page, journey: Journey) -> None:
    base = live_server.url
    today = clock.today()
    la = LocalAuthorityFactory(name="Northshire County Council")
    school = SettingFactory(name="Oak Tree Primary School", local_authority=la)
    child = ChildFactory(first_name="Amara", last_name="Okafor", responsible_la=la, current_setting=school)
    parent = FamilyLinkFactory(child=child, user=UserFactory(full_name="Grace Okafor")).user
    user, device = staff(Role.SENCO, school, full_name="Sam Senco")

    sign_in(page, base, user.email, journey)
    enter_security_code(page, device, journey)
    page.goto(f"{base}/support/")
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN register")
    journey.check(page, "register-empty")

    page.get_by_role("link", name="Concerns and screening").click()
    page.get_by_role("link", name="Record a concern or screening").click()
    journey.check(page, "concern-form")
    page.get_by_label("Child").select_option(label="Okafor, Amara")
    page.get_by_label("Reception baseline").check()
    fill_date(page, "When was it noticed?", today)
    page.get_by_label("What was noticed").fill("Finds two-step instructions hard; rarely joins group talk")
    page.get_by_label("Who noticed it").fill("Class teacher")
    page.get_by_role("button", name="Record concern").click()
    # No area chosen: the error summary, with what was typed kept.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one area of need")
    expect(page.get_by_label("Who noticed it")).to_have_value("Class teacher")
    journey.check(page, "concern-error")
    page.get_by_label("Communication and interaction").check()
    page.get_by_role("button", name="Record concern").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Concern recorded")
    journey.check(page, "concerns")

    page.get_by_role("link", name=re.compile("Move to SEN support")).click()
    journey.check(page, "escalate")
    page.get_by_label("Primary need").select_option("SLCN")
    page.get_by_role("button", name="Move to SEN support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN register")
    expect(page.get_by_role("table")).to_contain_text("Okafor, Amara")
    journey.check(page, "register")

    page.get_by_role("link", name="Census summary").click()
    expect(page.get_by_role("row", name=re.compile("SLCN"))).to_contain_text("1")
    journey.check(page, "census")

    page.get_by_role("link", name="SEN register").click()
    page.get_by_role("link", name="Okafor, Amara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN support plans")
    journey.check(page, "plans-empty")
    page.get_by_role("link", name="Start a support plan").click()
    fill_date(page, "Review by", today + dt.timedelta(days=84))
    page.get_by_label("Communication and interaction").check()
    page.get_by_label("What the child needs (assess)").fill("Understands more than she can say")
    page.get_by_label("The family's views (optional)").fill("Chatty at home")
    journey.check(page, "plan-form")
    page.get_by_role("button", name="Start plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN support plan 1")
    journey.check(page, "plan-new")

    page.get_by_role("link", name="Add an outcome").click()
    page.get_by_label("Outcome", exact=True).fill("Follows a two-step instruction without help")
    page.get_by_role("button", name="Add outcome").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date by which the outcome should be achieved"
    )
    expect(page.get_by_label("Outcome", exact=True)).to_have_value(
        "Follows a two-step instruction without help"
    )
    journey.check(page, "outcome-error")
    fill_date(page, "Achieve by", today + dt.timedelta(days=84))
    page.get_by_role("button", name="Add outcome").click()

    page.get_by_role("link", name="Add provision").click()
    page.get_by_label("Is it ordinarily available provision?").select_option("national:CI-3")
    page.get_by_label("What will be done").fill("Small-group language programme")
    page.get_by_label("Who will do it").fill("Teaching assistant")
    page.get_by_label("How often").fill("3 times a week")
    page.get_by_label("For how long").fill("10 weeks")
    page.get_by_label("Cost in pounds").fill("450")
    journey.check(page, "provision-form")
    page.get_by_role("button", name="Add provision").click()
    expect(page.locator(".govuk-tag", has_text="Ordinarily available")).to_be_visible()

    page.get_by_role("link", name="Review the plan").click()
    page.get_by_label("Good progress").check()
    page.get_by_label("What the review found").fill("Joining in more; keep going")
    page.get_by_label("Carry on with this plan").check()
    journey.check(page, "review-form")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_role("heading", name=re.compile("Review on"))).to_be_visible()
    journey.check(page, "plan-reviewed")
    journey.finish()

    # The parent, on a phone, sees the plan and its review, and cannot change them.
    phone_journey = Journey(journey.name + "-parent")
    sign_in(phone_page, base, parent.email)
    phone_page.goto(f"{base}/support/children/{child.pk}/plans/")
    expect(phone_page.get_by_role("heading", name=re.compile("Support plan 1"))).to_be_visible()
    phone_journey.check(phone_page, "plans")
    phone_page.get_by_role("link", name=re.compile("View")).click()
    expect(phone_page.get_by_text("Joining in more; keep going")).to_be_visible()
    expect(phone_page.get_by_role("link", name="Review the plan")).to_have_count(0)
    phone_journey.check(phone_page, "plan")
    phone_page.goto(f"{base}/children/{child.pk}/")
    expect(
        phone_page.get_by_role("heading", name=re.compile("added Amara to its SEN register"))
    ).to_be_visible()
    phone_journey.check(phone_page, "child")
    phone_journey.finish()
