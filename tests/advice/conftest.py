import datetime as dt

import pytest

from opensend.accounts.roles import OrganisationKind, Role
from opensend.advice import services
from opensend.casework.codes import Status
from tests.casework import conftest as _casework
from tests.casework.factories import CaseFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

# The casework tests' fixtures (clock set to 2 March 2026, a council, its staff, a child and parent).
TODAY = _casework.TODAY
p = _casework.p
_clock = _casework._clock
caseworker = _casework.caseworker
la = _casework.la
manager = _casework.manager
setting = _casework.setting
senco = _casework.senco
child = _casework.child
parent = _casework.parent

PDF = b"%PDF-1.4 advice"
DUE = dt.date(2026, 4, 13)  # TODAY + 6 weeks (rule A3)


@pytest.fixture
def health_body(la):
    return OrganisationFactory(kind=OrganisationKind.HEALTH_BODY, local_authority=la, name="North ICB")


@pytest.fixture
def health(health_body):
    return MembershipFactory(
        role=Role.HEALTH_PROFESSIONAL, organisation=health_body, user=UserFactory(full_name="Dr Tom Fletcher")
    ).user


@pytest.fixture
def case(child, caseworker):
    return CaseFactory(child=child, status=Status.ASSESSING, caseworker=caseworker.user)


@pytest.fixture
def asked(case, caseworker, health):
    return services.advice_request(
        by=p(caseworker.user), case=case, advice_type="medical", question="Her health needs", adviser=health
    )


def content(**kwargs):
    data = {"needs_cognition": "Reads at a Year 1 level", "outcomes": "Reads simple books by July 2027"}
    data.update(kwargs)
    return services.AdviceContent(**data)
