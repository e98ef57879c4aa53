"""Factories and small worlds for the support app's tests."""

import datetime as dt

import factory

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.support.codes import BroadArea, NeedCode, Provision
from opensend.support.models import PlanOutcome, RegisterEntry, SupportPlan
from tests.factories import ChildFactory, MembershipFactory, SettingFactory, UserFactory

START = dt.date(2025, 9, 1)


class RegisterEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegisterEntry

    child = factory.SubFactory(ChildFactory)
    setting = factory.SubFactory(SettingFactory)
    provision = Provision.SEN_SUPPORT
    primary_need = NeedCode.SLCN
    starts_on = START


class SupportPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportPlan

    child = factory.SubFactory(ChildFactory)
    setting = factory.SubFactory(SettingFactory)
    starts_on = START
    review_due_on = dt.date(2025, 12, 1)
    areas = factory.LazyFunction(lambda: [BroadArea.COMMUNICATION_INTERACTION])
    needs = "Finds it hard to follow instructions"


class PlanOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanOutcome

    plan = factory.SubFactory(SupportPlanFactory)
    area = BroadArea.COMMUNICATION_INTERACTION
    description = "Follows a two-step instruction"
    target_on = dt.date(2025, 12, 1)


def senco_at(setting, **user_kwargs):
    """A SENCo of `setting`: (user, principal)."""
    user = UserFactory(**user_kwargs)
    MembershipFactory(user=user, organisation=setting, role=Role.SENCO)
    return user, principal_for_user(user)


def la_staff(la, role=Role.LA_CASEWORKER):
    user = UserFactory()
    MembershipFactory(user=user, organisation=la, role=role)
    return user, principal_for_user(user)
