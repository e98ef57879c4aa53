"""Scheduled jobs. Like views and commands they are entry points that call services, so they live
apart from `tasks.py`, which services call (ADR 0131)."""

from django_tasks import task

from .services import plans_cease_due


@task()
def cease_due_plans() -> int:
    """Cease plans whose appeal window closed with no appeal (idempotent; enqueue it daily)."""
    return plans_cease_due()
