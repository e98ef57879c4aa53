"""The Wave 3 lifecycle pages that had no browser coverage, as an LA caseworker: record an appeal
against stopping a plan, record how the appeal ended (upheld: the plan continues), start a
re-assessment of that plan, and cancel a transfer sent to another council. Each form is sent once
with bad input (error summary, typed value kept) and once correctly. Axe on every page state."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from tests.factories import ChildFactory, LocalAuthorityFactory, SettingFactory

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.core import clock
from opensend.plans.models import Amendment, Ceasing, PlanStatus, PlanTransfer, TransferStatus
from opensend.plans.services import cease_decide, transfer_start

from .conftest import Journey
from .test_journeys import enter_security_code, sign_in, staff
from .test_plan_reviews import _date, _plan_in_force

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def _expect_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    expect(group.get_by_label("Day")).to_have_value(str(day.day))
    expect(group.get_by_label("Month")).to_have_value(str(day.month))
    expect(group.get_by_label("Year")).to_have_value(str(day.year))


def test_plan_lifecycle_pages(live_server, page: Page, journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    new_la = LocalAuthorityFactory(name="Westshire Council")
    setting = SettingFactory(local_authority=la, name="Hollybrook Primary School", urn="123456")
    leo = ChildFactory(first_name="Leo", last_name="Taylor", responsible_la=la, current_setting=setting,
                       date_of_birth=dt.date(2017, 4, 2))  # fmt: skip
    mia = ChildFactory(first_name="Mia", last_name="Okafor", responsible_la=la, current_setting=setting,
                       date_of_birth=dt.date(2016, 9, 14))  # fmt: skip
    caseworker, device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")
    by = principal_for_user(caseworker)
    today = clock.today()

    # Leo's plan: the council has decided to stop it (notice today). Mia's plan: sent to Westshire.
    plan = _plan_in_force(leo, la, setting, caseworker)
    ceasing = cease_decide(by=by, plan=plan, reason=2, reasons="Needs met at school.")
    moving = _plan_in_force(mia, la, setting, caseworker)
    transfer = transfer_start(by=by, plan=moving, to_la=new_la, aware_on=today)
    assert transfer.status == TransferStatus.SENT

    sign_in(page, base, caseworker.email)
    enter_security_code(page, device, journey)

    # The family appeals: a date before the decision is refused and kept, then today is recorded.
    page.goto(f"{base}/plans/{plan.pk}/in-force/")
    page.get_by_role("link", name="Record an appeal").click()
    expect(page).to_have_url(f"{base}/plans/ceasings/{ceasing.pk}/appeal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an appeal against stopping the plan")
    journey.check(page, "appeal")
    lodged = "Date the family lodged the appeal"
    _date(page, lodged, today - dt.timedelta(days=1))
    page.get_by_role("button", name="Record the appeal").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("An appeal must be lodged between")
    _expect_date(page, lodged, today - dt.timedelta(days=1))
    journey.check(page, "appeal-error")
    _date(page, lodged, today)
    page.get_by_role("button", name="Record the appeal").click()
    expect(page).to_have_url(f"{base}/plans/{plan.pk}/in-force/")
    expect(page.get_by_text("Appeal recorded: the plan is kept while it goes on")).to_be_visible()
    journey.check(page, "appeal-recorded")
    ceasing.refresh_from_db()
    assert ceasing.appeal_lodged_on == today

    # The appeal ends: without an outcome the date is kept; then upheld, so the plan continues.
    page.get_by_role("link", name="Record how the appeal ended").click()
    expect(page).to_have_url(f"{base}/plans/ceasings/{ceasing.pk}/appeal-ended/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record how the appeal ended")
    journey.check(page, "appeal-ended")
    ended = "Date the appeal ended"
    _date(page, ended, today)
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose how the appeal ended")
    _expect_date(page, ended, today)
    journey.check(page, "appeal-ended-error")
    page.get_by_label("Appeal upheld: the plan continues").check()
    page.get_by_role("button", name="Record the outcome").click()
    expect(page).to_have_url(f"{base}/plans/{plan.pk}/in-force/")
    expect(page.get_by_text("The plan continues", exact=True)).to_be_visible()
    journey.check(page, "appeal-upheld")
    ceasing = Ceasing.objects.get(pk=ceasing.pk)
    plan.refresh_from_db()
    assert ceasing.appeal_concluded_on == today and ceasing.ceased_on is None
    assert plan.status == PlanStatus.FINAL_ISSUED and plan.cease_date is None

    # The plan in force is re-assessed: a date in the future is refused and kept, then today.
    page.get_by_role("link", name="Start a re-assessment").click()
    expect(page).to_have_url(f"{base}/plans/{plan.pk}/reassess/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a re-assessment")
    journey.check(page, "reassess")
    told = "Date the council told the family it would re-assess"
    _date(page, told, today + dt.timedelta(days=1))
    page.get_by_role("button", name="Start the re-assessment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date must be today or in the past")
    _expect_date(page, told, today + dt.timedelta(days=1))
    journey.check(page, "reassess-error")
    _date(page, told, today)
    page.get_by_role("button", name="Start the re-assessment").click()
    expect(page).to_have_url(f"{base}/plans/{plan.pk}/in-force/")
    expect(page.get_by_text("Re-assessment started")).to_be_visible()
    journey.check(page, "reassess-started")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AMENDING and plan.reassessment_notified_on == today
    assert Amendment.objects.filter(plan=plan, reason="reassessment").exists()

    # Mia's family did not move: cancel the transfer (a reason too long is refused and kept).
    page.goto(f"{base}/plans/transfers/")
    page.get_by_role("link", name="Cancel the transfer of Mia Okafor's plan").click()
    expect(page).to_have_url(f"{base}/plans/transfers/{transfer.pk}/cancel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel the transfer")
    journey.check(page, "transfer-cancel")
    reason = page.get_by_label("Why is the transfer cancelled?")
    too_long = ("The family did not move. " * 81).strip()  # 2,024 characters
    reason.fill(too_long)
    page.get_by_role("button", name="Cancel the transfer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter 2,000 characters or fewer")
    expect(reason).to_have_value(too_long)
    journey.check(page, "transfer-cancel-error")
    reason.fill("The family did not move.")
    page.get_by_role("button", name="Cancel the transfer").click()
    expect(page).to_have_url(f"{base}/plans/transfers/")
    expect(page.get_by_text("Transfer to Westshire Council cancelled")).to_be_visible()
    journey.check(page, "transfer-cancelled")
    transfer = PlanTransfer.objects.get(pk=transfer.pk)
    assert transfer.status == TransferStatus.CANCELLED
    assert transfer.cancel_reason == "The family did not move."
    moving.refresh_from_db()
    assert moving.local_authority_id == la.pk and moving.status == PlanStatus.FINAL_ISSUED
    journey.finish()
