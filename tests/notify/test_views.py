import pytest

from opensend.access.models import AuditEvent
from opensend.notify.models import NotificationPreference, Status
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, FamilyLinkFactory, UserFactory
from tests.notify.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_your_notifications_lists_only_your_own_newest_first_and_paginates():
    user = UserFactory()
    mine = NotificationFactory.create_batch(23, recipient=user)
    NotificationFactory(recipient=UserFactory(), subject="Someone else's message")
    client = signed_in_client(user)

    response = client.get("/notifications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your notifications" in html
    assert "23 notifications" in html
    assert mine[-1].subject in html
    assert mine[0].subject not in html, "20 to a page"
    assert "Someone else" not in html
    page2 = client.get("/notifications/?page=2").content.decode()
    assert mine[0].subject in page2
    assert client.get("/notifications/?page=zz").status_code == 200


def test_a_notification_page_shows_the_email_and_reading_it_about_a_child_is_audited():
    user = UserFactory()
    child = ChildFactory()
    FamilyLinkFactory(child=child, user=user)
    n = NotificationFactory(recipient=user, child=child, status=Status.SKIPPED, sent_at=None)
    client = signed_in_client(user)
    html = client.get(f"/notifications/{n.pk}/").content.decode()
    assert n.subject in html
    assert "Sam Patel has sent you a message about Amara." in html
    assert "You chose not to get emails like this" in html
    assert AuditEvent.objects.filter(action="notification.viewed", child_id=child.pk).count() == 1
    client.get("/notifications/")
    assert AuditEvent.objects.filter(action="notification.listed", child_id=child.pk).count() == 1


def test_someone_elses_notification_is_not_found():
    other = NotificationFactory()
    client = signed_in_client(UserFactory())
    assert client.get(f"/notifications/{other.pk}/").status_code == 404


def test_pages_need_sign_in(client):
    for url in ("/notifications/", "/notifications/preferences/", "/notifications/1/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/sign-in/" in response["Location"]


def test_preferences_page_shows_statutory_as_always_on_and_a_checkbox_per_other_category():
    user = UserFactory()
    NotificationPreference.objects.create(user=user, category="reminders", email=False)
    html = signed_in_client(user).get("/notifications/preferences/").content.decode()
    assert "Choose which emails you get" in html
    assert "Emails you always get" in html
    assert "Decisions and statutory notices" in html
    assert "Always on" in html
    assert "The law says the council must tell you" in html
    assert 'value="statutory"' not in html, "a box that cannot be unticked is not offered"
    assert 'id="id_email_0" name="email" type="checkbox" value="casework" checked' in html
    assert 'value="messages" checked' in html
    assert 'value="reminders" aria-describedby' in html, "reminders is unticked"


def test_saving_preferences_turns_off_what_was_unticked():
    user = UserFactory()
    client = signed_in_client(user)
    response = client.post("/notifications/preferences/", {"email": ["casework"]}, follow=True)
    assert response.redirect_chain[-1][0] == "/notifications/preferences/"
    assert "Your email choices have been saved" in response.content.decode()
    assert dict(NotificationPreference.objects.filter(user=user).values_list("category", "email")) == {
        "casework": True,
        "messages": False,
        "reminders": False,
    }
    # Nothing ticked is a choice too: only the token is posted.
    client.post("/notifications/preferences/", {})
    assert not NotificationPreference.objects.filter(user=user, email=True).exists()
    assert not NotificationPreference.objects.filter(user=user, category="statutory").exists()


def test_a_tampered_preferences_form_shows_the_error_summary_and_saves_nothing():
    user = UserFactory()
    response = signed_in_client(user).post("/notifications/preferences/", {"email": ["statutory", "gossip"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_email_0"' in html
    assert "Choose from the categories of email listed" in html
    assert "<title>Error: " in html
    assert not NotificationPreference.objects.exists()
