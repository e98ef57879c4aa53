import pytest

from opensend.notify.models import NotificationPreference
from tests.conftest import signed_in_client
from tests.factories import UserFactory
from tests.notify.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_get_my_notifications_is_paginated_and_scoped_to_me():
    user = UserFactory()
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory(subject="Not yours")
    body = signed_in_client(user).get("/api/v1/notifications?per_page=2").json()
    assert (body["count"], body["page"], body["pages"]) == (3, 1, 2)
    assert len(body["results"]) == 2
    first = body["results"][0]
    assert set(first) >= {
        "id",
        "reference",
        "kind",
        "subject",
        "body",
        "link",
        "status",
        "created_at",
        "sent_at",
    }
    assert all(r["subject"] != "Not yours" for r in body["results"])


def test_another_users_notification_is_404_in_the_one_error_shape():
    other = NotificationFactory()
    mine = NotificationFactory()
    client = signed_in_client(mine.recipient)
    assert client.get(f"/api/v1/notifications/{mine.pk}").status_code == 200
    response = client.get(f"/api/v1/notifications/{other.pk}")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Not found", "fields": {}}}


def test_get_and_put_preferences():
    user = UserFactory()
    client = signed_in_client(user)
    body = client.get("/api/v1/notifications/preferences").json()
    assert [c["category"] for c in body["categories"]] == [
        "statutory",
        "casework",
        "messages",
        "reminders",
        "access",
    ]
    statutory = body["categories"][0]
    assert statutory["mandatory"] is True and statutory["email"] is True and statutory["mandatory_reason"]
    assert all(c["email"] for c in body["categories"])

    response = client.put(
        "/api/v1/notifications/preferences",
        {"email": {"messages": False, "statutory": True}},
        content_type="application/json",
    )
    assert response.status_code == 200
    emails = {c["category"]: c["email"] for c in response.json()["categories"]}
    assert emails == {
        "statutory": True,
        "casework": True,
        "messages": False,
        "reminders": True,
        "access": True,
    }
    assert NotificationPreference.objects.get(user=user, category="messages").email is False


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"email": {"gossip": True}}, "email.gossip", "no category of emails called 'gossip'"),
        ({"email": {"statutory": False}}, "email.statutory", "cannot be turned off"),
        ({"email": {"messages": "perhaps"}}, "email.messages", ""),
        ({}, "email", ""),
    ],
)
def test_bad_preferences_are_422_in_the_one_error_shape(payload, field, message):
    user = UserFactory()
    response = signed_in_client(user).put(
        "/api/v1/notifications/preferences", payload, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"], error
    assert message in error["message"] + " ".join(error["fields"][field])
    assert not NotificationPreference.objects.exists()


def test_api_tokens_have_no_notifications_or_preferences():
    import datetime as dt

    from django.utils import timezone

    from opensend.accounts.models import ApiToken
    from tests.factories import LocalAuthorityFactory

    key_id, secret = ApiToken.new_secret()
    ApiToken.objects.create(
        name="Case system",
        organisation=LocalAuthorityFactory(),
        role="la_caseworker",
        scopes=["children:read"],
        key_id=key_id,
        key_hash=ApiToken.hash_secret(secret),
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get("/api/v1/me").status_code == 200
    for url in ("/api/v1/notifications", "/api/v1/notifications/preferences"):
        assert client.get(url).status_code == 404
