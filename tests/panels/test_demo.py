import pytest

from opensend.panels.codes import PdfStatus
from opensend.panels.models import Decision, Meeting, Panel
from opensend.panels.services import quorum_gaps
from opensend.synthetic.demo import seed_demo
from opensend.synthetic.demo.casework import seed_casework_demo
from opensend.synthetic.demo.panels import seed_panels_demo

pytestmark = pytest.mark.django_db


def test_the_demo_panel_has_members_an_upcoming_meeting_and_a_past_letter():
    seed_demo(extensions=False)
    seed_casework_demo()
    assert seed_panels_demo() == 2  # the panel-assess and panel-issue cases
    panel = Panel.objects.get()
    assert panel.chair.email == "panel@opensend.test"
    assert {m.user.email for m in panel.members.all()} >= {
        "panel@opensend.test",
        "panel-education@opensend.test",
        "panel-health@opensend.test",
        "panel-socialcare@opensend.test",
    }
    upcoming = (
        Meeting.objects.filter(items__isnull=False, published_at__isnull=False).order_by("-held_on").first()
    )
    assert upcoming.items.count() == 2
    decision = Decision.objects.get()
    assert quorum_gaps(decision.item.meeting) == []
    # The past refusal's letter is its statutory notice, naming the panel.
    notice = decision.notice
    assert notice.kind == "refuse_assess" and notice.case_id == decision.case_id
    assert "Regulation 32" not in notice.html  # the letter speaks plainly...
    assert "Before you can appeal, you must contact the mediation adviser" in notice.html  # ...and says it
    assert f"Our multi-agency panel ({panel.name})" in notice.html
    assert notice.pdf_status in (PdfStatus.READY, PdfStatus.PENDING)
    assert seed_panels_demo() == 0


def test_the_demo_can_be_removed_and_seeded_again():
    from opensend.synthetic.demo import remove_demo

    seed_demo(extensions=False)
    seed_casework_demo()
    seed_panels_demo()
    remove_demo()
    assert not Decision.objects.exists()
