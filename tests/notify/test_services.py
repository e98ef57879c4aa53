import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from opensend.access.principal import principal_for_user
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.notify import registry, services
from opensend.notify.models import Notification, NotificationPreference, Status
from opensend.notify.services import notify
from opensend.notify.tasks import send_notification
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = {"child_name": "Amara Okafor", "sender_name": "Sam Patel"}
DECISION = {
    "child_name": "Amara Okafor",
    "la_name": "Leeds City Council",
    "decision": "we will carry out an EHC needs assessment",
    "reasons": "The evidence shows Amara may need more support than her school can give.",
    "next_steps": "We will ask for advice from her school, health and an educational psychologist.",
    "appeal_by": dt.date(2027, 5, 14),
}


def test_notify_records_the_email_and_sends_it_after_commit(send_after_commit, settings):
    settings.SITE_URL = "http://localhost:8000"
    user = UserFactory(email="parent@example.org")
    child = ChildFactory()
    with send_after_commit() as callbacks:
        n = notify(to=user, kind="message.received", context=MESSAGE, link="/casework/12/", child=child)
        assert mail.outbox == [], "nothing is sent before the transaction commits"
    assert len(callbacks) >= 1
    n.refresh_from_db()
    assert n.status == Status.SENT
    assert n.attempts == 1
    assert n.sent_at is not None
    assert n.child_id == child.pk
    assert n.provider_reference.startswith("<")
    assert n.link == "http://localhost:8000/casework/12/"
    [email] = mail.outbox
    assert email.to == ["parent@example.org"]
    assert email.subject == "New message from Sam Patel about Amara Okafor"
    assert "Sam Patel has sent you a message about Amara Okafor." in email.body
    assert "Sign in to read it and reply." in email.body
    assert "http://localhost:8000/casework/12/" in email.body
    assert "http://localhost:8000/notifications/preferences/" in email.body
    assert email.extra_headers["X-OpenSEND-Reference"] == str(n.reference)


def test_a_rolled_back_transaction_sends_nothing_and_leaves_no_record(send_after_commit):
    user = UserFactory()
    with send_after_commit() as callbacks, transaction.atomic():
        notify(to=user, kind="message.received", context=MESSAGE, link="/")
        transaction.set_rollback(True)
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_real_commits_rollback_sends_nothing_and_commit_sends():
    user = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(to=user, kind="message.received", context=MESSAGE, link="/")
        raise RuntimeError("the caller's change failed")
    assert mail.outbox == []
    assert not Notification.objects.exists()

    with transaction.atomic():
        notify(to=user, kind="message.received", context=MESSAGE, link="/")
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert Notification.objects.get().status == Status.SENT


def test_preference_off_records_a_skipped_notification_and_sends_nothing(send_after_commit):
    user = UserFactory()
    NotificationPreference.objects.create(user=user, category="messages", email=False)
    with send_after_commit():
        n = notify(to=user, kind="message.received", context=MESSAGE, link="/")
    assert mail.outbox == []
    n.refresh_from_db()
    assert n.status == Status.SKIPPED
    assert n.attempts == 0
    assert "Sam Patel" in n.body, "the record says what it would have said"


def test_mandatory_kinds_are_sent_even_with_the_category_switched_off(send_after_commit):
    user = UserFactory()
    # A stale row (say, from before the category became mandatory) must not stop a statutory notice.
    NotificationPreference.objects.create(user=user, category="statutory", email=False)
    with send_after_commit():
        n = notify(to=user, kind="assessment.decision", context=DECISION, link="/")
    n.refresh_from_db()
    assert n.status == Status.SENT
    [email] = mail.outbox
    assert email.subject == "Decision about Amara Okafor: we will carry out an EHC needs assessment"
    assert "You must appeal by 14 May 2027." in email.body


def test_a_closed_account_gets_no_email(send_after_commit):
    user = UserFactory(is_active=False)
    with send_after_commit():
        n = notify(to=user, kind="assessment.decision", context=DECISION, link="/")
    assert n.status == Status.SKIPPED
    assert mail.outbox == []


def test_a_failing_backend_is_retried_then_marked_failed(settings, send_after_commit):
    from tests.notify.fakes import AlwaysFailing

    settings.NOTIFY_BACKEND = "tests.notify.fakes.AlwaysFailing"
    settings.NOTIFY_MAX_ATTEMPTS = 4
    user = UserFactory()
    with send_after_commit():
        n = notify(to=user, kind="message.received", context=MESSAGE, link="/")
    n.refresh_from_db()
    assert AlwaysFailing.calls == 4
    assert n.attempts == 4
    assert n.status == Status.FAILED
    assert n.last_error == "Attempt 4: SendError: Connection refused by mail relay"
    assert n.sent_at is None
    assert n.last_attempt_at is not None


