import pytest

from opensend.advice.models import AdviceRequest, Message
from opensend.core import clock
from opensend.synthetic.demo import seed_demo
from opensend.synthetic.demo.advice import seed_advice_demo
from opensend.synthetic.demo.casework import seed_casework_demo

pytestmark = pytest.mark.django_db


def test_the_demo_asks_three_advisers_on_each_assessing_case_once():
    seed_demo(extensions=False)
    seed_casework_demo()
    made = seed_advice_demo()
    assert made == 6  # two cases being assessed, three advisers each
    assert (
        AdviceRequest.objects.filter(status="submitted", adviser__email="socialcare@opensend.test").count()
        == 2
    )
    overdue = AdviceRequest.objects.filter(status="requested", adviser__email="health@opensend.test")
    assert overdue.count() == 2 and all(r.due_on < clock.today() for r in overdue)
    assert Message.objects.filter(case__child__family_links__user__email="parent@opensend.test").count() == 2
    assert seed_advice_demo() == 0
