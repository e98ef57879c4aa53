"""One row per run of a scheduled job: the slot it ran for, when, and how it ended.

The row for a slot is created before the job is queued, under a unique constraint on (job, slot),
so two schedulers (or a restarted one) never queue the same run twice, and the last run of every
job is one indexed query for the administrators' page.
"""

from django.db import models


class JobRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=80)
    # The start of the schedule slot this run is for; a run asked for by hand has its own time here.
    slot = models.DateTimeField()
    manual = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the job reported (for example "3 plans ceased") or, when it failed, the error's type and
    # message. Jobs never put personal data in their result.
    detail = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="jobrun_one_per_slot")]
        indexes = [models.Index(fields=["job", "-slot"], name="jobrun_job_latest")]

    def __str__(self) -> str:
        return f"{self.job} at {self.slot:%Y-%m-%d %H:%M} ({self.status})"
