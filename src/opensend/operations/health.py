"""Health endpoints for load balancers and orchestrators: no sign-in, no personal data, never cached.

`/healthz` says the process is up and serving (it touches nothing else, so a slow database does not
get healthy web processes killed). `/readyz` says this process can do its work: the database answers
and the task queue's store is reachable; it answers 503 naming what failed.
"""

import logging

from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from opensend.access.policy import public

log = logging.getLogger(__name__)


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _task_queue() -> None:
    """The database backend keeps its queue in a table: read one row id. The immediate backend (the
    demo) has no queue to reach."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(task_backends["default"], DatabaseBackend):
        DBTaskResult.objects.values_list("pk", flat=True)[:1].exists()


CHECKS = {"database": _database, "task_queue": _task_queue}


@public
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:
            log.warning("Readiness check %s failed: %s", name, type(exc).__name__)
            results[name] = "failing"
        else:
            results[name] = "ok"
    ready = all(v == "ok" for v in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "failing", "checks": results}, status=200 if ready else 503
    )
