"""The family rule (ADR 0110): its dates against the law's own examples, its two sides agreeing, and
the child policy's "which users" query agreeing with `can`."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import OrganisationKind, Role
from opensend.children import family
from opensend.children.policies import child_policy
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    InvolvementFactory,
    MembershipFactory,
    OrganisationFactory,
    SettingFactory,
    UserFactory,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "friday"),
    [(2024, D(2024, 6, 28)), (2025, D(2025, 6, 27)), (2026, D(2026, 6, 26)), (2027, D(2027, 6, 25))],
)
def test_the_school_leaving_date_is_the_last_friday_in_june(year, friday):
    assert family.last_friday_in_june(year) == friday


@pytest.mark.parametrize(
    ("born", "ends"),
    [
        # IPSEA's worked example: born 23 September 2007, compulsory school age ends 28 June 2024.
        (D(2007, 9, 23), D(2024, 6, 28)),
        # s.8(3)(c): 16 in the spring, the leaving date after the birthday.
        (D(2009, 3, 27), D(2025, 6, 27)),
        # s.8(3)(b): 16 on the leaving date itself.
        (D(2009, 6, 27), D(2025, 6, 27)),
        # s.8(3)(a): 16 in the summer holidays, after the leaving date: it ends before the birthday.
        (D(2009, 8, 31), D(2025, 6, 27)),
        # 16 on 1 September: the next school year, so the next June.
        (D(2009, 9, 1), D(2026, 6, 26)),
        (D(2008, 2, 29), D(2024, 6, 28)),
    ],
)
def test_compulsory_school_age_ends_on_the_leaving_date_of_the_school_year_they_turn_16(born, ends):
    assert family.compulsory_school_age_ends(born) == ends
    assert family.young_person_from(born) == ends + dt.timedelta(days=1)


def test_parental_responsibility_runs_to_the_day_before_the_18th_birthday():
    assert family.parental_responsibility_until(D(2009, 9, 15)) == D(2027, 9, 14)
    assert family.parental_responsibility_until(D(2008, 2, 29)) == D(2026, 2, 28)


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))


@given(born=days, on=days)
def test_the_set_based_dates_agree_with_the_per_child_dates(born, on):
    # The policies filter on "born on or before" dates; a person's own dates must say the same.
    assert (born <= family.young_person_born_by(on)) == (on >= family.young_person_from(born))
    assert (born <= family.adult_born_by(on)) == (on > family.parental_responsibility_until(born))


@pytest.fixture
def household(db):
    """A child born 15 September 2009 (compulsory school age ends 26 June 2026; 18 on 15 September
    2027), and the people linked to her."""
    child = ChildFactory(date_of_birth=D(2009, 9, 15), young_person_user=UserFactory())
    people = {
        "parent": FamilyLinkFactory(child=child).user,
        "no_pr": FamilyLinkFactory(child=child, has_parental_responsibility=False).user,
        "ended": FamilyLinkFactory(child=child, valid_to=D(2026, 1, 31)).user,
        "ends_today": FamilyLinkFactory(child=child, valid_to=D(2026, 3, 2)).user,
        "starts_later": FamilyLinkFactory(child=child, valid_from=D(2026, 3, 3)).user,
        "closed_account": FamilyLinkFactory(child=child, user=UserFactory(is_active=False)).user,
        "young_person": child.young_person_user,
    }
    return child, people


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 3, 2), {"parent", "ends_today"}),
        (D(2026, 3, 3), {"parent", "starts_later"}),
        (D(2026, 6, 26), {"parent", "starts_later"}),  # still of compulsory school age
        (D(2026, 6, 27), {"parent", "starts_later", "young_person"}),
        (D(2027, 9, 14), {"parent", "starts_later", "young_person"}),
        (D(2027, 9, 15), {"young_person"}),  # 18: parental responsibility has ended
    ],
)
def test_family_of_on_a_day_and_the_other_side_agrees(household, on, expected):
    child, people = household
    names = {name for name, user in people.items() if user in set(family.family_of(child, on=on))}
    assert names == expected
    from_their_side = {
        name
        for name, user in people.items()
        if family.family_children(user, on=on).filter(pk=child.pk).exists()
    }
    assert from_their_side == expected - {"closed_account"}
    assert {name for name, user in people.items() if family.is_family(user, child, on=on)} == from_their_side


def test_the_child_policy_names_exactly_the_users_it_lets_in(db):
    la = OrganisationFactory(kind=OrganisationKind.LOCAL_AUTHORITY)
    school = SettingFactory(local_authority=la)
    child = ChildFactory(responsible_la=la, current_setting=school, date_of_birth=D(2015, 3, 27))
    health = OrganisationFactory(kind=OrganisationKind.HEALTH_BODY)
    doctor = MembershipFactory(organisation=health, role=Role.HEALTH_PROFESSIONAL).user
    InvolvementFactory(child=child, user=doctor, organisation=health)
    users = [
        MembershipFactory(organisation=la, role=Role.LA_CASEWORKER).user,
        MembershipFactory(organisation=la, role=Role.LA_SEND_MANAGER).user,
        MembershipFactory(role=Role.LA_CASEWORKER).user,  # another council
        MembershipFactory(organisation=school, role=Role.SENCO).user,
        MembershipFactory(organisation=SettingFactory(), role=Role.SENCO).user,
        doctor,
        InvolvementFactory(child=child, organisation=health).user,  # a grant but no role there
        FamilyLinkFactory(child=child).user,
        FamilyLinkFactory(child=child, has_parental_responsibility=False).user,
        MembershipFactory(organisation=la, role=Role.ANALYST_LA).user,
    ]
    for action in ("view", "edit", "manage_relationships", "view_audit", "view_access_summary", "family"):
        allowed = {u for u in users if child_policy.can(principal_for_user(u), action, child)}
        named = set(
            child_policy.users_with_permission_for_instance(action, child).filter(
                pk__in=[u.pk for u in users]
            )
        )
        assert named == allowed, action
        assert allowed, action  # each action lets someone in, so the comparison means something
    assert not child_policy.users_with_permission_for_instance("no_such_action", child).exists()


def test_family_of_is_three_indexed_queries_whatever_the_family(household, django_assert_num_queries):
    child, _people = household
    with django_assert_num_queries(3):  # the child's links, the child's own account, the accounts
        assert len(list(family.family_of(child, on=D(2026, 7, 1)))) == 3
