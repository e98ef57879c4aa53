import datetime as dt

import pytest
from django.utils import timezone

from opensend.plans.models import Plan, PlanSection
from opensend.plans.prefill import prefill
from opensend.synthetic.demo import PARENT_EMAIL, seed_demo
from opensend.synthetic.demo.casework import seed_casework_demo
from opensend.synthetic.demo.plans import seed_plans_demo

from .conftest import p


@pytest.mark.django_db
def test_the_demo_gives_the_drafting_case_a_draft_and_a_few_children_a_final_plan():
    seed_demo(extensions=False)
    seed_casework_demo()
    assert seed_plans_demo() >= 2
    assert Plan.objects.filter(status="draft_issued", case__status="drafting").count() == 1
    assert Plan.objects.filter(status="final_issued", child__family_links__user__email=PARENT_EMAIL).exists()
    today = timezone.localdate()
    soon = Plan.objects.filter(next_review_due__lte=today + dt.timedelta(weeks=8), status="final_issued")
    assert soon.count() >= 2
    assert soon.filter(reviews__status="scheduled", reviews__meeting_on__gt=today).count() == 1
    assert seed_plans_demo() == 0


def test_the_draft_is_prefilled_from_submitted_advice(case, caseworker):
    from opensend.advice.models import Advice, AdviceRequest

    request = AdviceRequest.objects.create(
        case=case,
        child=case.child,
        advice_type="educational",
        organisation=case.local_authority,
        question="?",
        requested_on=dt.date(2026, 1, 5),
        due_on=dt.date(2026, 2, 16),
        status="submitted",
    )
    Advice.objects.create(
        request=request,
        status="submitted",
        submitted_at=timezone.now(),
        needs_cognition="Reads at age 6.",
        provision=[{"area": "cognition", "what": "Phonics", "who": "TA", "how_often": "daily"}],
        outcomes="Reads at age 8\nWrites a sentence",
    )
    filled = prefill(case)
    assert filled["b"]["needs"] == [
        {"id": "B-1", "area": "cognition_learning", "description": "Reads at age 6."}
    ]
    assert [o["need_ids"] for o in filled["e"]["outcomes"]] == [["B-1"], ["B-1"]]
    assert filled["f"]["provision"][0]["what"] == "Phonics (daily)"
    from opensend.plans.services import plan_start

    plan = plan_start(by=p(caseworker), case=case)
    assert PlanSection.objects.get(plan=plan, key="b").status == "in_progress"
