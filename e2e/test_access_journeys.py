"""Issue 13's new pages in a real browser, each checked with axe: a manager's People and roles, and a
parent's account page with security codes."""

import re

import pytest
from playwright.sync_api import Page, expect
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
)

from opensend.accounts.models import Membership
from opensend.accounts.roles import Role

from .conftest import Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def test_manager_gives_and_ends_a_role(live_server, page: Page, journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    manager, device = staff(Role.LA_SEND_MANAGER, la, full_name="Morgan Manager")
    leaver = MembershipFactory(
        role=Role.LA_CASEWORKER, organisation=la, user=UserFactory(full_name="Lee Leaver")
    )

    sign_in(page, base, manager.email, journey)
    enter_security_code(page, device, journey)
    page.get_by_role("link", name="People and roles").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People at Northshire County Council")
    journey.check(page, "people")

    page.get_by_role("link", name="Give someone a role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Give someone a role")
    journey.check(page, "add")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("LA caseworker").check()
    page.get_by_label("Why do they need this role?").fill("I want to look at records")
    page.get_by_role("button", name="Give the role").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("You cannot give yourself a role")
    expect(page.get_by_label("Why do they need this role?")).to_have_value("I want to look at records")
    journey.check(page, "add-yourself-error")

    page.get_by_label("Email address").fill("new.caseworker@example.org")
    page.get_by_label("Full name").fill("Nia Newcomer")
    page.get_by_label("Why do they need this role?").fill("Joined the SEND team")
    page.get_by_role("button", name="Give the role").click()
    expect(page.get_by_text("Nia Newcomer now has the role LA caseworker")).to_be_visible()
    journey.check(page, "added")

    page.get_by_role("link", name=re.compile("End role of Lee Leaver")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("End Lee Leaver's role")
    journey.check(page, "end-confirm")
    page.get_by_role("button", name="End the role").click()
    expect(page.get_by_text("Lee Leaver's role LA caseworker has ended")).to_be_visible()
    journey.check(page, "ended")
    assert Membership.objects.get(pk=leaver.pk).ended_at is not None
    journey.finish()


def test_parent_account_and_security_codes(live_server, phone_page: Page, journey: Journey) -> None:
    page, base = phone_page, live_server.url
    link = FamilyLinkFactory(
        child=ChildFactory(first_name="Amara"), user=UserFactory(full_name="Grace Okafor")
    )
    sign_in(page, base, link.user.email, journey)
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text("Security codes are off")).to_be_visible()
    journey.check(page, "account")
    page.get_by_role("link", name="Set up security codes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(page.get_by_text("You can turn it off again on your account page")).to_be_visible()
    journey.check(page, "set-up")
    journey.finish()
