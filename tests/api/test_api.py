"""The /api/v1 API: one auth scheme, one error shape, policy-scoped and audited reads; token pages."""

import datetime as dt
import hashlib
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from opensend.access.models import AuditAction, AuditEvent
from opensend.access.principal import principal_for_user
from opensend.accounts import services as account_services
from opensend.accounts.models import ApiToken
from opensend.accounts.roles import Role
from opensend.core.errors import ApplicationError
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return MembershipFactory(role=Role.LA_SEND_MANAGER)


@pytest.fixture
def la(manager):
    return manager.organisation


def _token(manager, *, scopes=("children:read",), role=Role.LA_CASEWORKER, days=30):
    return account_services.api_token_create(
        by=principal_for_user(manager.user),
        organisation=manager.organisation,
        name="Case system",
        role=role,
        scopes=list(scopes),
        days=days,
    )


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_openapi_document_is_json_and_lists_the_operations(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["info"]["title"] == "OpenSEND API"
    for path in ("/api/v1/me", "/api/v1/children", "/api/v1/children/{child_id}"):
        assert path in document["paths"], path


def test_api_docs_page_renders(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


@pytest.mark.parametrize("url", ["/api/v1/me", "/api/v1/children", "/api/v1/children/1"])
def test_unauthenticated_requests_get_401_in_the_one_error_shape(client, url):
    error = _assert_error(client.get(url), 401, "unauthenticated")
    assert error["fields"] == {}


def test_token_secret_is_returned_once_and_only_its_sha256_is_stored(manager):
    token, secret = _token(manager)
    assert secret.startswith("osk_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    for field in ApiToken._meta.concrete_fields:
        assert getattr(stored, field.attname) != secret, field.name
        assert secret not in str(getattr(stored, field.attname)), field.name
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN_CREATED, object_id=str(token.pk)).exists()


def test_token_with_children_read_sees_only_its_las_children(manager, la, client):
    mine = [ChildFactory(responsible_la=la, last_name=name) for name in ("Adams", "Brown")]
    ChildFactory(last_name="Elsewhere")
    token, secret = _token(manager)
    response = client.get("/api/v1/children", **_bearer(secret))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [c["id"] for c in body["results"]] == [c.pk for c in mine]
    assert body["results"][0]["responsible_la"] == {"id": la.pk, "name": la.name}

    detail = client.get(f"/api/v1/children/{mine[0].pk}", **_bearer(secret))
    assert detail.status_code == 200
    assert detail.json()["upn"] == mine[0].upn
    assert detail.json()["version"] == 1

    me = client.get("/api/v1/me", **_bearer(secret)).json()
    assert me["kind"] == "token"
    assert me["scopes"] == ["children:read"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_expired_token_gets_401(manager, client):
    token, secret = _token(manager, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    _assert_error(client.get("/api/v1/children", **_bearer(secret)), 401, "unauthenticated")


def test_revoked_token_gets_401(manager, client):
    token, secret = _token(manager)
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 200
    account_services.api_token_revoke(by=principal_for_user(manager.user), token=token)
    _assert_error(client.get("/api/v1/me", **_bearer(secret)), 401, "unauthenticated")


def test_tampered_secret_gets_401(manager, client):
    _token_obj, secret = _token(manager)
    tampered = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    _assert_error(client.get("/api/v1/children", **_bearer(tampered)), 401, "unauthenticated")
    _assert_error(client.get("/api/v1/children", **_bearer("not-a-token")), 401, "unauthenticated")


def test_token_without_children_read_scope_sees_no_children(manager, la, client):
    child = ChildFactory(responsible_la=la)
    _token_obj, secret = _token(manager, scopes=("children:write",))
    listing = client.get("/api/v1/children", **_bearer(secret))
    if listing.status_code == 200:
        assert listing.json()["results"] == []
    else:
        _assert_error(listing, 404, "not_found")
    _assert_error(client.get(f"/api/v1/children/{child.pk}", **_bearer(secret)), 404, "not_found")
    assert not AuditEvent.objects.filter(child_id=child.pk).exists()


def test_another_las_child_and_a_missing_child_give_the_same_404(manager, client):
    elsewhere = ChildFactory()
    _token_obj, secret = _token(manager)
    forbidden = client.get(f"/api/v1/children/{elsewhere.pk}", **_bearer(secret))
    missing = client.get(f"/api/v1/children/{elsewhere.pk + 1000}", **_bearer(secret))
    assert _assert_error(forbidden, 404, "not_found") == _assert_error(missing, 404, "not_found")


def test_a_bad_query_parameter_gets_422_naming_the_field(manager, client):
    _token_obj, secret = _token(manager)
    error = _assert_error(client.get("/api/v1/children?page=0", **_bearer(secret)), 422, "invalid")
    assert list(error["fields"]) == ["page"]
    error = _assert_error(client.get("/api/v1/children?per_page=1000", **_bearer(secret)), 422, "invalid")
    assert list(error["fields"]) == ["per_page"]


def test_a_non_numeric_child_id_gets_an_error_in_the_one_shape(manager, client):
    _token_obj, secret = _token(manager)
    response = client.get("/api/v1/children/abc", **_bearer(secret))
    _assert_error(response, 422, "invalid")


def test_session_of_a_verified_caseworker_works(la):
    caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER)
    child = ChildFactory(responsible_la=la)
    client = signed_in_client(caseworker.user)
    response = client.get("/api/v1/children")
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [child.pk]
    me = client.get("/api/v1/me").json()
    assert me["kind"] == "user"
    assert me["email"] == caseworker.user.email


def test_session_of_staff_who_have_not_passed_two_factor_gets_401(la):
    caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER)
    ChildFactory(responsible_la=la)
    client = signed_in_client(caseworker.user, verify=False)
    _assert_error(client.get("/api/v1/children"), 401, "unauthenticated")
    _assert_error(client.get("/api/v1/me"), 401, "unauthenticated")
    assert not AuditEvent.objects.filter(action=AuditAction.CHILD_LISTED).exists()


def test_every_api_read_is_audited_against_the_token(manager, la, client):
    children = [ChildFactory(responsible_la=la) for _ in range(3)]
    token, secret = _token(manager)

    listing = client.get("/api/v1/children?per_page=2", **_bearer(secret))
    assert listing.status_code == 200
    listed = AuditEvent.objects.filter(action=AuditAction.CHILD_LISTED)
    assert sorted(listed.values_list("child_id", flat=True)) == sorted(
        c["id"] for c in listing.json()["results"]
    )
    assert listed.count() == 2
    assert {(e.api_token_id, e.actor_id, e.organisation_id) for e in listed} == {(token.pk, None, la.pk)}
    assert {e.request_id for e in listed} == {listing.headers["X-Request-Id"]}

    detail = client.get(f"/api/v1/children/{children[2].pk}", **_bearer(secret))
    assert detail.status_code == 200
    viewed = AuditEvent.objects.get(action=AuditAction.CHILD_VIEWED)
    assert viewed.child_id == children[2].pk
    assert viewed.api_token_id == token.pk
    assert viewed.request_id == detail.headers["X-Request-Id"]
    assert token.key_id in viewed.actor_label


# The token management pages.


def test_manager_creates_a_token_and_sees_the_secret_once(manager, la):
    client = signed_in_client(manager.user)
    assert client.get("/account/api-tokens/").status_code == 200
    assert client.get("/account/api-tokens/new/").status_code == 200
    response = client.post(
        "/account/api-tokens/new/",
        {
            "name": "Capita One",
            "organisation": str(la.pk),
            "role": Role.LA_CASEWORKER,
            "scopes": ["children:read"],
            "days": "90",
        },
    )
    assert response.status_code == 200
    secret = re.search(r'id="token-secret">([^<]+)<', response.content.decode()).group(1).strip()
    token = ApiToken.objects.get(name="Capita One")
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.organisation == la
    assert token.scopes == ["children:read"]

    listing = client.get("/account/api-tokens/").content.decode()
    assert "Capita One" in listing
    assert token.key_id in listing
    assert secret not in listing
    assert Client().get("/api/v1/me", **_bearer(secret)).status_code == 200


def test_manager_revokes_a_token_and_it_stops_working(manager):
    token, secret = _token(manager)
    client = signed_in_client(manager.user)
    assert client.get(f"/account/api-tokens/{token.pk}/revoke/").status_code == 405
    response = client.post(f"/account/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in client.get("/account/api-tokens/").content.decode()
    _assert_error(Client().get("/api/v1/me", **_bearer(secret)), 401, "unauthenticated")


def test_manager_cannot_revoke_another_las_token(manager):
    other_manager = MembershipFactory(role=Role.LA_SEND_MANAGER)
    token, _secret = _token(other_manager)
    client = signed_in_client(manager.user)
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token.key_id not in client.get("/account/api-tokens/").content.decode()


def test_caseworker_gets_404_on_the_token_pages(la, manager):
    token, _secret = _token(manager)
    caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER)
    client = signed_in_client(caseworker.user)
    assert client.get("/account/api-tokens/").status_code == 404
    assert client.get("/account/api-tokens/new/").status_code == 404
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_api_token_create_refuses_someone_who_does_not_manage_the_organisation(manager, la):
    caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER)
    other_manager = MembershipFactory(role=Role.LA_SEND_MANAGER)
    for by in (principal_for_user(caseworker.user), principal_for_user(other_manager.user)):
        with pytest.raises(ApplicationError) as caught:
            account_services.api_token_create(
                by=by,
                organisation=la,
                name="Sneaky",
                role=Role.LA_SEND_MANAGER,
                scopes=["children:read", "children:write"],
                days=365,
            )
        assert caught.value.status_code == 404
    assert not ApiToken.objects.filter(name="Sneaky").exists()


def test_api_token_revoke_refuses_someone_who_does_not_manage_the_organisation(manager, la):
    token, _secret = _token(manager)
    caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER)
    with pytest.raises(ApplicationError) as caught:
        account_services.api_token_revoke(by=principal_for_user(caseworker.user), token=token)
    assert caught.value.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_api_token_create_refuses_unknown_scopes(manager):
    with pytest.raises(ApplicationError) as caught:
        _token(manager, scopes=("children:read", "everything:admin"))
    assert caught.value.field == "scopes"


def test_an_unknown_api_address_gets_404_in_the_one_error_shape(manager, client):
    _token_obj, secret = _token(manager)
    _assert_error(client.get("/api/v1/no-such-thing", **_bearer(secret)), 404, "not_found")
