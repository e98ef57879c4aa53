"""A caseworker asks a health professional for advice; the health professional signs in with a
security code, writes and submits it; the parent (on a phone) reads it and sends a message.
Axe on every page."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    SettingFactory,
    UserFactory,
)

from opensend.accounts.roles import OrganisationKind, Role
from opensend.advice.models import AdviceRequest, Message
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.core import clock

from .conftest import Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def test_advice(live_server, page: Page, phone_page: Page, journey: Journey, tmp_path: Path) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    setting = SettingFactory(local_authority=la, name="Hollybrook Primary School")
    health_body = OrganisationFactory(
        kind=OrganisationKind.HEALTH_BODY, local_authority=la, name="Northshire Integrated Care Board"
    )
    child = ChildFactory(
        first_name="Leo",
        last_name="Taylor",
        responsible_la=la,
        current_setting=setting,
        date_of_birth=dt.date(2017, 4, 2),
    )
    parent = UserFactory(full_name="Sam Taylor")
    FamilyLinkFactory(child=child, user=parent)
    caseworker, cw_device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")
    doctor, dr_device = staff(Role.HEALTH_PROFESSIONAL, health_body, full_name="Dr Tom Fletcher")
    case = AssessmentRequest.objects.create(
        child=child,
        local_authority=la,
        source=1,
        received_on=clock.today() - dt.timedelta(days=50),
        consent_given=True,
        reasons="Leo cannot read yet and is very anxious at school.",
        family_views="A school that understands him.",
        status=Status.ASSESSING,
        caseworker=caseworker,
    )

    # The caseworker asks for medical advice ----------------------------------------------------
    sign_in(page, base, caseworker.email)
    enter_security_code(page, cw_device, journey)
    page.goto(f"{base}/casework/cases/{case.pk}/")
    expect(page.get_by_role("heading", name="Advice", exact=True)).to_be_visible()
    journey.check(page, "case-no-advice")
    page.get_by_role("link", name="Ask for advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for advice")
    page.get_by_role("button", name="Ask for advice").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the type of advice")
    journey.check(page, "ask-error")
    page.get_by_label("Medical (health)").check()
    page.get_by_label("Who to ask").select_option(
        label=f"Dr Tom Fletcher, Health professional, {health_body.name}"
    )
    page.get_by_label("What should the advice cover?").fill("Leo's health needs and any therapy he needs.")
    page.get_by_role("button", name="Ask for advice").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Medical (health) advice asked of Dr Tom Fletcher"
    )
    expect(page.locator("#advice")).to_contain_text("Waiting")
    journey.check(page, "case-advice-asked")
    request = AdviceRequest.objects.get()
    assert request.grant is not None

    # The health professional writes and submits -------------------------------------------------
    doctor_page = page.context.browser.new_page()  # type: ignore[union-attr]
    sign_in(doctor_page, base, doctor.email)
    enter_security_code(doctor_page, dr_device, journey)
    doctor_page.goto(f"{base}/advice/")
    expect(doctor_page.get_by_role("heading", level=1)).to_have_text("Advice requested from you")
    journey.check(doctor_page, "mine")
    doctor_page.get_by_role("link", name="Taylor, Leo").click()
    expect(doctor_page.get_by_role("heading", level=1)).to_contain_text(
        "Medical (health) advice for Leo Taylor"
    )
    journey.check(doctor_page, "request")
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ")
    doctor_page.get_by_label("Social, emotional and mental health").fill("Anxiety at transitions.")
    doctor_page.get_by_label("Upload your advice as a document (optional)").set_input_files(str(bad))
    doctor_page.get_by_role("button", name="Save draft").click()
    expect(doctor_page.locator(".govuk-error-summary")).to_contain_text("PDF or Word document (DOCX)")
    expect(doctor_page.get_by_label("Social, emotional and mental health")).to_have_value(
        "Anxiety at transitions."
    )
    journey.check(doctor_page, "request-bad-upload")
    doctor_page.get_by_role("button", name="Save draft").click()
    expect(doctor_page.locator(".govuk-notification-banner")).to_contain_text("Draft saved")
    first = doctor_page.get_by_role("group", name="Provision 1")
    first.get_by_label("Area of need").select_option("semh")
    first.get_by_label("What").fill("Sessions with a clinical psychologist")
    first.get_by_label("Who provides it").fill("CAMHS")
    first.get_by_label("How often").fill("Once a fortnight")
    first.get_by_label("For how long").fill("Six months")
    doctor_page.get_by_label("Suggested outcomes").fill(
        "Leo manages the move to a new class with one adult's help."
    )
    doctor_page.get_by_role("button", name="Submit advice").click()
    expect(doctor_page.locator(".govuk-notification-banner")).to_contain_text("Advice submitted")
    expect(doctor_page.get_by_role("heading", name="Submitted advice")).to_be_visible()
    journey.check(doctor_page, "submitted")
    doctor_page.close()

    # The caseworker sees all advice received ----------------------------------------------------
    page.goto(f"{base}/casework/cases/{case.pk}/")
    expect(page.locator("#advice")).to_contain_text("All advice received")
    journey.check(page, "case-all-received")

    # The parent reads it and sends a message, on a phone ----------------------------------------
    phone = phone_page
    sign_in(phone, base, parent.email)
    phone.goto(f"{base}/casework/your-requests/{case.pk}/")
    expect(phone.locator("#advice")).to_contain_text("Medical (health) advice from Dr Tom Fletcher")
    journey.check(phone, "family-case")
    phone.get_by_role("link", name="Medical (health) advice from Dr Tom Fletcher").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Medical (health) advice")
    expect(phone.get_by_role("table")).to_contain_text("Sessions with a clinical psychologist")
    journey.check(phone, "family-advice")
    phone.go_back()
    phone.get_by_role("button", name="Send message").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("Write your message")
    journey.check(phone, "message-error")
    phone.get_by_label("Your message").fill("Thank you. Can we talk about the therapy?")
    phone.get_by_role("button", name="Send message").click()
    expect(phone.locator("#messages")).to_contain_text("Can we talk about the therapy?")
    journey.check(phone, "family-message-sent")
    assert Message.objects.get().from_family

    page.goto(f"{base}/casework/cases/{case.pk}/")
    expect(page.locator("#messages")).to_contain_text("Can we talk about the therapy?")
    page.goto(f"{base}/advice/overdue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue advice")
    journey.check(page, "overdue")
    journey.finish()
