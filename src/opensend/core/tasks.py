"""Background work: the one way to queue a task after commit, and the one way to retry it (ADR 0131).

A task that must not be lost (an email, a letter's PDF, a plan's PDF) keeps its own row with an
attempt count and the last error. Its body locks that row, counts the attempt and runs the work
through `attempt`, which decides whether to try again (and queues the next try after the row is
saved) or to give up; the body records the outcome on the row. Nothing here swallows a failure:
every failed attempt comes back as an `Outcome` with its error, for the row and for the log.
"""

import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import transaction
from django_tasks.base import Task

from . import clock

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Retry:
    """How many attempts a task makes, and how long it waits before each further one."""

    max_attempts: int
    # Seconds before the 2nd, 3rd, ... attempt; the last one repeats.
    delays: tuple[int, ...]

    def delay_after(self, attempt: int) -> int:
        return self.delays[min(attempt, len(self.delays)) - 1]


@dataclasses.dataclass(frozen=True)
class Outcome(Generic[T]):
    """What one attempt came to: a value, or an error with the time of the next try (None: gave up)."""

    value: T | None = None
    error: str = ""
    retry_at: dt.datetime | None = None

    @property
    def succeeded(self) -> bool:
        return not self.error

    @property
    def gave_up(self) -> bool:
        return bool(self.error) and self.retry_at is None


def enqueue_on_commit(task: Task[Any, Any], *args: Any, run_after: dt.datetime | None = None) -> None:
    """Queue `task(*args)` once the current transaction commits (at once outside one).

    A rolled-back transaction queues nothing. `run_after` defers the task on a queue that can
    defer (the database queue); a queue that cannot (the immediate one of tests and the demo)
    runs it at once.
    """
    transaction.on_commit(functools.partial(_enqueue, task, args, run_after), robust=True)


def _enqueue(task: Task[Any, Any], args: tuple[Any, ...], run_after: dt.datetime | None) -> None:
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(*args)


def attempt(task: Task[Any, Any], *args: Any, number: int, retry: Retry, work: Callable[[], T]) -> Outcome[T]:
    """Run `work` as attempt `number` of `task(*args)`; on failure, queue the next attempt or give up.

    Call it inside the transaction that holds the task's row: the next attempt is queued when that
    transaction commits, after the row records this one. An error with a true `permanent`
    attribute (a provider's refusal) is not retried.
    """
    try:
        value = work()
    except Exception as error:  # every failure is returned, recorded by the caller and logged here
        message = f"Attempt {number}: {type(error).__name__}: {error}"[:2000]
        what = f"{task.module_path}{args!r}"
        if getattr(error, "permanent", False) is True or number >= retry.max_attempts:
            log.error("%s gave up after attempt %s: %s", what, number, error)
            return Outcome(error=message)
        delay = retry.delay_after(number)
        can_defer = task.get_backend().supports_defer
        retry_at = clock.now() + dt.timedelta(seconds=delay) if can_defer else clock.now()
        enqueue_on_commit(task, *args, run_after=retry_at)
        log.warning("%s attempt %s failed; trying again in %ss: %s", what, number, delay, error)
        return Outcome(error=message, retry_at=retry_at)
    return Outcome(value=value)
