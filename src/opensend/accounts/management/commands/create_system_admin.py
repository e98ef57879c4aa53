"""python manage.py create_system_admin EMAIL --name NAME --organisation BODY --reason WHY"""

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.accounts.services import system_admin_bootstrap
from opensend.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Make someone a system administrator (the first of a new installation). The Django admin "
        "cannot: memberships change only on the People pages, and there nobody can make themselves "
        "anything. The change is audited and emailed to the system administrators already there. "
        "A new account has no password: its owner sets one with 'Forgotten your password?'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="Full name, for a new account")
        parser.add_argument("--organisation", required=True, help="Name or id of a national body")
        parser.add_argument("--reason", required=True, help="Why: kept in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        wanted = options["organisation"]
        bodies = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_BODY)
        organisation = (
            bodies.filter(pk=int(wanted)).first() if wanted.isdigit() else bodies.filter(name=wanted).first()
        )
        if organisation is None:
            raise CommandError(f"No national body called {wanted!r}. Add it in the Django admin first.")
        try:
            membership = system_admin_bootstrap(
                email=options["email"],
                full_name=options["name"],
                organisation=organisation,
                reason=options["reason"],
                operator=getpass.getuser(),
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{membership.user.email} is now a system administrator at {organisation.name}.")
