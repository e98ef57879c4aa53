"""The one retry helper: when a failed attempt is tried again, and when it gives up."""

import datetime as dt

import pytest
import time_machine
from django_tasks import task, task_backends

from opensend.core.tasks import Retry, attempt

pytestmark = pytest.mark.django_db

RETRY = Retry(max_attempts=3, delays=(60, 300))


class Refused(Exception):
    permanent = True


@task()
def example(key: int) -> None:
    """A task for the helper to queue again (the dummy queue records it without running it)."""


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]


def test_the_last_delay_repeats():
    assert [RETRY.delay_after(n) for n in (1, 2, 3, 4)] == [60, 300, 300, 300]


def test_success_returns_the_value_and_queues_nothing(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = attempt(example, 7, number=1, retry=RETRY, work=lambda: "done")
    assert (outcome.succeeded, outcome.value, outcome.error) == (True, "done", "")
    assert queue.results == []


def test_a_failure_is_returned_and_the_next_attempt_queued_after_commit(
    queue, django_capture_on_commit_callbacks
):
    def broken() -> None:
        raise OSError("disk full")

    now = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True) as queued:
        outcome = attempt(example, 7, number=2, retry=RETRY, work=broken)
        assert queue.results == [], "nothing is queued before the row recording this attempt commits"
    assert len(queued) == 1
    assert outcome.error == "Attempt 2: OSError: disk full"
    assert not outcome.gave_up
    assert outcome.retry_at == now + dt.timedelta(seconds=300)
    [again] = queue.results
    assert (again.args, again.task.run_after) == ([7], outcome.retry_at)


def test_it_gives_up_after_the_last_attempt_or_at_once_when_refused(
    queue, django_capture_on_commit_callbacks
):
    def refused() -> None:
        raise Refused("not a valid address")

    def broken() -> None:
        raise OSError("disk full")

    with django_capture_on_commit_callbacks(execute=True):
        last = attempt(example, 7, number=3, retry=RETRY, work=broken)
        first = attempt(example, 8, number=1, retry=RETRY, work=refused)
    assert last.gave_up and first.gave_up
    assert first.error == "Attempt 1: Refused: not a valid address"
    assert queue.results == []
