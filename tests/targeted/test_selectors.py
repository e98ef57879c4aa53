"""Selectors: answer-time percentiles (set-based, both databases), scoping, audit, constant queries."""

import datetime as dt
import statistics

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opensend.access.models import AuditEvent
from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.targeted import selectors
from opensend.targeted.selectors import PERCENTILES, _interpolate
from tests.factories import ChildFactory, MembershipFactory
from tests.targeted.factories import OutreachRequestFactory, PlacementFactory, area

pytestmark = pytest.mark.django_db


def _answered(child, days, service="educational_psychology", at=None):
    at = at or timezone.now()
    return OutreachRequestFactory(
        child=child, service=service, status="answered", answered_at=at, days_to_answer=days
    )


def _percentile_cont(values, p):
    """PostgreSQL's percentile_cont, written out, to check the SQL against."""
    values = sorted(values)
    h = float(p) * (len(values) - 1)
    lo = int(h)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (h - lo)


@pytest.mark.parametrize(
    "days",
    [[5], [3, 9], [1, 2, 3, 4, 10, 20, 30, 40, 50, 100], [7, 7, 7, 1, 60, 2, 14, 21, 28, 35, 42, 3]],
)
def test_median_and_90th_percentile_match_the_definition(days):
    w = area()
    for d in days:
        _answered(w["child"], d)
    rows = {
        r.service: r
        for r in selectors.outreach_times(
            principal_for_user(w["caseworker"]), since=dt.date(2000, 1, 1), until=dt.date(2999, 1, 1)
        )
    }
    row = rows["educational_psychology"]
    assert row.answered == len(days)
    assert row.median_days == pytest.approx(statistics.median(days))
    assert row.p90_days == pytest.approx(_percentile_cont(days, PERCENTILES["p90"]))
    assert rows["speech_and_language"].answered == 0 and rows["speech_and_language"].median_days is None


def test_times_are_per_service_per_period_and_per_la_with_declined_and_waiting():
    w = area()
    now = timezone.now()
    _answered(w["child"], 10)
    _answered(w["child"], 30, service="speech_and_language")
    _answered(w["child"], 99, at=now - dt.timedelta(days=400))  # outside the period
    _answered(ChildFactory(), 500)  # another LA
    OutreachRequestFactory(child=w["child"], status="declined", decided_at=now)
    OutreachRequestFactory(child=w["child"], status="requested")
    OutreachRequestFactory(child=w["child"], status="accepted")
    today = timezone.localdate()
    rows = {
        r.service: r
        for r in selectors.outreach_times(
            principal_for_user(w["caseworker"]), since=today - dt.timedelta(days=30), until=today
        )
    }
    ep = rows["educational_psychology"]
    assert (ep.answered, ep.median_days, ep.p90_days, ep.declined, ep.waiting) == (1, 10, 10, 1, 2)
    assert rows["speech_and_language"].median_days == 30


def test_times_are_for_la_staff_and_la_analysts_only():
    w = area()
    _answered(w["child"], 4)
    analyst = MembershipFactory(organisation=w["la"], role=Role.ANALYST_LA).user
    span = {"since": dt.date(2000, 1, 1), "until": dt.date(2999, 1, 1)}
    got = selectors.outreach_times(principal_for_user(analyst), **span)
    assert sum(r.answered for r in got) == 1
    got = selectors.outreach_times(principal_for_user(w["senco"]), **span)
    assert sum(r.answered for r in got) == 0


def test_the_times_query_count_does_not_grow_with_answers():
    w = area()
    by = principal_for_user(w["caseworker"])
    span = {"since": dt.date(2000, 1, 1), "until": dt.date(2999, 1, 1)}
    _answered(w["child"], 1)
    with CaptureQueriesContext(connection) as few:
        selectors.outreach_times(by, **span)
    for d in range(60):
        _answered(w["child"], d, service=["educational_psychology", "specialist_teaching"][d % 2])
    with CaptureQueriesContext(connection) as many:
        selectors.outreach_times(by, **span)
    assert len(few) == len(many) == 5  # ranked rows, declined, waiting, audit chain's tip, audit


def test_interpolation_between_closest_ranks():
    assert _interpolate({0: 10, 1: 20}, 2, PERCENTILES["median"]) == 15
    assert _interpolate({8: 50, 9: 100}, 10, PERCENTILES["p90"]) == 55


def test_lists_are_scoped_audited_and_constant_in_queries():
    w = area()
    by = principal_for_user(w["senco"])
    OutreachRequestFactory(child=w["child"])
    OutreachRequestFactory()  # a child elsewhere
    with CaptureQueriesContext(connection) as one:
        page = selectors.outreach_page(by)
    assert [r.child_id for r in page.object_list] == [w["child"].pk]
    assert AuditEvent.objects.filter(action="outreach.listed", child=w["child"]).count() == 1
    for _ in range(30):
        child = ChildFactory(responsible_la=w["la"], current_setting=w["school"])
        OutreachRequestFactory(child=child)
        PlacementFactory(child=child)
    with CaptureQueriesContext(connection) as full:
        page = selectors.outreach_page(by)
        [(r.child.full_name, r.setting.name, r.local_authority.name) for r in page.object_list]
    assert len(page.object_list) == 25 and len(full) == len(one)
    with CaptureQueriesContext(connection) as placements:
        page = selectors.placement_page(by)
        [(p.child.full_name, p.provider.name, p.referring_organisation.name) for p in page.object_list]
    assert len(placements) == len(one)


def test_families_see_only_answered_outreach_and_all_placements_of_their_child():
    from tests.factories import FamilyLinkFactory

    w = area()
    parent = FamilyLinkFactory(child=w["child"]).user
    answered = _answered(w["child"], 3)
    OutreachRequestFactory(child=w["child"], status="requested")
    placement = PlacementFactory(child=w["child"])
    by = principal_for_user(parent)
    assert [r.pk for r in selectors.outreach_page(by).object_list] == [answered.pk]
    assert [p.pk for p in selectors.placement_page(by).object_list] == [placement.pk]
