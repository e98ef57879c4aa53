"""python manage.py db_roles --owner opensend_owner --app opensend_app [--execute]"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from opensend.access.database_roles import statements


class Command(BaseCommand):
    help = (
        "Print (or, with --execute, run) the SQL that makes an owner role, which owns the tables and "
        "runs migrations, and an application role, which may only INSERT and SELECT on the audit "
        "table. PostgreSQL only; run it as a superuser connected to OpenSEND's database. Then set a "
        "password on each role (psql's \\password), run migrations as the owner "
        "(MIGRATION_DATABASE_URL) and everything else as the application (DATABASE_URL)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--owner", default="opensend_owner", help="The role that owns the tables")
        parser.add_argument("--app", default="opensend_app", help="The role the application connects as")
        parser.add_argument("--schema", default="public")
        parser.add_argument("--execute", action="store_true", help="Run the SQL instead of printing it")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "Database roles are for PostgreSQL. On SQLite the audit table is protected by its "
                "triggers alone (anyone who can write the file can change it)."
            )
        try:
            sql = statements(owner=options["owner"], app=options["app"], schema=options["schema"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not options["execute"]:
            self.stdout.write(";\n".join(sql) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
        self.stdout.write(
            f"Roles ready: {options['owner']} owns the tables; {options['app']} may only insert and read "
            "audit rows. Set their passwords, then point MIGRATION_DATABASE_URL and DATABASE_URL at them."
        )
