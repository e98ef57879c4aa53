"""Every periodic job OpenSEND runs, in one list, and the small jobs of its own.

A job is a function that takes no arguments, is safe to run twice and at any time (it works out
what is due from stored dates, never from "since the last run"), and returns a short result with no
personal data in it. `run_scheduler` queues each job once per slot; a worker runs it (ADR 0160).
Functions are named by dotted path so that this list does not import the domain apps at start-up.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

EPOCH = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)  # a Monday, so weekly slots start on Mondays


@dataclass(frozen=True)
class Job:
    name: str
    title: str
    function: str  # dotted path to a function taking no arguments
    every: dt.timedelta
    # Where in each period the slot starts (UTC), e.g. 1 day every with a 1h30 offset runs at 01:30.
    offset: dt.timedelta = dt.timedelta(0)

    def slot_at(self, now: dt.datetime) -> dt.datetime:
        """The start of the slot `now` falls in."""
        start = EPOCH + self.offset
        periods = (now - start) // self.every
        return start + periods * self.every

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        return self.slot_at(now) + self.every

    @property
    def every_words(self) -> str:
        hours = int(self.every.total_seconds() // 3600)
        if hours % 24 == 0:
            days = hours // 24
            return "every day" if days == 1 else f"every {days} days"
        if hours >= 1:
            return "every hour" if hours == 1 else f"every {hours} hours"
        return f"every {int(self.every.total_seconds() // 60)} minutes"


HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)

JOBS: tuple[Job, ...] = (
    Job(
        name="plans.cease_due",
        title="Cease EHC plans whose appeal window has closed with no appeal",
        function="opensend.plans.services.plans_cease_due",
        every=DAY,
        offset=HOUR,
    ),
    Job(
        name="notify.send_due",
        title="Send notifications whose queued task was lost (the relay of the outbox)",
        function="opensend.operations.jobs.notify_send_due",
        every=dt.timedelta(minutes=5),
    ),
    Job(
        name="panels.letters_retry",
        title="Make again the decision-letter PDFs that failed",
        function="opensend.panels.services.letters_retry_failed",
        every=6 * HOUR,
        offset=dt.timedelta(minutes=20),
    ),
    Job(
        name="notices.letters_retry",
        title="Make again the decision-notice PDFs that failed",
        function="opensend.notices.services.notices_retry_failed",
        every=6 * HOUR,
        offset=dt.timedelta(minutes=25),
    ),
    Job(
        name="sessions.clear_expired",
        title="Delete expired sign-in sessions",
        function="opensend.operations.jobs.sessions_clear_expired",
        every=DAY,
        offset=2 * HOUR,
    ),
    Job(
        name="tasks.prune",
        title="Delete background task records finished more than 14 days ago",
        function="opensend.operations.jobs.tasks_prune",
        every=DAY,
        offset=dt.timedelta(hours=2, minutes=30),
    ),
    Job(
        name="accounts.sign_in_failures_prune",
        title="Delete counts of failed sign-ins older than a day",
        function="opensend.accounts.throttle.prune",
        every=DAY,
        offset=dt.timedelta(hours=2, minutes=50),
    ),
    Job(
        name="operations.job_runs_prune",
        title="Delete records of scheduled job runs older than 90 days",
        function="opensend.operations.jobs.job_runs_prune",
        every=DAY,
        offset=dt.timedelta(hours=2, minutes=45),
    ),
)
BY_NAME: dict[str, Job] = {job.name: job for job in JOBS}


def notify_send_due() -> str:
    from opensend.notify.tasks import send_due_notifications

    return f"{send_due_notifications.call()} notifications queued again"


def sessions_clear_expired() -> str:
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return f"{deleted} expired sessions deleted"


def tasks_prune() -> str:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - dt.timedelta(days=14)
    deleted, _ = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lte=cutoff
    ).delete()
    return f"{deleted} finished task records deleted"


def job_runs_prune() -> str:
    from .models import JobRun

    cutoff = timezone.now() - dt.timedelta(days=90)
    deleted, _ = JobRun.objects.filter(slot__lt=cutoff).delete()
    return f"{deleted} old job runs deleted"
