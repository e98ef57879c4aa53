from django.db import models


class OperationsAudit(models.TextChoices):
    JOB_RUN_REQUESTED = "job.run_requested", "Asked for a scheduled job to run now"
