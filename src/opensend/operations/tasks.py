from django_tasks import task


@task()
def run_job(job_run_id: int) -> str:
    """Run one queued scheduled job and record how it ended."""
    from .services import job_run_execute

    return job_run_execute(job_run_id)
