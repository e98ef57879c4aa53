import pytest

from opensend.casework.models import AssessmentRequest
from opensend.synthetic.demo import seed_demo
from opensend.synthetic.demo.casework import seed_casework_demo

pytestmark = pytest.mark.django_db


def test_the_demo_adds_a_dozen_cases_in_various_stages_once():
    seed_demo(extensions=False)
    assert seed_casework_demo() == 12
    cases = AssessmentRequest.objects.all()
    assert len({c.status for c in cases}) >= 8
    assert cases.filter(child__family_links__user__email="parent@opensend.test").count() == 1
    assert seed_casework_demo() == 0
