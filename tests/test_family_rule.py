"""The family rule in every app that emails a family or shows a family a page (ADR 0110).

One child, born 15 September 2009, and four people linked to her: a parent with parental
responsibility, a parent without it, a parent whose link ended on 31 January 2026, and her own
account. She turns 16 on 15 September 2025, compulsory school age ends on Friday 26 June 2026
(the last Friday in June of that school year) and she turns 18 on 15 September 2027. So:

- on 2 March 2026 (`child`): her family is the parent with parental responsibility;
- on 1 July 2026 (`young_person`): that parent and her own account;
- on 1 October 2027 (`adult`): her own account only (parental responsibility ends at 18).

For each app, on each of those days, the app's family emails go to exactly that family and its
family pages answer 200 to them and 404 to everyone else. Weakening the rule in any one app (a
policy or a recipient list that stops asking `children.family`) turns that app's test red.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
import time_machine

from opensend.access.principal import principal_for_user
from opensend.accounts.models import User
from opensend.accounts.roles import OrganisationKind, Role
from opensend.children.models import Child
from opensend.notify.models import Notification
from tests.casework.factories import CaseFactory
from tests.conftest import signed_in_client
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    OrganisationFactory,
    SettingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BORN = dt.date(2009, 9, 15)
PHASES = {
    "child": dt.date(2026, 3, 2),
    "young_person": dt.date(2026, 7, 1),
    "adult": dt.date(2027, 10, 1),
}
FAMILY = {
    "child": {"parent"},
    "young_person": {"parent", "young_person"},
    "adult": {"young_person"},
}


@dataclasses.dataclass
class World:
    today: dt.date
    la: object
    setting: object
    caseworker: User
    senco: User
    child: Child
    people: dict[str, User]

    def family(self, phase: str) -> set[User]:
        return {self.people[name] for name in FAMILY[phase]}


@pytest.fixture(params=list(PHASES))
def phase(request):
    return request.param


@pytest.fixture
def world(db, phase):
    today = PHASES[phase]
    with time_machine.travel(dt.datetime(today.year, today.month, today.day, 10, tzinfo=dt.UTC), tick=False):
        la = LocalAuthorityFactory(name="Northshire Council")
        setting = SettingFactory(local_authority=la, name="Oak School", urn="123456")
        caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER).user
        senco = MembershipFactory(organisation=setting, role=Role.SENCO).user
        young_person = UserFactory(full_name="Her own account")
        child = ChildFactory(
            first_name="Amira",
            last_name="Khan",
            date_of_birth=BORN,
            responsible_la=la,
            current_setting=setting,
            young_person_user=young_person,
        )
        people = {
            "parent": FamilyLinkFactory(child=child, valid_from=BORN).user,
            "no_pr": FamilyLinkFactory(
                child=child, valid_from=BORN, has_parental_responsibility=False, relationship="father"
            ).user,
            "ended": FamilyLinkFactory(
                child=child, valid_from=BORN, valid_to=dt.date(2026, 1, 31), relationship="step_parent"
            ).user,
            "young_person": young_person,
        }
        yield World(today, la, setting, caseworker, senco, child, people)


def _emailed(world: World) -> set[User]:
    """The people (of the four) who were sent anything about the child."""
    ids = Notification.objects.filter(child=world.child, recipient__in=world.people.values()).values(
        "recipient_id"
    )
    return set(User.objects.filter(pk__in=ids))


def _check(world: World, phase: str, act: Callable[[World], list[str]], capture, *, emails: bool = True):
    """Run the app's step (on the phase's day: `world` holds the clock), then check who was emailed
    and who may open the pages it returns."""
    with capture(execute=True):
        urls = act(world)
    family = world.family(phase)
    if emails:
        assert _emailed(world) == family, {u.full_name for u in _emailed(world)}
    for name, person in world.people.items():
        client = signed_in_client(person)
        for url in urls:
            expected = 200 if person in family else 404
            assert client.get(url).status_code == expected, (phase, name, url)


def p(user):
    return principal_for_user(user)


# Casework: the request received (the family's notice) and the family's case page --------------------


def _casework(world: World) -> list[str]:
    from opensend.casework import services

    case = services.request_receive(
        by=p(world.caseworker),
        child=world.child,
        reasons="Cannot read yet",
        consent_given=True,
        source=1,
        received_on=world.today,
    )
    return [f"/casework/your-requests/{case.pk}/"]


def test_casework(world, phase, django_capture_on_commit_callbacks):
    _check(world, phase, _casework, django_capture_on_commit_callbacks)


# Panels: the decision letter (email and page) -------------------------------------------------------


def _panels(world: World) -> list[str]:
    from opensend.casework.codes import Status
    from opensend.panels import services
    from opensend.panels.codes import Agency

    manager = MembershipFactory(organisation=world.la, role=Role.LA_SEND_MANAGER).user
    members = {
        agency: MembershipFactory(organisation=world.la, role=Role.PANEL_MEMBER).user
        for agency in (Agency.EDUCATION, Agency.HEALTH, Agency.SOCIAL_CARE)
    }
    panel = services.panel_configure(
        by=p(manager),
        local_authority=world.la,
        name="Northshire EHC panel",
        quorum_agencies=["education", "health", "social_care"],
    )
    chair = MembershipFactory(organisation=world.la, role=Role.PANEL_MEMBER).user
    services.panel_member_add(by=p(manager), panel=panel, user=chair, agency=Agency.EDUCATION)
    for agency, user in members.items():
        services.panel_member_add(by=p(manager), panel=panel, user=user, agency=agency)
    panel = services.panel_configure(
        by=p(manager),
        local_authority=world.la,
        name=panel.name,
        quorum_agencies=panel.quorum_agencies,
        chair=chair,
    )
    case = CaseFactory(child=world.child, status=Status.PANEL_ASSESS, received_on=world.today)
    meeting = services.meeting_schedule(
        by=p(world.caseworker), panel=panel, held_on=world.today, location="Room 4"
    )
    item = services.agenda_add(by=p(world.caseworker), meeting=meeting, case=case)
    services.meeting_publish(by=p(world.caseworker), meeting=meeting)
    services.attendance_record(
        by=p(chair), meeting=meeting, present_user_ids=[chair.pk, *(u.pk for u in members.values())]
    )
    decision = services.decision_record(
        by=p(chair), item=item, yes=True, reasons="The school's evidence shows she needs more help."
    )
    return [f"/panels/decisions/{decision.pk}/letter/"]


def test_panel_letters(world, phase, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("opensend.panels.letters.render_pdf", lambda html: b"%PDF-1.7 test\n%%EOF")
    _check(world, phase, _panels, django_capture_on_commit_callbacks)


# Notices: a refusal's statutory letter (email and page) ---------------------------------------------


def _notices(world: World) -> list[str]:
    from opensend.casework.codes import Status
    from opensend.casework.services import case_transition
    from tests.notices.factories import CouncilDetailsFactory

    CouncilDetailsFactory(local_authority=world.la)
    case = CaseFactory(child=world.child, status=Status.PANEL_ASSESS, received_on=world.today)
    case_transition(
        by=p(world.caseworker),
        case=case,
        to=Status.DECIDED_NOT_TO_ASSESS,
        reason="The school has not yet used the support most children with these needs get.",
    )
    notice = case.decision_notices.get()
    return [f"/notices/{notice.pk}/"]


def test_notices(world, phase, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("opensend.notices.letters.render_pdf", lambda html: b"%PDF-1.7 test\n%%EOF")
    _check(world, phase, _notices, django_capture_on_commit_callbacks)


# Advice: advice received (email) and the advice itself (page) ---------------------------------------


def _advice(world: World) -> list[str]:
    from opensend.advice import services
    from opensend.casework.codes import Status

    health_body = OrganisationFactory(kind=OrganisationKind.HEALTH_BODY, local_authority=world.la)
    health = MembershipFactory(organisation=health_body, role=Role.HEALTH_PROFESSIONAL).user
    case = CaseFactory(child=world.child, status=Status.ASSESSING, caseworker=world.caseworker)
    request = services.advice_request(
        by=p(world.caseworker), case=case, advice_type="medical", question="Her health needs", adviser=health
    )
    advice = services.advice_submit(
        by=p(health),
        request=request,
        content=services.AdviceContent(needs_cognition="Reads at a Year 1 level", outcomes="Reads a book"),
    )
    return [f"/advice/versions/{advice.pk}/"]


def test_advice(world, phase, django_capture_on_commit_callbacks):
    _check(world, phase, _advice, django_capture_on_commit_callbacks)
    # The case's message thread: the family may write to the council, nobody else of the four may.
    case = world.child.assessment_requests.get()
    for name, person in world.people.items():
        posted = signed_in_client(person).post(f"/advice/cases/{case.pk}/messages/", {"body": "Hello"})
        assert posted.status_code == (302 if person in world.family(phase) else 404), (phase, name)


# Plans: the draft plan served on the family (email) and the draft itself (page) ---------------------


def _plans(world: World) -> list[str]:
    from opensend.casework.codes import Status
    from opensend.plans.models import PlanSection
    from opensend.plans.services import draft_issue, plan_start, section_save
    from opensend.synthetic.demo.plans import sample_sections

    case = CaseFactory(
        child=world.child, status=Status.DRAFTING, received_on=world.today - dt.timedelta(weeks=15)
    )
    by = p(world.caseworker)
    plan = plan_start(by=by, case=case)
    for key, content in sample_sections(world.today, pfa=True).items():
        section = PlanSection.objects.get(plan=plan, key=key)
        section_save(
            by=by, plan=plan, key=key, content=content, expected_version=section.version, completed=True
        )
    version = draft_issue(by=by, plan=plan)
    return [f"/plans/versions/{version.pk}/"]


def test_plans(world, phase, django_capture_on_commit_callbacks):
    _check(world, phase, _plans, django_capture_on_commit_callbacks)


# SEN support: support has started (email) and the child's support plans (page) ----------------------


def _support(world: World) -> list[str]:
    from opensend.support import services
    from opensend.support.codes import BroadArea

    services.register_entry_add(
        by=p(world.senco),
        child=world.child,
        setting=world.setting,
        provision="K",
        primary_need="SLCN",
        starts_on=world.today,
    )
    plan = services.plan_open(
        by=p(world.senco),
        child=world.child,
        setting=world.setting,
        starts_on=world.today,
        review_due_on=world.today + dt.timedelta(weeks=12),
        areas=[BroadArea.COMMUNICATION_INTERACTION],
        needs="Finds it hard to follow instructions",
    )
    return [f"/support/children/{world.child.pk}/plans/", f"/support/plans/{plan.pk}/"]


def test_support(world, phase, django_capture_on_commit_callbacks):
    _check(world, phase, _support, django_capture_on_commit_callbacks)


# Targeted support: an alternative provision placement (page; no email to the family) ----------------


def _targeted(world: World) -> list[str]:
    from tests.targeted.factories import PlacementFactory

    placement = PlacementFactory(child=world.child)
    return [f"/targeted/alternative-provision/{placement.pk}/", f"/targeted/children/{world.child.pk}/"]


def test_targeted(world, phase, django_capture_on_commit_callbacks):
    _check(world, phase, _targeted, django_capture_on_commit_callbacks, emails=False)


# Notify: a notification about the child, sent to each of the four earlier, read in OpenSEND ----------


def test_notify(world, phase):
    from opensend.notify.services import notify

    sent = {
        person.pk: notify(
            to=person,
            kind="case.stage_changed",
            context={"child_name": "Amira", "stage": "Assessment", "next_steps": "We will write."},
            link="/",
            child=world.child,
        )
        for person in world.people.values()
    }
    family = world.family(phase)
    for name, person in world.people.items():
        client = signed_in_client(person)
        expected = 200 if person in family else 404
        assert client.get(f"/notifications/{sent[person.pk].pk}/").status_code == expected, (phase, name)
        listed = "Amira" in client.get("/notifications/").content.decode()
        assert listed == (person in family), (phase, name)


# Portal: the family's home, their children and the child's record ----------------------------------


def test_portal(world, phase):
    family = world.family(phase)
    for name, person in world.people.items():
        client = signed_in_client(person)
        expected = 200 if person in family else 404
        assert client.get(f"/children/{world.child.pk}/").status_code == expected, (phase, name)
        listed = "Amira Khan" in client.get("/children/").content.decode()
        assert listed == (person in family), (phase, name)
