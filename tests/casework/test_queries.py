"""The desk and the case page run the same number of queries for 3 cases as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import signed_in_client
from tests.factories import ChildFactory

from .factories import CaseEventFactory, CaseFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _seed(la, n, caseworker):
    cases = [CaseFactory(child=ChildFactory(responsible_la=la), caseworker=caseworker) for _ in range(n)]
    for case in cases:
        CaseEventFactory.create_batch(3, case=case)
    return cases


def test_the_desk_and_case_page_queries_do_not_grow_with_the_number_of_cases(caseworker, la):
    client = signed_in_client(caseworker.user)
    few = _seed(la, 3, caseworker.user)
    desk_few = _queries(client, "/casework/?per_page=50")
    mine_few = _queries(client, "/casework/?scope=mine")
    page_few = _queries(client, f"/casework/cases/{few[0].pk}/")
    many = _seed(la, 27, caseworker.user)
    CaseEventFactory.create_batch(30, case=many[0])
    assert _queries(client, "/casework/?per_page=50") == desk_few
    assert _queries(client, "/casework/?scope=mine") == mine_few
    assert _queries(client, f"/casework/cases/{many[0].pk}/") == page_few
