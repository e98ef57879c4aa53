import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from opensend.access.principal import principal_for_user
from opensend.support import selectors, services
from opensend.support.selectors import LaViewFilters, SupportHistory
from tests.factories import ChildFactory, FamilyLinkFactory, LocalAuthorityFactory, SettingFactory

from .factories import PlanOutcomeFactory, RegisterEntryFactory, SupportPlanFactory, la_staff

D = dt.date
pytestmark = pytest.mark.django_db


def test_census_summary_counts_open_entries_by_provision_and_primary_need(world):
    other = SettingFactory(local_authority=world.la)
    RegisterEntryFactory.create_batch(2, setting=world.school, provision="K", primary_need="SLCN")
    RegisterEntryFactory(setting=world.school, provision="E", primary_need="ASD")
    RegisterEntryFactory(setting=world.school, provision="K", primary_need="NSA")
    RegisterEntryFactory(setting=world.school, provision="K", primary_need="DS", ends_on=D(2025, 12, 1))
    RegisterEntryFactory(setting=world.school, provision="K", primary_need="MLD", starts_on=D(2026, 3, 1))
    RegisterEntryFactory(setting=other, provision="K", primary_need="SLCN")
    with CaptureQueriesContext(connection) as queries:
        summary = selectors.census_summary(world.senco, on=D(2026, 1, 15), setting=world.school)
    assert len(queries) == 1  # one GROUP BY, whatever the register's size
    rows = {r.code: r for r in summary.rows}
    assert (rows["SLCN"].sen_support, rows["ASD"].ehc_plan, rows["NSA"].sen_support) == (2, 1, 1)
    assert rows["DS"].total == 0 and rows["MLD"].total == 0
    assert (summary.sen_support, summary.ehc_plan, summary.total) == (3, 1, 4)
    # On 1 December 2025 the DS entry still counted.
    assert {
        r.code: r for r in selectors.census_summary(world.senco, on=D(2025, 12, 1), setting=world.school).rows
    }["DS"].sen_support == 1
    _, caseworker = la_staff(world.la)
    assert selectors.census_summary(caseworker, on=D(2026, 1, 15), local_authority_id=world.la.pk).total == 5
    with pytest.raises(Http404):
        selectors.census_summary(world.senco, on=D(2026, 1, 15), setting=other)


def test_la_view_filters_by_setting_need_and_provision_and_pages_without_counting(world):
    other = SettingFactory(local_authority=world.la)
    elsewhere = SettingFactory(local_authority=LocalAuthorityFactory())
    RegisterEntryFactory.create_batch(3, setting=world.school, primary_need="SLCN")
    RegisterEntryFactory(setting=other, primary_need="ASD")
    RegisterEntryFactory(setting=other, provision="E", primary_need="ASD")
    RegisterEntryFactory(setting=elsewhere, primary_need="ASD")  # another LA's child at another LA's school
    mine_elsewhere = RegisterEntryFactory(
        setting=elsewhere, child=ChildFactory(responsible_la=world.la), primary_need="SEMH"
    )
    _, caseworker = la_staff(world.la)
    everyone = selectors.la_view_page(caseworker, LaViewFilters())
    assert len(everyone.object_list) == 5 and not everyone.has_next
    assert mine_elsewhere in everyone.object_list
    assert len(selectors.la_view_page(caseworker, LaViewFilters(need="ASD")).object_list) == 1
    assert len(selectors.la_view_page(caseworker, LaViewFilters(provision="")).object_list) == 6
    assert len(selectors.la_view_page(caseworker, LaViewFilters(setting_id=world.school.pk)).object_list) == 3
    first = selectors.la_view_page(caseworker, LaViewFilters(), per_page=2)
    assert first.has_next and not first.has_previous
    third = selectors.la_view_page(caseworker, LaViewFilters(), page=3, per_page=2)
    assert len(third.object_list) == 1 and not third.has_next
    with pytest.raises(Http404):
        selectors.la_view_page(world.senco, LaViewFilters())


def _world_of(n: int, la, school):
    for _ in range(n):
        RegisterEntryFactory(child=ChildFactory(responsible_la=la, current_setting=school), setting=school)


@pytest.mark.parametrize("sizes", [(3, 30)])
def test_register_page_reads_a_constant_number_of_queries(world, sizes):
    counts = []
    for n in sizes:
        school = SettingFactory(local_authority=world.la)
        _world_of(n, world.la, school)
        from .factories import senco_at

        _, senco = senco_at(school)
        with CaptureQueriesContext(connection) as queries:
            page = selectors.register_page(senco, school)
            [e.child.full_name for e in page.object_list]
        counts.append(len(queries))
    # count, rows with children, the audit chain's tip and one audit INSERT (ADR 0172)
    assert counts[0] == counts[1] == 4


def test_la_view_reads_a_constant_number_of_queries(world):
    counts = []
    for n in (4, 40):
        la = LocalAuthorityFactory()
        school = SettingFactory(local_authority=la)
        _world_of(n, la, school)
        _, caseworker = la_staff(la)
        with CaptureQueriesContext(connection) as queries:
            page = selectors.la_view_page(caseworker, LaViewFilters())
            [(e.child.full_name, e.setting.name) for e in page.object_list]
        counts.append(len(queries))
    # the page of rows with child and setting, the audit chain's tip, one audit INSERT (ADR 0172)
    assert counts[0] == counts[1] == 3


def test_support_history_is_plain_values_for_casework(world):
    entry = RegisterEntryFactory(child=world.child, setting=world.school)
    plan = SupportPlanFactory(child=world.child, setting=world.school, register_entry=entry)
    outcome = PlanOutcomeFactory(plan=plan)
    services.plan_provision_add(
        by=world.senco,
        plan_id=plan.pk,
        item=services.ProvisionInput(
            "communication_interaction", "SLT", "NHS", "Weekly", "10 weeks", Decimal("300")
        ),
    )
    services.plan_review_record(
        by=world.senco,
        plan_id=plan.pk,
        reviewed_on=D(2025, 12, 1),
        summary="Some progress",
        progress={outcome.pk: ("some", "")},
        next_step="request_assessment",
    )
    _, caseworker = la_staff(world.la)
    with CaptureQueriesContext(connection) as queries:
        history = selectors.support_history(caseworker, world.child)
    assert len(queries) <= 8
    assert isinstance(history, SupportHistory)
    assert [e.primary_need for e in history.register_entries] == ["SLCN"]
    (record,) = history.plans
    assert record.outcomes[0].target_on == D(2025, 12, 1)
    assert record.reviews[0].next_step == "request_assessment"
    assert record.reviews[0].progress[0].outcome_id == outcome.pk
    assert history.total_cost_pounds == Decimal("300")
    # Someone who may not see the child's records gets an empty history, not someone else's.
    stranger = la_staff(LocalAuthorityFactory())[1]
    empty = selectors.support_history(stranger, world.child)
    assert empty.plans == () and empty.register_entries == ()


def test_a_family_sees_their_own_childs_plans_only(world):
    plan = SupportPlanFactory(child=world.child, setting=world.school)
    other = SupportPlanFactory(child=ChildFactory(), setting=world.school)
    parent = principal_for_user(world.parent)
    assert selectors.child_plans(parent, world.child) == [plan]
    with pytest.raises(Http404):
        selectors.plan_get(parent, other.pk)
    without_pr = FamilyLinkFactory(child=world.child, has_parental_responsibility=False).user
    with pytest.raises(Http404):
        selectors.plan_get(principal_for_user(without_pr), plan.pk)
