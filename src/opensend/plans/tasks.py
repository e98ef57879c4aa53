from django_tasks import task


@task()
def render_version_pdf(version_id: int) -> str:
    """Make a plan version's PDF; on failure `render_attempt` records the error and tries again later."""
    from .services import render_attempt

    return render_attempt(version_id)


@task()
def cease_due_plans() -> int:
    """Cease plans whose appeal window closed with no appeal (idempotent; enqueue it daily)."""
    from .services import plans_cease_due

    return plans_cease_due()
