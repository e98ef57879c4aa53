"""Making a plan version's PDF after the version commits. Services queue it; nothing here calls a
service, so an issued version never depends on its PDF."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from opensend.core.tasks import Retry, attempt

from . import render
from .models import Rendering

DEFAULT_MAX_ATTEMPTS = 5
RETRY_DELAYS = (60, 300, 1800, 10800)


def retry_policy() -> Retry:
    return Retry(
        max_attempts=int(getattr(settings, "PLANS_PDF_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)),
        delays=RETRY_DELAYS,
    )


@task()
def render_version_pdf(version_id: int) -> str:
    """One attempt to make a version's PDF; a failure is kept on the rendering and tried again later."""
    with transaction.atomic():
        rendering = (
            Rendering.objects.select_for_update()
            .select_related("version__plan")
            .filter(version_id=version_id)
            .first()
        )
        if rendering is None or rendering.status == Rendering.Status.DONE:
            return "nothing to do"
        version = rendering.version
        rendering.attempts += 1
        outcome = attempt(
            render_version_pdf,
            version_id,
            number=rendering.attempts,
            retry=retry_policy(),
            work=lambda: render.plan_pdf(
                version.html, f"{version.get_kind_display()} {version.plan.reference}"
            ),
        )
        rendering.updated_at = timezone.now()
        if outcome.succeeded:
            rendering.pdf = outcome.value
            rendering.status = Rendering.Status.DONE
            rendering.last_error = ""
        else:
            rendering.last_error = outcome.error
            rendering.status = Rendering.Status.FAILED if outcome.gave_up else Rendering.Status.PENDING
        rendering.save()
        return "done" if outcome.succeeded else "failed"
