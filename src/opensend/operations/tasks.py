"""The task that runs one queued scheduled job and records how it ended (ADR 0160).

No retry here: a failed job is recorded and runs again at its next slot, since every job works out
what is due from stored dates.
"""

import logging

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .jobs import BY_NAME
from .models import JobRun

log = logging.getLogger(__name__)


@task()
def run_job(job_run_id: int) -> str:
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
