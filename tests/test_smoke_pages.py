import pytest

from opensend.accounts.roles import Role
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, FamilyLinkFactory, MembershipFactory, SettingFactory


@pytest.mark.django_db
def test_public_pages_render_for_anyone(client):
    for url in [
        "/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
        "/account/sign-in/",
        "/account/password-reset/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"govuk-skip-link" in response.content


@pytest.mark.django_db
def test_caseworker_signs_in_with_two_factor_and_opens_a_child():
    membership = MembershipFactory(role=Role.LA_CASEWORKER)
    setting = SettingFactory(local_authority=membership.organisation)
    child = ChildFactory(responsible_la=membership.organisation, current_setting=setting)
    client = signed_in_client(membership.user)
    listing = client.get("/children/")
    assert child.last_name.encode() in listing.content
    page = client.get(f"/children/{child.pk}/")
    assert page.status_code == 200
    assert child.first_name.encode() in page.content


@pytest.mark.django_db
def test_parent_sees_own_child_only():
    link = FamilyLinkFactory()
    other = ChildFactory()
    client = signed_in_client(link.user)
    assert client.get(f"/children/{link.child_id}/").status_code == 200
    assert client.get(f"/children/{other.pk}/").status_code == 404
