"""python manage.py deadline RULE_ID YYYY-MM-DD [YYYY-MM-DD]: the first line is the due date."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opensend.rulebook.errors import InvalidInput
from opensend.rulebook.inputs import answer, describe


class Command(BaseCommand):
    help = (
        "Print the statutory due date for a rule counted from a trigger date. The first line is the "
        "due date as YYYY-MM-DD; then the rule, its reference and how it was counted. T1 and X3 need "
        "a second date (T1: the mediation certificate; X3: the day the plan transferred)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule_id", help="The rule's id, for example A8")
        parser.add_argument("trigger", help="The trigger date, YYYY-MM-DD")
        parser.add_argument("second", nargs="?", default=None, help="The second date for T1 and X3")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = answer(options["rule_id"], options["trigger"], options["second"])
        except InvalidInput as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write("\n".join(describe(result)))
