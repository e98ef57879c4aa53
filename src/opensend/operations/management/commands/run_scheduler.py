"""python manage.py run_scheduler [--once]: queue each scheduled job at its time, for ever.

Part of the production stack beside the web and worker processes (README, "Running in production").
Several schedulers may run at once: each slot's run is created once, under a unique constraint.
"""

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from opensend.operations.services import schedule_due


class Command(BaseCommand):
    help = "Queue OpenSEND's periodic jobs when they are due (see /operations/jobs/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Queue what is due now, then stop")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks (default 30)")

    def handle(self, *args: Any, **options: Any) -> None:
        self._stop = False
        signal.signal(signal.SIGTERM, self._on_stop)
        signal.signal(signal.SIGINT, self._on_stop)
        while True:
            close_old_connections()
            for run in schedule_due():
                self.stdout.write(f"{timezone.now():%Y-%m-%dT%H:%M:%SZ} queued {run.job}")
            if options["once"] or self._stop:
                return
            for _ in range(max(1, options["interval"])):
                if self._stop:
                    return
                time.sleep(1)

    def _on_stop(self, signum: int, frame: object) -> None:
        self._stop = True
