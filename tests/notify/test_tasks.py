"""The production path: django-tasks-db's queue table and its `db_worker` command."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from opensend.core import clock
from opensend.notify.models import Notification, Status
from opensend.notify.services import notify
from opensend.notify.tasks import send_due_notifications
from tests.factories import UserFactory

MESSAGE = {"child_name": "Amara Okafor", "sender_name": "Sam Patel"}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_task_is_queued_after_commit_and_the_worker_sends_it(database_queue):
    user = UserFactory()
    with transaction.atomic():
        n = notify(to=user, kind="message.received", context=MESSAGE, link="/")
        assert not DBTaskResult.objects.exists(), "not queued before commit"
    assert DBTaskResult.objects.count() == 1
    run_worker()
    n.refresh_from_db()
    assert n.status == Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_attempt_is_queued_again_to_run_later(database_queue, settings):
    settings.NOTIFY_BACKEND = "tests.notify.fakes.AlwaysFailing"
    with transaction.atomic():
        n = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/")
    run_worker()
    n.refresh_from_db()
    assert (n.status, n.attempts) == (Status.PENDING, 1)
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry is not None and retry.status == "READY"
    assert retry.run_after is not None and retry.run_after > clock.now()
    run_worker()  # not due yet: nothing happens
    n.refresh_from_db()
    assert n.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_failure_is_recorded_and_retried_until_it_gives_up_as_failed(database_queue, settings):
    settings.NOTIFY_BACKEND = "tests.notify.fakes.AlwaysFailing"
    settings.NOTIFY_MAX_ATTEMPTS = 3
    with transaction.atomic():
        n = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/")
    for attempt in (1, 2, 3):
        with time_machine.travel(n.next_attempt_at, tick=False):
            run_worker()
        n.refresh_from_db()
        assert n.attempts == attempt
        assert n.last_error == f"Attempt {attempt}: SendError: Connection refused by mail relay"
    assert (n.status, n.next_attempt_at, n.sent_at) == (Status.FAILED, None, None)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_relay_queues_only_overdue_pending_notices_once(settings, django_capture_on_commit_callbacks):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queue = task_backends["default"]
    start = clock.now()
    with time_machine.travel(start, tick=False):
        lost = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/")
        sent = notify(to=UserFactory(), kind="message.received", context=MESSAGE, link="/")
    Notification.objects.filter(pk=sent.pk).update(status=Status.SENT, sent_at=start, next_attempt_at=None)
    queue.clear()
    with time_machine.travel(start + dt.timedelta(minutes=9), tick=False):
        assert send_due_notifications.call() == 0, "not overdue yet"
    later = start + dt.timedelta(minutes=11)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert send_due_notifications.call() == 1
        assert send_due_notifications.call() == 0, "relayed once, then left alone until overdue again"
    assert [r.args for r in queue.results] == [[lost.pk]]
    lost.refresh_from_db()
    assert lost.next_attempt_at == later


@pytest.mark.django_db(transaction=True)
def test_notify_refuses_to_record_a_notice_outside_the_changes_transaction(database_queue):
    user = UserFactory()
    with pytest.raises(RuntimeError, match="inside the service's"):
        notify(to=user, kind="message.received", context=MESSAGE, link="/")
    with pytest.raises(RuntimeError, match="inside the service's"), transaction.atomic():
        # The old way: a notice recorded after the change committed, which a stopped process loses.
        transaction.on_commit(lambda: notify(to=user, kind="message.received", context=MESSAGE, link="/"))
    assert not Notification.objects.exists()
