"""Factories for targeted help and alternative provision, on top of tests/factories.py."""

import datetime as dt

import factory
from django.utils import timezone

from opensend.accounts.roles import OrganisationKind, Role
from opensend.targeted.models import APPlacement, OutreachRequest
from tests.factories import ChildFactory, LocalAuthorityFactory, MembershipFactory, SettingFactory


class OutreachRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachRequest

    child = factory.SubFactory(ChildFactory)
    setting = factory.LazyAttribute(lambda o: o.child.current_setting or SettingFactory())
    local_authority = factory.LazyAttribute(lambda o: o.child.responsible_la)
    service = "educational_psychology"
    question = "How can we help with reading?"
    tried = "Phonics catch-up, small group"
    urgency = "routine"
    requested_at = factory.LazyFunction(timezone.now)


class ProviderFactory(SettingFactory):
    name = factory.Sequence(lambda n: f"Riverside Pupil Referral Unit {n}")
    setting_type = "Pupil referral unit"
    phase = "Not applicable"


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = APPlacement

    child = factory.SubFactory(ChildFactory)
    local_authority = factory.LazyAttribute(lambda o: o.child.responsible_la)
    referred_by_kind = "local_authority"
    referring_organisation = factory.LazyAttribute(lambda o: o.child.responsible_la)
    referred_at = factory.LazyFunction(timezone.now)
    tier = "tier_2"
    purpose = "Time to re-engage with learning"
    provider = factory.SubFactory(ProviderFactory)
    start_on = dt.date(2025, 1, 6)
    planned_end_on = dt.date(2025, 4, 4)


def area():
    """An LA with a school, a SENCo and a caseworker there, a child at the school, and a PRU."""
    la = LocalAuthorityFactory(name="Riverside Borough")
    school = SettingFactory(local_authority=la, name="Riverside Primary School")
    senco = MembershipFactory(organisation=school, role=Role.SENCO).user
    caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER).user
    child = ChildFactory(responsible_la=la, current_setting=school)
    provider = ProviderFactory(local_authority=la)
    assert provider.kind == OrganisationKind.EDUCATION_SETTING
    return {
        "la": la,
        "school": school,
        "senco": senco,
        "caseworker": caseworker,
        "child": child,
        "provider": provider,
    }
