"""The targeted help demo: a PRU in Barnet, two requests from the demo SENCo's school, one answered,
and an AP placement with a review; visible to the demo sign-ins the policies say."""

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.models import User
from opensend.synthetic.demo import seed_demo
from opensend.synthetic.demo.targeted import DemoAreaMissing, seed_targeted_demo
from opensend.targeted import selectors
from opensend.targeted.models import APPlacement, OutreachRequest

pytestmark = pytest.mark.django_db


def test_seed_targeted_demo_adds_the_records_once():
    with pytest.raises(DemoAreaMissing):
        seed_targeted_demo()
    seed_demo(extensions=False)
    result = seed_targeted_demo()
    assert (result.requests, result.placements) == (2, 1)
    assert result.provider.setting_type == "Pupil referral unit"
    assert result.provider.local_authority.la_code_old == "302"
    assert sorted(OutreachRequest.objects.values_list("status", flat=True)) == ["answered", "requested"]
    placement = APPlacement.objects.get()
    assert placement.status == "active" and placement.reviews.count() == 1
    assert seed_targeted_demo().requests == 0
    assert OutreachRequest.objects.count() == 2

    senco = principal_for_user(User.objects.get(email="senco@opensend.test"))
    caseworker = principal_for_user(User.objects.get(email="caseworker@opensend.test"))
    assert selectors.outreach_page(senco).paginator.count == 2
    assert selectors.placement_page(caseworker).paginator.count == 1
    times = {
        r.service: r
        for r in selectors.outreach_times(
            caseworker, since=placement.start_on.replace(year=2000), until=placement.planned_end_on
        )
    }
    assert times["speech_and_language"].answered == 1 and times["speech_and_language"].median_days == 18
