"""Journeys through the service in a real browser, each page checked with axe-core.

Data is built in each test with tests/factories.py; nothing relies on a seed command.
Screenshots go to e2e/screenshots/<journey>-<step>.png.
"""

import re

import pytest
from playwright.sync_api import Page, expect
from tests.factories import (
    PASSWORD,
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    UserFactory,
    confirmed_totp,
    totp_code,
)

from opensend.accounts.roles import Role
from opensend.children.identifiers import UPN_LETTERS, upn_check_letter
from opensend.children.models import Child, TimelineEvent

from .conftest import Journey

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def sign_in(page: Page, base: str, email: str, journey: Journey | None = None) -> None:
    page.goto(f"{base}/account/sign-in/")
    if journey:
        journey.check(page, "sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")


def enter_security_code(page: Page, device, journey: Journey, step: str = "security-code") -> None:
    expect(page).to_have_url(re.compile(r"/account/sign-in/security-code/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    journey.check(page, step)
    page.get_by_label("Security code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")


def staff(role: str, organisation, **user_kwargs):
    membership = MembershipFactory(role=role, organisation=organisation, user=UserFactory(**user_kwargs))
    return membership.user, confirmed_totp(membership.user)


# 1. Public pages -----------------------------------------------------------------------------


def test_public(live_server, page: Page, journey: Journey) -> None:
    base = live_server.url
    pages = [
        ("start", "/", None),
        ("accessibility", "/accessibility/", "Accessibility statement"),
        ("privacy", "/privacy/", None),
        ("cookies", "/cookies/", "Cookies"),
        ("sign-in", "/account/sign-in/", "Sign in to"),
    ]
    for step, path, heading in pages:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, (
            f"{path} returned {response and response.status}"
        )
        h1 = page.get_by_role("heading", level=1)
        expect(h1).to_have_count(1)
        if heading:
            expect(h1).to_contain_text(heading)
        journey.check(page, step)

    # The statutory timescales are public: a missing /rules/ page fails the journey.
    response = page.goto(base + "/rules/")
    assert response is not None and response.status == 200, f"/rules/ returned {response and response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    journey.check(page, "rules")
    journey.finish()


# 2. Parent on a phone ------------------------------------------------------------------------


def test_parent(live_server, phone_page: Page, journey: Journey) -> None:
    page, base = phone_page, live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    school = SettingFactory(name="Oak Tree Primary School", local_authority=la)
    child = ChildFactory(first_name="Amara", last_name="Okafor", responsible_la=la, current_setting=school)
    link = FamilyLinkFactory(child=child, user=UserFactory(full_name="Grace Okafor"))
    other = ChildFactory(first_name="Someone", last_name="Else", responsible_la=la)
    TimelineEvent.objects.create(
        child=child,
        kind="child.created",
        title="Record created",
        actor_name="Sam Caseworker",
        organisation=la,
    )
    TimelineEvent.objects.create(
        child=child, kind="note.internal", title="Internal note", visible_to_family=False, organisation=la
    )
    # An organisation has looked at the record, so the access summary has a row.
    from opensend.access.models import AuditAction, AuditEvent

    AuditEvent.objects.create(
        action=AuditAction.CHILD_VIEWED, child=child, organisation=la, actor_label="Sam"
    )

    sign_in(page, base, link.user.email, journey)
    # Family members have no second step.
    expect(page).to_have_url(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Grace Okafor")
    journey.check(page, "home")

    page.get_by_role("link", name="See your children's records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your child")
    expect(page.get_by_role("link", name="Amara Okafor")).to_be_visible()
    expect(page.get_by_text("Someone Else")).to_have_count(0)
    journey.check(page, "children")

    page.get_by_role("link", name="Amara Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.get_by_role("heading", name="Record created")).to_be_visible()
    expect(page.get_by_text("Internal note")).to_have_count(0)
    expect(page.get_by_role("link", name="Change details")).to_have_count(0)
    journey.check(page, "child")

    page.get_by_role("link", name="Which organisations have seen this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which organisations have seen Amara's record")
    expect(page.get_by_role("cell", name="Northshire County Council")).to_be_visible()
    journey.check(page, "organisations")

    response = page.goto(f"{base}/children/{other.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("Someone")).to_have_count(0)
    journey.check(page, "other-child-404")
    journey.finish()


# 3. Caseworker changes a record --------------------------------------------------------------


def test_caseworker(live_server, page: Page, journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    user, device = staff(Role.LA_CASEWORKER, la, full_name="Sam Caseworker")
    child = ChildFactory(first_name="Amara", last_name="Okafor", responsible_la=la)
    ChildFactory.create_batch(3, responsible_la=la)
    ChildFactory(first_name="Hidden", last_name="Okafor", responsible_la=LocalAuthorityFactory())

    sign_in(page, base, user.email, journey)
    enter_security_code(page, device, journey)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam Caseworker")
    journey.check(page, "home")

    page.get_by_role("link", name="Find a child's record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Children and young people")
    expect(page.get_by_role("table")).to_contain_text("4 records")
    journey.check(page, "children")

    page.get_by_label("Search by name, UPN, ULN or NHS number").fill("Okafor")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"\?q=Okafor"))
    expect(page.get_by_role("table")).to_contain_text("1 record")
    expect(page.get_by_text("Okafor, Hidden")).to_have_count(0)
    journey.check(page, "search")

    page.get_by_role("link", name="Okafor, Amara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    journey.check(page, "child")

    page.get_by_role("link", name="Change details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Amara Okafor's details")
    journey.check(page, "edit")

    body = "801200001002"
    right = upn_check_letter(body)
    wrong = next(letter for letter in UPN_LETTERS if letter != right)
    upn_field = page.get_by_label("Unique pupil number (UPN) (optional)")
    upn_field.fill(wrong + body)
    page.get_by_role("button", name="Save").click()
    message = "This UPN's check letter does not match its numbers: check each character was copied correctly"
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator(".govuk-error-message")).to_contain_text(message)
    expect(upn_field).to_have_value(wrong + body)
    expect(page).to_have_title(re.compile(r"^Error: "))
    # The summary's link takes you to the field.
    summary.get_by_role("link", name=message).click()
    expect(upn_field).to_be_focused()
    journey.check(page, "edit-error")

    upn_field.fill(right + body)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Changes saved")
    expect(page.get_by_role("heading", name="Record updated")).to_be_visible()
    expect(page.locator(".moj-timeline")).to_contain_text("Sam Caseworker")
    expect(page.locator(".govuk-summary-list")).to_contain_text(right + body)
    journey.check(page, "saved")

    child.refresh_from_db()
    assert child.upn == right + body
    assert Child.objects.get(pk=child.pk).timeline.filter(title="Record updated").count() == 1
    journey.finish()


# 4. LA SEND manager sees who has looked ------------------------------------------------------


def test_send_manager(live_server, page: Page, journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    user, device = staff(Role.LA_SEND_MANAGER, la, full_name="Priya Manager")
    child = ChildFactory(first_name="Amara", last_name="Okafor", responsible_la=la)

    sign_in(page, base, user.email, journey)
    enter_security_code(page, device, journey)
    journey.check(page, "home")

    page.goto(f"{base}/children/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    journey.check(page, "child")

    page.get_by_role("link", name="Who has looked at this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at Amara Okafor's record")
    table = page.get_by_role("table")
    own_view = (
        table.get_by_role("row").filter(has_text="Priya Manager").filter(has_text="Viewed the child's record")
    )
    expect(own_view.first).to_be_visible()
    expect(own_view.first).to_contain_text("Northshire County Council")
    journey.check(page, "who-has-looked")
    journey.finish()


# 5. Without JavaScript -----------------------------------------------------------------------


def test_no_javascript(live_server, no_js_page: Page, js_page: Page, journey: Journey) -> None:
    page, base = no_js_page, live_server.url
    journey.mirror = js_page
    child = ChildFactory(first_name="Amara", last_name="Okafor")
    link = FamilyLinkFactory(child=child)

    sign_in(page, base, link.user.email, journey)
    expect(page).to_have_url(base + "/")
    journey.check(page, "home")
    page.get_by_role("link", name="See your children's records").click()
    page.get_by_role("link", name="Amara Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    journey.check(page, "child")
    journey.finish()


# 6. Security headers and the content security policy -----------------------------------------


def test_security_headers(live_server, page: Page, journey: Journey) -> None:
    csp_errors: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            csp_errors.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.on(
        "pageerror",
        lambda error: csp_errors.append(f"pageerror: {error}") if "Content Security" in str(error) else None,
    )

    response = page.goto(live_server.url + "/")
    assert response is not None and response.status == 200
    headers = response.all_headers()
    csp = headers.get("content-security-policy", "")
    assert csp, f"No Content-Security-Policy header; headers were {sorted(headers)}"
    assert "default-src" in csp and "'unsafe-inline'" not in csp.split("script-src")[-1].split(";")[0], csp
    assert headers.get("x-frame-options") == "DENY"
    assert headers.get("referrer-policy"), "No Referrer-Policy header"
    assert headers.get("x-content-type-options") == "nosniff"
    page.wait_for_load_state("networkidle")
    journey.check(page, "start")
    assert not csp_errors, "Content Security Policy errors in the console:\n" + "\n".join(csp_errors)
    # The inline script that marks the page as JavaScript-enabled ran, so its nonce was accepted.
    body_class = page.locator("body").get_attribute("class") or ""
    assert "js-enabled" in body_class and "govuk-frontend-supported" in body_class, body_class
    journey.finish()
