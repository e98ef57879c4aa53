"""The production path: django-tasks-db's queue table and its `db_worker` command."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from opensend.core import clock
from opensend.notify.models import Status
from opensend.notify.services import notify
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
