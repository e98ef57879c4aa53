"""The People pages: managers give and end roles in their own organisation, system administrators
find any organisation and give it managers; nobody gives themselves a role there either."""

import pytest

from opensend.accounts.models import Membership
from opensend.accounts.roles import OrganisationKind, Role
from tests.conftest import signed_in_client
from tests.factories import LocalAuthorityFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return LocalAuthorityFactory(name="Home Borough")


@pytest.fixture
def manager(council):
    return MembershipFactory(organisation=council, role=Role.LA_SEND_MANAGER).user


def _add(client, council, **fields):
    data = {
        "email": "",
        "full_name": "",
        "role": Role.LA_CASEWORKER,
        "valid_from_day": "",
        "valid_from_month": "",
        "valid_from_year": "",
        "valid_to_day": "",
        "valid_to_month": "",
        "valid_to_year": "",
        "reason": "Joined the team",
    }
    data.update(fields)
    return client.post(f"/account/organisations/{council.pk}/people/add/", data)


def test_a_manager_with_one_organisation_goes_straight_to_its_people(council, manager):
    client = signed_in_client(manager)
    response = client.get("/account/people/")
    assert (
        response.status_code == 302 and response["Location"] == f"/account/organisations/{council.pk}/people/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "People at Home Borough" in page and manager.full_name in page and "Give someone a role" in page
    assert "People and roles" in client.get("/").content.decode()  # in the service navigation


def test_a_manager_gives_a_role_through_the_page(council, manager):
    client = signed_in_client(manager)
    response = _add(client, council, email="new.colleague@example.org", full_name="New Colleague")
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new.colleague@example.org")
    assert membership.role == Role.LA_CASEWORKER and membership.organisation == council
    page = client.get(response["Location"]).content.decode()
    assert "New Colleague now has the role LA caseworker" in page


def test_giving_yourself_a_role_on_the_page_says_why_not_and_keeps_what_was_typed(council, manager):
    response = _add(signed_in_client(manager), council, email=manager.email, reason="I want to look")
    text = response.content.decode()
    assert response.status_code == 200
    assert "You cannot give yourself a role" in text and "govuk-error-summary" in text
    assert "I want to look" in text
    assert Membership.objects.filter(user=manager).count() == 1


def test_a_wrong_date_says_so(council, manager):
    response = _add(
        signed_in_client(manager),
        council,
        email="x@example.org",
        full_name="X",
        valid_to_day="31",
        valid_to_month="2",
        valid_to_year="2030",
    )
    assert "The end date must be a real date" in response.content.decode()


def test_ending_a_role_through_the_page(council, manager):
    caseworker = MembershipFactory(organisation=council, role=Role.LA_CASEWORKER)
    client = signed_in_client(manager)
    confirm = client.get(f"/account/roles/{caseworker.pk}/end/")
    assert "lose what this role allows straight away" in confirm.content.decode()
    response = client.post(f"/account/roles/{caseworker.pk}/end/", {"reason": "Left"})
    assert response.status_code == 302
    assert Membership.objects.get(pk=caseworker.pk).ended_at is not None


def test_changing_an_end_date_through_the_page(council, manager):
    caseworker = MembershipFactory(organisation=council, role=Role.LA_CASEWORKER)
    response = signed_in_client(manager).post(
        f"/account/roles/{caseworker.pk}/change/",
        {"valid_to_day": "31", "valid_to_month": "3", "valid_to_year": "2099"},
    )
    assert response.status_code == 302
    assert str(Membership.objects.get(pk=caseworker.pk).valid_to) == "2099-03-31"


def test_other_organisations_and_their_roles_are_not_found(council, manager):
    elsewhere = MembershipFactory(role=Role.LA_CASEWORKER)
    client = signed_in_client(manager)
    assert client.get(f"/account/organisations/{elsewhere.organisation_id}/people/").status_code == 404
    assert client.get(f"/account/organisations/{elsewhere.organisation_id}/people/add/").status_code == 404
    assert client.get(f"/account/roles/{elsewhere.pk}/end/").status_code == 404
    assert client.post(f"/account/roles/{elsewhere.pk}/end/").status_code == 404
    assert Membership.objects.get(pk=elsewhere.pk).ended_at is None


def test_staff_who_manage_nobody_do_not_see_the_pages(council):
    caseworker = MembershipFactory(organisation=council, role=Role.LA_CASEWORKER).user
    client = signed_in_client(caseworker)
    assert client.get("/account/people/").status_code == 404
    assert client.get(f"/account/organisations/{council.pk}/people/").status_code == 404


def test_a_system_administrator_finds_an_organisation_and_gives_it_a_manager(council):
    admin = UserFactory(is_staff=True)
    MembershipFactory(
        user=admin,
        organisation=OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY),
        role=Role.SYSTEM_ADMIN,
    )
    client = signed_in_client(admin)
    results = client.get("/account/people/?q=home bor").content.decode()
    assert "Home Borough" in results
    form = client.get(f"/account/organisations/{council.pk}/people/add/").content.decode()
    assert "LA SEND manager" in form and "Organisation manager" in form and "LA caseworker" not in form
    _add(client, council, email=admin.email, role=Role.LA_SEND_MANAGER)
    assert not Membership.objects.filter(user=admin, organisation=council).exists()
    _add(
        client,
        council,
        email="first.manager@example.org",
        full_name="First Manager",
        role=Role.LA_SEND_MANAGER,
    )
    assert Membership.objects.filter(
        user__email="first.manager@example.org", role=Role.LA_SEND_MANAGER
    ).exists()
