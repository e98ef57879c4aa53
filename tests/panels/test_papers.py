"""Members see an agenda case's papers from the agenda's publication until `papers_until`, and
only for their own panel's meetings; every read is audited."""

import datetime as dt

import pytest
import time_machine

from opensend.access.models import AuditEvent
from opensend.accounts.principal import principal_for_user
from opensend.casework.models import AssessmentRequest
from opensend.casework.policies import case_policy
from opensend.panels import services
from opensend.panels.codes import Agency
from tests.conftest import signed_in_client

from .conftest import TODAY, p

pytestmark = pytest.mark.django_db


def _sees(user, case) -> bool:
    principal = principal_for_user(user)
    return case_policy.visible(principal, AssessmentRequest.objects.filter(pk=case.pk)).exists()


def test_window_opens_on_publication_and_closes_after_papers_until(panel, caseworker, people, case):
    member = people[Agency.HEALTH]
    meeting = services.meeting_schedule(by=p(caseworker), panel=panel, held_on=TODAY + dt.timedelta(days=5))
    assert meeting.papers_until == TODAY + dt.timedelta(days=12)
    item = services.agenda_add(by=p(caseworker), meeting=meeting, case=case)
    client = signed_in_client(member)
    url = f"/panels/meetings/{meeting.pk}/cases/{item.pk}/papers/"
    assert not _sees(member, case)
    assert client.get(url).status_code == 404  # not published

    services.meeting_publish(by=p(caseworker), meeting=meeting)
    assert _sees(member, case)
    response = client.get(url)
    assert response.status_code == 200
    assert b"Amira Khan" in response.content
    assert (
        AuditEvent.objects.filter(
            action="panel.papers_viewed", child_id=case.child_id, actor_id=member.pk
        ).count()
        == 1
    )

    with time_machine.travel(dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC), tick=False):  # papers_until
        assert _sees(member, case)
        assert signed_in_client(member).get(url).status_code == 200
    with time_machine.travel(dt.datetime(2026, 3, 15, 12, tzinfo=dt.UTC), tick=False):  # a day after
        assert not _sees(member, case)
        assert signed_in_client(member).get(url).status_code == 404
        # The council's staff keep their access.
        assert signed_in_client(caseworker).get(url).status_code == 200


def test_only_the_agenda_cases_of_ones_own_panel(item, people, child, caseworker):
    from tests.casework.factories import CaseFactory

    other_case = CaseFactory(status="panel_assess")
    member = people[Agency.SOCIAL_CARE]
    assert _sees(member, item.case)
    assert not _sees(member, other_case)


def test_removed_members_lose_access(item, people, manager, panel):
    member = people[Agency.HEALTH]
    services.panel_member_remove(by=p(manager), member=panel.members.get(user=member))
    assert not _sees(member, item.case)
    client = signed_in_client(member)
    assert client.get(f"/panels/meetings/{item.meeting_id}/cases/{item.pk}/papers/").status_code == 404


def test_members_cannot_use_the_caseworkers_case_page(item, people):
    client = signed_in_client(people[Agency.HEALTH])
    assert client.get(f"/casework/cases/{item.case_id}/").status_code == 404


def test_the_meeting_page_audits_each_agenda_case(item, people):
    client = signed_in_client(people[Agency.EDUCATION])
    response = client.get(f"/panels/meetings/{item.meeting_id}/")
    assert response.status_code == 200
    assert b"Papers" in response.content
    assert AuditEvent.objects.filter(action="panel.agenda_viewed", child_id=item.case.child_id).exists()


def test_a_member_sees_no_agenda_before_publication(panel, caseworker, people, case):
    meeting = services.meeting_schedule(by=p(caseworker), panel=panel, held_on=TODAY)
    services.agenda_add(by=p(caseworker), meeting=meeting, case=case)
    response = signed_in_client(people[Agency.HEALTH]).get(f"/panels/meetings/{meeting.pk}/")
    assert response.status_code == 200
    assert b"Amira Khan" not in response.content
    assert b"The agenda has not been published yet" in response.content
