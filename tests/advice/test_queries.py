"""The overdue desk is set-based: the same number of queries for 3 overdue requests and for 40."""

import datetime as dt

import pytest

from opensend.accounts.roles import OrganisationKind
from opensend.advice import selectors
from opensend.advice.models import AdviceRequest
from opensend.casework.codes import Status
from tests.casework.factories import CaseFactory
from tests.factories import ChildFactory, OrganisationFactory

from .conftest import p

pytestmark = pytest.mark.django_db


def _overdue(la, n, agencies):
    for i in range(n):
        case = CaseFactory(child=ChildFactory(responsible_la=la), status=Status.ASSESSING)
        AdviceRequest.objects.create(
            case=case,
            child=case.child,
            advice_type="medical",
            organisation=agencies[i % len(agencies)],
            question="x",
            requested_on=dt.date(2026, 1, 1),
            due_on=dt.date(2026, 2, 12) + dt.timedelta(days=i % 5),
        )


def _count(principal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        counts = selectors.overdue_by_agency(principal)
        page = selectors.overdue_page(principal)
        [r.adviser_name for r in page.object_list]
    return counts, len(ctx.captured_queries)


def test_counts_per_agency_in_constant_queries(la, caseworker):
    agencies = [OrganisationFactory(kind=OrganisationKind.HEALTH_BODY, local_authority=la) for _ in range(3)]
    principal = p(caseworker.user)
    _overdue(la, 3, agencies)
    small, small_queries = _count(principal)
    assert sorted(a.overdue for a in small) == [1, 1, 1]
    _overdue(la, 40, agencies)
    large, large_queries = _count(principal)
    assert sum(a.overdue for a in large) == 43 and large[0].overdue == 15
    assert large_queries == small_queries
    # Not yet due, or already in, is not overdue; another council's requests are not counted.
    AdviceRequest.objects.filter(pk=AdviceRequest.objects.order_by("id")[0].pk).update(status="submitted")
    assert sum(a.overdue for a in selectors.overdue_by_agency(principal)) == 42
