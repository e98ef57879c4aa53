"""Members see an agenda case's papers from the agenda's publication until `papers_until`, and
only for their own panel's meetings; every read is audited."""

import datetime as dt

import pytest
import time_machine

from opensend.access.models import AuditEvent
from opensend.access.principal import principal_for_user
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


def _advised_case(child, caseworker, la):
    """A case whose medical advice was submitted and corrected, with educational advice still in
    draft, now waiting for the panel's decision whether to issue a plan."""
    from opensend.accounts.roles import OrganisationKind, Role
    from opensend.advice import services as advice
    from opensend.casework.codes import Status
    from tests.casework.factories import CaseFactory
    from tests.factories import MembershipFactory, OrganisationFactory

    case = CaseFactory(child=child, status=Status.ASSESSING, caseworker=caseworker, received_on=TODAY)
    icb = OrganisationFactory(kind=OrganisationKind.HEALTH_BODY, local_authority=la, name="North ICB")
    doctor = MembershipFactory(
        organisation=icb, role=Role.HEALTH_PROFESSIONAL, user__full_name="Dr Tom Fletcher"
    )
    medical = advice.advice_request(
        by=p(caseworker), case=case, advice_type="medical", question="Health needs", adviser=doctor.user
    )
    first = advice.advice_submit(
        by=p(doctor.user), request=medical, content=advice.AdviceContent(needs_sensory_physical="Wrong words")
    )
    advice.advice_correction_start(by=p(doctor.user), advice=first)
    advice.advice_submit(
        by=p(doctor.user),
        request=medical,
        content=advice.AdviceContent(
            needs_sensory_physical="Mild hearing loss in the left ear",
            provision=[{"area": "sensory_physical", "what": "Radio aid", "who": "Teacher of the deaf",
                        "how_often": "Every lesson", "how_long": "All year"}],
            outcomes="Follows class discussion by July 2027",
        ),
    )  # fmt: skip
    school = MembershipFactory(organisation=child.current_setting, role=Role.SENCO)
    educational = advice.advice_request(
        by=p(caseworker), case=case, advice_type="educational", question="Learning", adviser=school.user
    )
    advice.advice_draft_save(
        by=p(school.user), request=educational, content=advice.AdviceContent(needs_cognition="Not sent yet")
    )
    AssessmentRequest.objects.filter(pk=case.pk).update(status=Status.PANEL_ISSUE)
    case.refresh_from_db()
    return case


def test_the_papers_show_the_advice_received_and_reading_it_is_audited(panel, caseworker, people, child, la):
    case = _advised_case(child, caseworker, la)
    meeting = services.meeting_schedule(by=p(caseworker), panel=panel, held_on=TODAY + dt.timedelta(days=5))
    item = services.agenda_add(by=p(caseworker), meeting=meeting, case=case)
    services.meeting_publish(by=p(caseworker), meeting=meeting)
    member = people[Agency.HEALTH]
    url = f"/panels/meetings/{meeting.pk}/cases/{item.pk}/papers/"

    client = signed_in_client(member)
    html = client.get(url).content.decode()
    assert "Medical (health) advice from Dr Tom Fletcher, North ICB, received 2 March 2026" in html
    assert "Mild hearing loss in the left ear" in html
    assert "Radio aid, by Teacher of the deaf, Every lesson, for All year" in html
    assert "Follows class discussion by July 2027" in html
    assert "Wrong words" not in html, "only the latest version of corrected advice"
    assert "Not sent yet" not in html, "never a draft"
    assert "No advice received yet" not in html
    assert (
        AuditEvent.objects.filter(action="advice.panel_read", child_id=child.pk, actor_id=member.pk).count()
        == 1
    )

    api = client.get(f"/api/v1/panels/meetings/{meeting.pk}/items/{item.pk}/papers")
    assert api.status_code == 200
    [medical] = api.json()["advice"]
    assert medical["adviser"] == "Dr Tom Fletcher, North ICB"
    assert "Mild hearing loss in the left ear" in medical["summary"]


def test_advice_for_the_panel_is_refused_to_anyone_outside_the_council_and_the_live_agenda(
    panel, caseworker, people, child, la
):
    from django.http import Http404

    from opensend.advice.selectors import advice_for_panel

    case = _advised_case(child, caseworker, la)
    assert advice_for_panel(p(caseworker), case)[0].adviser == "Dr Tom Fletcher, North ICB"
    with pytest.raises(Http404):  # a member, before the case is on a published agenda
        advice_for_panel(p(people[Agency.HEALTH]), case)
    with pytest.raises(Http404):  # the family reads advice on their own pages, not the panel's papers
        from tests.factories import FamilyLinkFactory

        advice_for_panel(p(FamilyLinkFactory(child=child).user), case)
