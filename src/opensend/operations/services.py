"""Writes of the operations app: queueing scheduled jobs once per slot, and "run now"."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.core.errors import NotFound
from opensend.core.tasks import enqueue_on_commit

from .audit import OperationsAudit
from .jobs import BY_NAME, JOBS, Job
from .models import JobRun
from .policies import operations_policy
from .tasks import run_job

# A run still queued this long after it was created lost its task (the queue was down when it was
# queued): the scheduler queues it again.
REQUEUE_AFTER = dt.timedelta(minutes=15)


def _queue(job: Job, slot: dt.datetime, *, manual: bool) -> JobRun | None:
    """Create the run for this slot and queue it after commit; None when it already exists."""
    try:
        with transaction.atomic():
            run = JobRun.objects.create(job=job.name, slot=slot, manual=manual)
            enqueue_on_commit(run_job, run.pk)
    except IntegrityError:
        return None
    return run


def schedule_due(now: dt.datetime | None = None) -> list[JobRun]:
    """Queue every job whose current slot has no run yet, and again any run whose task was lost.
    Safe to call from several schedulers at once."""
    now = now or timezone.now()
    queued = []
    for job in JOBS:
        run = _queue(job, job.slot_at(now), manual=False)
        if run is not None:
            queued.append(run)
    stuck = JobRun.objects.filter(
        status=JobRun.Status.QUEUED, started_at__isnull=True, queued_at__lt=now - REQUEUE_AFTER
    ).values_list("pk", flat=True)[:100]
    for run_id in stuck:
        enqueue_on_commit(run_job, run_id)
    return queued


@transaction.atomic
def job_run_now(*, by: Principal, job_name: str) -> JobRun:
    """An administrator asks for a job to run now, outside its schedule."""
    if not operations_policy.can(by, "run_job"):
        raise NotFound()
    job = BY_NAME.get(job_name)
    if job is None:
        raise NotFound()
    run = _queue(job, timezone.now(), manual=True)
    if run is None:  # the same microsecond twice: nothing more to do
        raise NotFound()
    audit.record(by, OperationsAudit.JOB_RUN_REQUESTED, obj=run, detail={"job": job.name})
    return run
