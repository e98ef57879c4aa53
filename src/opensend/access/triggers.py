"""The database's own refusal to change the audit table (ADR 0003, ADR 0172).

PostgreSQL: a row trigger refuses UPDATE and DELETE, and a statement trigger refuses TRUNCATE
unless the session has set `opensend.audit_truncate` to `allow` (the test suite's connection does,
because Django empties tables with TRUNCATE between tests; an operator archiving old rows does it
deliberately, as the table's owner). The application's own role has no UPDATE, DELETE or
TRUNCATE right on the table at all (`manage.py db_roles`).

SQLite: triggers refuse UPDATE and DELETE. DELETE is let through only when the connection's
`opensend_audit_delete_allowed()` says so, which is only under the test settings (Django's test
flush empties tables with DELETE there). Any other program opening the file has no such function,
so its DELETE fails too.

`install` is idempotent. It runs from a migration and again after every `migrate`, because SQLite
drops a table's triggers when a migration rebuilds the table.
"""

from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "access_auditevent"

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION access_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('opensend.audit_truncate', true) = 'allow' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING MESSAGE = 'audit events are append-only (' || TG_OP || ' refused)';
END;
$$ LANGUAGE plpgsql;
"""
PG_TRIGGERS = {
    "access_auditevent_no_update_delete": (
        f"CREATE TRIGGER access_auditevent_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION access_auditevent_append_only()"
    ),
    "access_auditevent_no_truncate": (
        f"CREATE TRIGGER access_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION access_auditevent_append_only()"
    ),
}
SQLITE_TRIGGERS = {
    "access_auditevent_no_update": (
        f"CREATE TRIGGER access_auditevent_no_update BEFORE UPDATE ON {TABLE} "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END"
    ),
    "access_auditevent_no_delete": (
        f"CREATE TRIGGER access_auditevent_no_delete BEFORE DELETE ON {TABLE} "
        "WHEN NOT opensend_audit_delete_allowed() "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END"
    ),
}
SQLITE_DELETE_FUNCTION = "opensend_audit_delete_allowed"


def install(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [TABLE]
            )
            present = {row[0] for row in cursor.fetchall()}
            for name, sql in PG_TRIGGERS.items():
                if name not in present:
                    cursor.execute(sql)
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
            present = {row[0] for row in cursor.fetchall()}
            for name, sql in SQLITE_TRIGGERS.items():
                if name not in present:
                    cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in PG_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def delete_allowed() -> int:
    """SQLite asks this on every DELETE from the audit table: 1 only under the test settings."""
    return 1 if getattr(settings, "AUDIT_SQLITE_DELETE_FOR_TESTS", False) else 0


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: give each SQLite connection the function the trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_DELETE_FUNCTION, 0, delete_allowed)


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """`post_migrate` receiver: put back any trigger a rebuilt table lost."""
    from django.db import connections

    connection = connections[using]
    if TABLE in connection.introspection.table_names():
        install(connection)