def test_a_temporary_failure_is_retried_until_it_sends(settings, send_after_commit):
    settings.NOTIFY_BACKEND = "tests.notify.fakes.FailsTwiceThenSends"
    user = UserFactory()
    with send_after_commit():
        n = notify(to=user, kind="message.received", context=MESSAGE, link="/")
    n.refresh_from_db()
    assert (n.status, n.attempts, n.provider_reference) == (Status.SENT, 3, "provider-ref-3")
    assert n.last_error == "Attempt 2: RuntimeError: Temporary outage"


def test_a_permanent_failure_is_not_retried(settings, send_after_commit):
    from tests.notify.fakes import Rejecting

    settings.NOTIFY_BACKEND = "tests.notify.fakes.Rejecting"
    with send_after_commit():
        n = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/")
    n.refresh_from_db()
    assert (n.status, n.attempts, Rejecting.calls) == (Status.FAILED, 1, 1)


def test_retries_wait_with_backoff_on_a_queue_that_can_defer(settings, send_after_commit):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.NOTIFY_BACKEND = "tests.notify.fakes.AlwaysFailing"
    queue = task_backends["default"]
    with send_after_commit():
        n = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/")
    [first] = queue.results
    assert first.task.run_after is None, "the first attempt goes at once"
    assert first.args == [n.pk]

    due = clock.now()
    for attempt, delay in ((1, 60), (2, 300), (3, 1800), (4, 10800)):
        with time_machine.travel(due, tick=False), send_after_commit():
            assert send_notification.call(n.pk) == Status.PENDING
        retry = queue.results[-1]
        n.refresh_from_db()
        assert n.attempts == attempt
        assert retry.task.run_after == n.next_attempt_at
        assert (retry.task.run_after - n.last_attempt_at).total_seconds() == delay
        with time_machine.travel(retry.task.run_after - dt.timedelta(seconds=1), tick=False):
            assert send_notification.call(n.pk) == "not due", "an early copy does not spend an attempt"
        due = retry.task.run_after
    with time_machine.travel(due, tick=False), send_after_commit():
        assert send_notification.call(n.pk) == Status.FAILED
    assert len(queue.results) == 5, "no sixth attempt is queued"
    n.refresh_from_db()
    assert (n.attempts, n.next_attempt_at) == (5, None)


def test_deliver_leaves_a_notification_that_is_no_longer_pending_alone(send_after_commit):
    with send_after_commit():
        n = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/")
    assert send_notification.call(n.pk) == Status.SENT
    assert len(mail.outbox) == 1, "a duplicate task does not send twice"
    assert send_notification.call(999999) == "missing"


def test_unknown_kinds_and_missing_context_are_refused_before_anything_is_written():
    user = UserFactory()
    with pytest.raises(LookupError, match="Unknown notification kind"):
        notify(to=user, kind="no.such.kind", context={}, link="/")
    with pytest.raises(ValueError, match="needs context sender_name"):
        notify(to=user, kind="message.received", context={"child_name": "A"}, link="/")
    with pytest.raises(ValueError, match="must be a path"):
        notify(to=user, kind="message.received", context=MESSAGE, link="casework/1")
    assert not Notification.objects.exists()


def test_links_use_site_url(settings, send_after_commit):
    settings.SITE_URL = "https://opensend.example.gov.uk/"
    n = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/casework/3/")
    assert n.link == "https://opensend.example.gov.uk/casework/3/"


def test_preferences_set_validates_categories_and_records_changes():
    from opensend.access.models import AuditEvent

    user = UserFactory()
    principal = principal_for_user(user)
    services.preferences_set(by=principal, email={"messages": False, "reminders": True, "statutory": True})
    assert dict(NotificationPreference.objects.values_list("category", "email")) == {
        "messages": False,
        "reminders": True,
    }
    event = AuditEvent.objects.get(action="notification_preferences.changed")
    assert event.detail == {"email": {"messages": {"old": True, "new": False}}}

    with pytest.raises(ApplicationError, match="no category of emails called 'gossip'") as error:
        services.preferences_set(by=principal, email={"gossip": True})
    assert error.value.field == "email.gossip"
    with pytest.raises(ApplicationError, match="cannot be turned off"):
        services.preferences_set(by=principal, email={"statutory": False})


def test_every_category_has_a_label_and_statutory_and_access_are_the_mandatory_ones():
    assert [c.id for c in registry.CATEGORIES.values() if c.mandatory] == ["statutory", "access"]
    assert all(c.label and c.description for c in registry.CATEGORIES.values())
