"""The demo council's details and letters, and constant query counts on the notice lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensend.notices import selectors
from opensend.notices.letters import missing_settings
from opensend.notices.models import CouncilDetails, DecisionNotice
from opensend.synthetic.demo import DEMO_LA_CODE, seed_demo
from opensend.synthetic.demo.casework import seed_casework_demo
from opensend.synthetic.demo.notices import seed_notices_demo
from opensend.synthetic.demo.panels import seed_panels_demo
from tests.casework.factories import CaseFactory
from tests.notices.factories import NoticeFactory

from .conftest import p

pytestmark = pytest.mark.django_db


def test_the_demo_council_has_complete_details_and_every_refusal_has_its_letter():
    seed_demo(extensions=False)
    seed_casework_demo()
    seed_panels_demo()
    assert seed_notices_demo() == 0  # the demo's one refusal got its notice from the panel's seed
    details = CouncilDetails.objects.get(local_authority__la_code_old=DEMO_LA_CODE)
    assert missing_settings(details) == []
    refusals = DecisionNotice.objects.filter(case__status="decided_not_to_assess")
    assert refusals.count() == 1
    assert "Barnet SENDIASS" in refusals.get().html


def test_the_demo_can_be_removed_with_its_letters():
    from opensend.synthetic.demo import remove_demo

    seed_demo()
    assert DecisionNotice.objects.exists()
    remove_demo()
    assert not DecisionNotice.objects.exists()


@pytest.mark.parametrize("rows", [1, 30])
def test_a_childs_letters_take_the_same_queries_however_many_there_are(rows, la, caseworker):
    case = CaseFactory(child__responsible_la=la, status="decided_not_to_assess")
    for _ in range(rows):
        NoticeFactory(case=case)
    principal = p(caseworker)
    with CaptureQueriesContext(connection) as queries:
        page = selectors.notices_for_child(principal, case.child)
        [(n.local_authority.name, n.is_current) for n in page.object_list]
    assert len(queries) <= 5, [q["sql"] for q in queries]
