import datetime as dt

import pytest
import time_machine

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.casework.codes import Status
from opensend.panels import letters, services
from opensend.panels.codes import Agency
from tests.casework.factories import CaseFactory
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    UserFactory,
)
from tests.notices.factories import CouncilDetailsFactory

REAL_RENDER_PDF = letters.render_pdf
TODAY = dt.date(2026, 3, 2)
REASONS = "The school's evidence shows that Amira needs more help than SEN support can give."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def p(user):
    return principal_for_user(user)


@pytest.fixture
def la(db):
    """A council with complete details for letters (every refusal's notice needs them)."""
    council = LocalAuthorityFactory(name="Northshire Council")
    CouncilDetailsFactory(local_authority=council)
    return council


def _staff(la, role, name, email=None):
    kwargs = {"full_name": name}
    if email:
        kwargs["email"] = email
    return MembershipFactory(organisation=la, role=role, user=UserFactory(**kwargs)).user


@pytest.fixture
def manager(la):
    return _staff(la, Role.LA_SEND_MANAGER, "Mo Manager")


@pytest.fixture
def caseworker(la):
    return _staff(la, Role.LA_CASEWORKER, "Casey Worker")


@pytest.fixture
def people(la):
    """Panel members by agency; the chair holds only the panel member role."""
    return {
        "chair": _staff(la, Role.PANEL_MEMBER, "Chris Chair"),
        Agency.EDUCATION: _staff(la, Role.PANEL_MEMBER, "Ed Ucation"),
        Agency.HEALTH: _staff(la, Role.PANEL_MEMBER, "Hel Th"),
        Agency.SOCIAL_CARE: _staff(la, Role.PANEL_MEMBER, "Sol Care"),
        Agency.PARENT_CARER_FORUM: _staff(la, Role.PANEL_MEMBER, "Pat Forum"),
    }


@pytest.fixture
def panel(la, manager, people):
    by = p(manager)
    panel = services.panel_configure(
        by=by,
        local_authority=la,
        name="Northshire EHC panel",
        quorum_agencies=["education", "health", "social_care"],
    )
    services.panel_member_add(by=by, panel=panel, user=people["chair"], agency=Agency.EDUCATION)
    for agency in (Agency.EDUCATION, Agency.HEALTH, Agency.SOCIAL_CARE, Agency.PARENT_CARER_FORUM):
        services.panel_member_add(by=by, panel=panel, user=people[agency], agency=agency)
    return services.panel_configure(
        by=by,
        local_authority=la,
        name=panel.name,
        quorum_agencies=panel.quorum_agencies,
        chair=people["chair"],
    )


@pytest.fixture
def child(la):
    return ChildFactory(
        responsible_la=la,
        current_setting=SettingFactory(local_authority=la),
        first_name="Amira",
        last_name="Khan",
        date_of_birth=dt.date(2016, 5, 1),
    )


@pytest.fixture
def parent(child):
    return FamilyLinkFactory(child=child, user=UserFactory(full_name="Pat Khan")).user


@pytest.fixture
def case(child, parent):
    return CaseFactory(child=child, status=Status.PANEL_ASSESS, received_on=dt.date(2026, 1, 26))


@pytest.fixture
def meeting(panel, caseworker):
    return services.meeting_schedule(by=p(caseworker), panel=panel, held_on=TODAY, location="Room 4")


@pytest.fixture
def item(meeting, case, caseworker):
    item = services.agenda_add(by=p(caseworker), meeting=meeting, case=case)
    services.meeting_publish(by=p(caseworker), meeting=meeting)
    return item


def everyone_present(meeting, people, by):
    services.attendance_record(by=p(by), meeting=meeting, present_user_ids=[u.pk for u in people.values()])


@pytest.fixture
def quorate(meeting, people):
    everyone_present(meeting, people, people["chair"])
    return meeting


@pytest.fixture(autouse=True)
def _no_pdf_by_default(monkeypatch):
    """WeasyPrint takes about a second a letter: tests that want the PDF ask for it (`real_pdf`)."""
    monkeypatch.setattr("opensend.panels.letters.render_pdf", lambda html: b"%PDF-1.7 test\n%%EOF")


@pytest.fixture
def real_pdf(monkeypatch):
    monkeypatch.setattr("opensend.panels.letters.render_pdf", REAL_RENDER_PDF)
