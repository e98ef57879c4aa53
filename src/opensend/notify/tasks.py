from django_tasks import task


@task()
def send_notification(notification_id: int) -> str:
    """Send one notification; on failure `deliver` records the error and enqueues the next attempt."""
    from .services import deliver

    return deliver(notification_id)
