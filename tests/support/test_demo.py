import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.models import User
from opensend.support import selectors
from opensend.support.models import Concern, RegisterEntry, SupportPlan
from opensend.synthetic.demo import PARENT_EMAIL, seed_demo
from opensend.synthetic.demo.support import seed_support_demo


@pytest.mark.django_db
def test_demo_gives_the_senco_a_register_and_the_parent_a_plan():
    seed_demo(extensions=False)
    result = seed_support_demo()
    assert (result.register_entries, result.concerns, result.plans) == (7, 1, 3)
    assert seed_support_demo().plans == 0  # a second run changes nothing
    assert {"NSA", "DS"} <= set(RegisterEntry.objects.values_list("primary_need", flat=True))
    assert Concern.objects.count() == 1 and SupportPlan.objects.filter(reviews__isnull=False).count() == 2
    parent = principal_for_user(User.objects.get(email=PARENT_EMAIL))
    plans = [
        p
        for c in parent.user.family_links.values_list("child", flat=True)
        for p in SupportPlan.objects.filter(child_id=c)
    ]
    assert len(plans) == 1
    assert selectors.plan_get(parent, plans[0].pk).reviews.count() == 1
