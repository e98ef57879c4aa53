import time

from django.core.management.base import BaseCommand, CommandParser

from opensend.synthetic.demo import DEMO_PASSWORD, AlreadySeeded, seed_demo


class Command(BaseCommand):
    help = "Create the Barnet demo area: settings, services, 50 synthetic children and demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo area's children and people first, then seed again.",
        )
        parser.add_argument(
            "--people-only",
            action="store_true",
            help="Seed only the organisations, people and children, without each app's cases and plans.",
        )

    def handle(
        self, *args: object, reset: bool = False, people_only: bool = False, **options: object
    ) -> None:
        started = time.monotonic()
        try:
            result = seed_demo(reset=reset, extensions=not people_only)
        except AlreadySeeded:
            self.stdout.write("The demo area is already seeded. Use --reset to build it again.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded the Barnet demo area in {time.monotonic() - started:.1f}s: "
                f"{result.children} children, "
                f"{result.users} people, {result.organisations} organisations."
            )
        )
        self.stdout.write(
            f"Sign in as caseworker@opensend.test (or see docs/demo.md) with password {DEMO_PASSWORD}; "
            "get the security code with `python manage.py demo_totp`."
        )
