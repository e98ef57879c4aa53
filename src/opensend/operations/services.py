"""Writes of the operations app: queueing scheduled jobs, running them, and "run now"."""

import datetime as dt
import functools
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from opensend.access import audit
from opensend.accounts.principal import Principal
from opensend.core.errors import NotFound

from .audit import OperationsAudit
from .jobs import BY_NAME, JOBS, Job
from .models import JobRun
from .policies import operations_policy

log = logging.getLogger(__name__)


def _enqueue(job_run_id: int) -> None:
    from .tasks import run_job

    run_job.enqueue(job_run_id)


def _queue(job: Job, slot: dt.datetime, *, manual: bool) -> JobRun | None:
    """Create the run for this slot and queue it after commit; None when it already exists."""
    try:
        with transaction.atomic():
            run = JobRun.objects.create(job=job.name, slot=slot, manual=manual)
    except IntegrityError:
        return None
    transaction.on_commit(functools.partial(_enqueue, run.pk), robust=False)
    return run


def schedule_due(now: dt.datetime | None = None) -> list[JobRun]:
    """Queue every job whose current slot has no run yet. Safe to call from several schedulers."""
    now = now or timezone.now()
    queued = []
    for job in JOBS:
        run = _queue(job, job.slot_at(now), manual=False)
        if run is not None:
            queued.append(run)
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


def job_run_execute(job_run_id: int) -> str:
    """Run the job of one queued run, recording its start, end and result. Errors are recorded and
    raised again, so the task queue records the failure too."""
    updated = JobRun.objects.filter(pk=job_run_id, status=JobRun.Status.QUEUED).update(
        status=JobRun.Status.RUNNING, started_at=timezone.now()
    )
    if not updated:  # already run, or running elsewhere
        return "skipped"
    run = JobRun.objects.get(pk=job_run_id)
    job = BY_NAME[run.job]
    try:
        result = import_string(job.function)()
    except Exception as exc:
        JobRun.objects.filter(pk=run.pk).update(
            status=JobRun.Status.FAILED,
            finished_at=timezone.now(),
            detail=f"{type(exc).__name__}: {exc}"[:500],
        )
        log.exception("Scheduled job %s failed", job.name)
        raise
    detail = "" if result is None else str(result)
    JobRun.objects.filter(pk=run.pk).update(
        status=JobRun.Status.SUCCEEDED, finished_at=timezone.now(), detail=detail[:500]
    )
    return detail or "done"
