"""python manage.py audit_verify: check the audit trail's hash chain and report the first break."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opensend.access import chain


class Command(BaseCommand):
    help = (
        "Check that every audit row still matches its seal and follows the row before it. Exits with "
        "an error naming the first row that does not (changed, removed or added outside OpenSEND). "
        "Record the last line's seal somewhere else: it proves later that no row was cut off the end."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from-id",
            type=int,
            default=None,
            help="Start at this row, trusting the rows before it (for a nightly check after a full one)",
        )
        parser.add_argument(
            "--anchor",
            default=None,
            help="The seal of the last row archived away, when older rows have been moved out",
        )
        parser.add_argument(
            "--expect-last",
            default=None,
            help="A seal recorded earlier: fail unless it is still in the chain up to the row it sealed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        expected = options["expect_last"] or ""
        result = chain.verify(from_id=options["from_id"], anchor=options["anchor"], look_for=expected)
        if result.unsealed_before_chain:
            self.stdout.write(
                f"{result.unsealed_before_chain} rows from before the chain was started have no seal "
                "and are not covered."
            )
        if not result.whole:
            raise CommandError(
                f"The audit chain is broken at row {result.first_break_id}: it {result.problem}. "
                f"{result.checked} rows before it are whole."
            )
        if expected and not result.seen:
            raise CommandError(
                "The seal you recorded is no longer in the chain: "
                "rows at the end have been removed or rewritten."
            )
        self.stdout.write(
            f"The audit chain is whole: {result.checked} sealed rows checked."
            + (f" Last row {result.last_id}, seal {result.last_hash}." if result.last_id is not None else "")
        )
