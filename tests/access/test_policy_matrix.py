"""Who sees what: every role x every relationship to a child x every resource, through the policy
and through real HTTP requests to pages and the API.

Each role gets its own small world: one child per relationship. The expected table below is the
policy written as data; a change in who-sees-what must change this table.
"""

import datetime as dt

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import OrganisationKind, Role
from opensend.children.models import Child
from opensend.children.policies import child_policy
from tests.conftest import signed_in_client
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    InvolvementFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    OrganisationFactory,
    SettingFactory,
    UserFactory,
)

RELATIONSHIPS = (
    "own_la",  # responsible LA is the actor's LA
    "other_la",  # another LA's child, no other tie
    "at_own_setting",  # attends the actor's setting (another LA is responsible)
    "at_other_setting",
    "live_grant",  # the actor holds a live case grant
    "expired_grant",
    "revoked_grant",
    "parent_with_pr",  # the actor is a parent with parental responsibility
    "parent_without_pr",
    "parent_link_ended",
    "own_record",  # the actor is the young person
)

# The policy as data: which relationships give each role each resource.
VIEW = {
    Role.LA_CASEWORKER: {"own_la"},
    Role.LA_SEND_MANAGER: {"own_la"},
    Role.PANEL_MEMBER: set(),
    Role.SENCO: {"at_own_setting"},
    Role.HEALTH_PROFESSIONAL: {"live_grant"},
    Role.SOCIAL_CARE_PROFESSIONAL: {"live_grant"},
    Role.MEDIATOR: {"live_grant"},
    Role.ANALYST_LA: set(),
    Role.ANALYST_REGIONAL: set(),
    Role.ANALYST_NATIONAL: set(),
    Role.PARENT_CARER: {"parent_with_pr"},
    Role.YOUNG_PERSON: {"own_record"},
    Role.SYSTEM_ADMIN: set(),
    Role.ORGANISATION_MANAGER: set(),
}
EDIT = {Role.LA_CASEWORKER: {"own_la"}, Role.LA_SEND_MANAGER: {"own_la"}}
WHO_HAS_LOOKED = {Role.LA_SEND_MANAGER: {"own_la"}}
ACCESS_SUMMARY = {Role.PARENT_CARER: {"parent_with_pr"}, Role.YOUNG_PERSON: {"own_record"}}

MEMBERSHIP_KIND = {
    Role.LA_CASEWORKER: OrganisationKind.LOCAL_AUTHORITY,
    Role.LA_SEND_MANAGER: OrganisationKind.LOCAL_AUTHORITY,
    Role.PANEL_MEMBER: OrganisationKind.LOCAL_AUTHORITY,
    Role.SENCO: OrganisationKind.EDUCATION_SETTING,
    Role.HEALTH_PROFESSIONAL: OrganisationKind.HEALTH_BODY,
    Role.SOCIAL_CARE_PROFESSIONAL: OrganisationKind.SOCIAL_CARE_TEAM,
    Role.MEDIATOR: OrganisationKind.MEDIATION_SERVICE,
    Role.ANALYST_LA: OrganisationKind.LOCAL_AUTHORITY,
    Role.ANALYST_REGIONAL: OrganisationKind.REGION,
    Role.ANALYST_NATIONAL: OrganisationKind.NATIONAL_BODY,
    Role.SYSTEM_ADMIN: OrganisationKind.NATIONAL_BODY,
    Role.ORGANISATION_MANAGER: OrganisationKind.LOCAL_AUTHORITY,
}


