"""Reads of the operations app: each scheduled job with its last run and next slot."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from opensend.access.principal import Principal

from .jobs import JOBS, Job
from .models import JobRun
from .policies import operations_policy


@dataclass(frozen=True)
class JobState:
    job: Job
    last_run: JobRun | None
    next_slot: dt.datetime

    @property
    def last_status(self) -> str:
        return self.last_run.get_status_display() if self.last_run else "Not run yet"


def job_states(*, by: Principal, now: dt.datetime | None = None) -> list[JobState]:
    """Every job's latest run, in one query (the list of jobs is short and fixed)."""
    now = now or timezone.now()
    names = [job.name for job in JOBS]
    latest = JobRun.objects.filter(job=OuterRef("job")).order_by("-slot", "-pk").values("pk")[:1]
    runs = operations_policy.visible(by, JobRun.objects.filter(job__in=names, pk=Subquery(latest)))
    by_job = {run.job: run for run in runs}
    return [JobState(job, by_job.get(job.name), job.next_slot(now)) for job in JOBS]


def recent_runs(*, by: Principal, job_name: str, limit: int = 20) -> list[JobRun]:
    return list(
        operations_policy.visible(by, JobRun.objects.filter(job=job_name)).order_by("-slot", "-pk")[:limit]
    )
