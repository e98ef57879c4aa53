"""Casework's notices go through the notification outbox (ADR 0130): written in the same
transaction as the change, sent by the worker after it commits, relayed if the queue loses them."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from opensend.casework import notifications, services
from opensend.casework.codes import Status as CaseStatus
from opensend.core import clock
from opensend.notify.models import Notification, Status

from .conftest import p
from .factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def _receive(parent, child):
    return services.request_receive(by=p(parent), child=child, reasons="Cannot read yet", consent_given=True)


def test_the_notice_is_written_with_the_change_and_a_rollback_takes_both_away(
    caseworker, child, parent, django_capture_on_commit_callbacks
):
    case = CaseFactory(child=child)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.case_transition(by=p(caseworker.user), case=case, to=CaseStatus.CONSIDERING)
        assert Notification.objects.filter(recipient=parent, kind="case.stage_changed").exists()
        raise RuntimeError("a later step of the same change failed")
    assert callbacks == [], "nothing was queued"
    assert not Notification.objects.exists()
    assert mail.outbox == []
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_a_notice_that_cannot_be_written_is_an_error_not_a_log_line(parent):
    with pytest.raises(LookupError, match="Unknown notification kind"):
        notifications.send(to=parent, kind="no.such.kind", context={}, link="/")


@pytest.mark.django_db(transaction=True)
def test_a_committed_request_is_sent_by_the_worker(database_queue, parent, child, manager):
    _receive(parent, child)
    notices = Notification.objects.all()
    assert {(n.recipient, n.kind, n.status) for n in notices} == {
        (parent, "assessment.request_received", Status.PENDING),
        (manager.user, "case.stage_changed", Status.PENDING),
    }
    assert DBTaskResult.objects.count() == 2, "one delivery task per notice, queued after commit"
    run_worker()
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([parent.email, manager.user.email])


@pytest.mark.django_db(transaction=True)
def test_a_notice_whose_queued_task_was_lost_is_relayed_and_sent(database_queue, parent, child, manager):
    _receive(parent, child)
    # The queue lost the tasks (a worker host that stopped between commit and queueing, a queue
    # that was cleared): the notices are still there, pending.
    DBTaskResult.objects.all().delete()
    call_command("notify_send_due", verbosity=0)
    assert not DBTaskResult.objects.exists(), "not overdue yet: the original task may still come"
    with time_machine.travel(clock.now() + dt.timedelta(minutes=11), tick=False):
        call_command("notify_send_due", verbosity=0)
        assert DBTaskResult.objects.count() == 2
        run_worker()
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}
    assert len(mail.outbox) == 2