def _world(role: Role):
    la = LocalAuthorityFactory(name="Home Borough")
    other_la = LocalAuthorityFactory(name="Far Borough")
    own_setting = SettingFactory(local_authority=la)
    other_setting = SettingFactory(local_authority=other_la)
    actor = UserFactory(is_staff=role == Role.SYSTEM_ADMIN)
    org = None
    if role in MEMBERSHIP_KIND:
        kind = MEMBERSHIP_KIND[role]
        org = {
            OrganisationKind.LOCAL_AUTHORITY: la,
            OrganisationKind.EDUCATION_SETTING: own_setting,
        }.get(kind) or OrganisationFactory(kind=kind, local_authority=la)
        MembershipFactory(user=actor, organisation=org, role=role)
    grant_org = org if org is not None else OrganisationFactory(kind=OrganisationKind.HEALTH_BODY)
    today = dt.date.today()  # noqa: TID251 - the test compares with the real clock the app uses

    children = {
        "own_la": ChildFactory(responsible_la=la),
        "other_la": ChildFactory(responsible_la=other_la),
        "at_own_setting": ChildFactory(responsible_la=other_la, current_setting=own_setting),
        "at_other_setting": ChildFactory(responsible_la=other_la, current_setting=other_setting),
        "live_grant": ChildFactory(responsible_la=other_la),
        "expired_grant": ChildFactory(responsible_la=other_la),
        "revoked_grant": ChildFactory(responsible_la=other_la),
        "parent_with_pr": ChildFactory(responsible_la=other_la),
        "parent_without_pr": ChildFactory(responsible_la=other_la),
        "parent_link_ended": ChildFactory(responsible_la=other_la),
        "own_record": ChildFactory(responsible_la=other_la, date_of_birth=dt.date(today.year - 17, 1, 1)),
    }
    # Grants are given to every actor: only the grant roles may use them.
    InvolvementFactory(child=children["live_grant"], user=actor, organisation=grant_org)
    InvolvementFactory(
        child=children["expired_grant"],
        user=actor,
        organisation=grant_org,
        valid_from=today - dt.timedelta(days=60),
        valid_to=today - dt.timedelta(days=1),
    )
    InvolvementFactory(
        child=children["revoked_grant"],
        user=actor,
        organisation=grant_org,
        revoked_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    # Family ties make a person a parent or young person, so only those roles get them.
    if role == Role.PARENT_CARER:
        FamilyLinkFactory(child=children["parent_with_pr"], user=actor, has_parental_responsibility=True)
        FamilyLinkFactory(child=children["parent_without_pr"], user=actor, has_parental_responsibility=False)
        FamilyLinkFactory(
            child=children["parent_link_ended"],
            user=actor,
            valid_from=dt.date(2015, 1, 1),
            valid_to=today - dt.timedelta(days=1),
        )
    if role == Role.YOUNG_PERSON:
        child = children["own_record"]
        child.young_person_user = actor
        child.save()
    return actor, children


ALL_ROLES = list(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_policy_gives_each_role_exactly_the_children_its_relationships_allow(role):
    actor, children = _world(role)
    principal = principal_for_user(actor)
    visible = set(child_policy.visible(principal, Child.objects.all()).values_list("pk", flat=True))
    expected = {children[r].pk for r in VIEW[role]}
    assert visible == expected, {r: c.pk in visible for r, c in children.items()}
    for relationship, child in children.items():
        assert child_policy.can(principal, "view", child) == (relationship in VIEW[role]), relationship
        assert child_policy.can(principal, "edit", child) == (relationship in EDIT.get(role, set())), (
            relationship
        )
        assert child_policy.can(principal, "view_audit", child) == (
            relationship in WHO_HAS_LOOKED.get(role, set())
        ), relationship
        assert child_policy.can(principal, "view_access_summary", child) == (
            relationship in ACCESS_SUMMARY.get(role, set())
        ), relationship


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_pages_and_api_answer_exactly_as_the_policy_says(role):
    actor, children = _world(role)
    client = signed_in_client(actor)
    pages = {
        "view": ("/children/{}/", VIEW[role]),
        "edit": ("/children/{}/edit/", EDIT.get(role, set())),
        "people": ("/children/{}/people/", EDIT.get(role, set())),
        "who_has_looked": ("/children/{}/who-has-looked/", WHO_HAS_LOOKED.get(role, set())),
        "access_summary": ("/children/{}/who-has-accessed/", ACCESS_SUMMARY.get(role, set())),
        "api": ("/api/v1/children/{}", VIEW[role]),
    }
    for resource, (pattern, allowed) in pages.items():
        for relationship, child in children.items():
            status = client.get(pattern.format(child.pk)).status_code
            expected = 200 if relationship in allowed else 404
            assert status == expected, f"{role.value} {resource} {relationship}: {status}"

    listing = client.get("/api/v1/children?per_page=100")
    if VIEW[role]:
        ids = {row["id"] for row in listing.json()["results"]}
        assert ids == {children[r].pk for r in VIEW[role]}
    else:
        assert listing.status_code == 404
    tokens_page = client.get("/account/api-tokens/").status_code
    assert tokens_page == (200 if role in (Role.LA_SEND_MANAGER, Role.SYSTEM_ADMIN) else 404)
