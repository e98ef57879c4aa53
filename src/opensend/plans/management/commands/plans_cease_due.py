"""python manage.py plans_cease_due [--date YYYY-MM-DD]: cease plans whose appeal window (T1) closed
with no appeal. Safe to run at any time and as often as you like (ADR 0104, 0106); run it daily."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opensend.plans.services import plans_cease_due


class Command(BaseCommand):
    help = (
        "Cease every EHC plan whose appeal window (T1) has closed without an appeal: status ceased, "
        "SEN2 CeaseDate the day after the window, an audit row and a timeline entry per plan. "
        "Idempotent: run it daily from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default=None, help="Treat this day (YYYY-MM-DD) as today")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
        done = plans_cease_due(today)
        self.stdout.write(f"{done} plan{'s' if done != 1 else ''} ceased")
