"""A plan in force is reviewed, amended and transferred, in the browser: the caseworker arranges the
review meeting, the parent sends views on a phone, the caseworker records the meeting and decides to
amend, changes a section, sends the amendment notice, the parent says they have finished, the
caseworker issues the amended plan and compares it, then transfers the plan to another council,
whose caseworker receives it. Axe on every page."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    SettingFactory,
    UserFactory,
)

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.core import clock
from opensend.plans.models import Plan, PlanStatus
from opensend.plans.schema.document import PlanDocument
from opensend.plans.services import plan_import
from opensend.plans.services.drafting import header
from opensend.synthetic.demo.plans import sample_sections

from .conftest import Journey
from .test_journeys import enter_security_code, sign_in, staff

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def _date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _plan_in_force(child, la, setting, by) -> Plan:
    made_on = clock.today() - dt.timedelta(days=330)
    data = {"schema": "opensend-ehc-plan/1.0", "plan": header(Plan(child=child, local_authority=la)),
            "sections": sample_sections(made_on)}  # fmt: skip
    data["plan"].update({"kind": "final", "issued_on": made_on.isoformat(), "made_on": made_on.isoformat()})
    data["sections"]["i"] = {"name": setting.name, "urn": setting.urn}
    version = plan_import(by=principal_for_user(by), child=child, doc=PlanDocument.model_validate(data))
    Plan.objects.filter(pk=version.plan_id).update(named_setting=setting)
    return Plan.objects.get(pk=version.plan_id)


def test_plan_reviews(live_server, page: Page, phone_page: Page, js_page: Page, journey: Journey) -> None:
    base = live_server.url
    la = LocalAuthorityFactory(name="Northshire County Council")
    new_la = LocalAuthorityFactory(name="Westshire Council")
    setting = SettingFactory(local_authority=la, name="Hollybrook Primary School", urn="123456")
    child = ChildFactory(first_name="Leo", last_name="Taylor", responsible_la=la, current_setting=setting,
                         date_of_birth=dt.date(2017, 4, 2))  # fmt: skip
    parent = UserFactory(full_name="Sam Taylor")
    FamilyLinkFactory(child=child, user=parent)
    caseworker, device = staff(Role.LA_CASEWORKER, la, full_name="Priya Shah")
    plan = _plan_in_force(child, la, setting, caseworker)
    today = clock.today()

    # The council's list of reviews due, then the plan's reviews page: arrange the meeting for today.
    sign_in(page, base, caseworker.email)
    enter_security_code(page, device, journey)
    page.goto(f"{base}/plans/reviews-due/")
    journey.check(page, "reviews-due")
    page.get_by_role("link", name=plan.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews and changes: Leo Taylor")
    journey.check(page, "overview")
    page.get_by_role("link", name="Arrange the review meeting").click()
    _date(page, "Date of the review meeting", plan.made_on - dt.timedelta(days=1))
    page.get_by_role("button", name="Arrange the meeting").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("on or after the day the plan was made")
    journey.check(page, "schedule-error")
    _date(page, "Date of the review meeting", today)
    page.get_by_role("button", name="Arrange the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual review of Leo Taylor's plan")
    journey.check(page, "review")
    review_url = page.url

    # The parent, on a phone, sends views.
    sign_in(phone_page, base, parent.email)
    phone_page.goto(review_url)
    journey.check(phone_page, "parent-review")
    phone_page.get_by_label("Your views or advice").fill("Leo reads more at home now.")
    phone_page.get_by_role("button", name="Send your views").click()
    expect(phone_page.get_by_text("Leo reads more at home now.")).to_be_visible()
    phone_page.goto(f"{base}/plans/children/{child.pk}/")
    expect(phone_page.get_by_role("table", name=f"Reviews of plan {plan.reference}")).to_be_visible()
    journey.check(phone_page, "parent-child-reviews")

    # The meeting record, then the decision to amend.
    page.reload()
    page.get_by_role("link", name="Record the meeting").click()
    journey.check(page, "meeting")
    _date(page, "Date the meeting was held", today)
    page.get_by_label("Who came").fill("Sam Taylor (parent), SENCo, Priya Shah")
    page.get_by_label("The meeting's recommendations").fill("Add a reading group to section F.")
    page.get_by_role("button", name="Save the meeting record").click()
    page.get_by_role("link", name="Record the council's decision").click()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether to keep, change or stop")
    journey.check(page, "decide-error")
    page.get_by_label("Change the plan").check()
    page.get_by_label("Reasons for the decision").fill("Leo needs a reading group.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", level=2, name="Amendment")).to_be_visible()
    journey.check(page, "amend-decided")

    # Change section A through the editor, then send the amendment notice.
    page.get_by_role("link", name="Change the plan's sections").click()
    page.get_by_role("link", name="Section A: Views, interests and aspirations").click()
    page.get_by_label("About me").fill("I like trains, drawing, and now reading with my group.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{base}/plans/{plan.pk}/in-force/")
    page.get_by_role("link", name="Send the amendment notice").click()
    journey.check(page, "notice")
    page.get_by_label("I have checked the plan and the family's comments").check()
    page.get_by_role("button", name="Send the amendment notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft amended plan for Leo Taylor")
    journey.check(page, "notice-issued")
    notice_url = page.url

    # The parent says they have finished commenting on the proposed changes.
    phone_page.goto(notice_url)
    phone_page.get_by_role("link", name="Comment on the draft plan").first.click()
    phone_page.get_by_role("link", name="Tell the council you have finished").click()
    phone_page.get_by_role("button", name="I have finished commenting").click()

    # The amended final, and its comparison with the final it replaces.
    page.goto(f"{base}/plans/{plan.pk}/in-force/")
    page.get_by_role("link", name="Issue the amended plan").click()
    page.get_by_label("I have checked the plan and the family's comments").check()
    page.get_by_role("button", name="Issue the amended plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amended final plan for Leo Taylor")
    journey.check(page, "amended-final")
    page.get_by_role("link", name="Compare with version 1 (final plan)").click()
    journey.check(page, "compare")

    # The family moves: transfer to Westshire (a same-council transfer is refused first).
    page.goto(f"{base}/plans/{plan.pk}/in-force/")
    page.get_by_role("link", name="Transfer the plan to another council").click()
    page.get_by_label("Council the child has moved to").select_option(label="Northshire County Council")
    _date(page, "Date the council found out about the move", today)
    page.get_by_role("button", name="Send the plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a different council")
    journey.check(page, "transfer-error")
    page.get_by_label("Council the child has moved to").select_option(label="Westshire Council")
    page.get_by_role("button", name="Send the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans moving between councils")
    journey.check(page, "transfers-sent")

    # Westshire's caseworker receives it.
    receiver, receiver_device = staff(Role.LA_CASEWORKER, new_la, full_name="Ola Reed")
    sign_in(js_page, base, receiver.email)
    enter_security_code(js_page, receiver_device, journey, step="receiver-security-code")
    js_page.goto(f"{base}/plans/transfers/")
    journey.check(js_page, "transfers-incoming")
    js_page.get_by_role("link", name="Leo Taylor").click()
    journey.check(js_page, "receive")
    js_page.get_by_role("button", name="Receive the plan").click()
    expect(js_page.get_by_role("heading", level=1)).to_have_text("Reviews and changes: Leo Taylor")
    journey.check(js_page, "received")
    # Westshire records its letter to the family (X2).
    js_page.goto(f"{base}/plans/transfers/")
    js_page.get_by_role("link", name="Family told").click()
    journey.check(js_page, "family-told")
    _date(js_page, "Date the council wrote to the family", today)
    js_page.get_by_role("button", name="Save").click()
    expect(js_page.get_by_text("Within X2")).to_be_visible()
    journey.check(js_page, "family-told-recorded")
    new_plan = Plan.objects.get(local_authority=new_la)
    assert new_plan.made_on == plan.made_on
    plan.refresh_from_db()
    assert plan.status == PlanStatus.TRANSFERRED
    journey.finish()
