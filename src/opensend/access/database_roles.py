"""PostgreSQL roles for running OpenSEND (ADR 0172, docs/operations.md "Database roles").

Two roles: an owner, which owns every table and runs the migrations, and the application's role,
which the web, worker and scheduler processes connect as. The application's role may read and
write every table but the audit table, where it may only INSERT and SELECT; it owns nothing, so it
cannot drop or disable the audit table's triggers either. Tables that later migrations make (as
the owner) give the application's role the same rights through default privileges.

The statements are idempotent: run them again after restoring a backup or moving the schema.
"""

import re

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
AUDIT_TABLE = "access_auditevent"
APP_TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"


def _create_role(name: str) -> str:
    return (
        "DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
        f'CREATE ROLE "{name}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; '
        "END IF; END $$"
    )


def statements(*, owner: str, app: str, schema: str = "public") -> list[str]:
    for name in (owner, app, schema):
        if not ROLE_NAME.match(name):
            raise ValueError(f"{name!r} is not a plain lower-case PostgreSQL name")
    if owner == app:
        raise ValueError("The owner and the application must be different roles")
    return [
        _create_role(owner),
        _create_role(app),
        # Only the owner makes tables; the application's role may use the schema, not add to it.
        f'REVOKE CREATE ON SCHEMA "{schema}" FROM PUBLIC',
        f'GRANT USAGE, CREATE ON SCHEMA "{schema}" TO "{owner}"',
        f'GRANT USAGE ON SCHEMA "{schema}" TO "{app}"',
        # Every table (with its identity sequence) and the audit trigger's function to the owner.
        "DO $$ DECLARE t record; BEGIN "  # noqa: S608 - names checked above
        f"FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '{schema}' LOOP "
        f"EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', '{schema}', t.tablename, '{owner}'); "
        "END LOOP; END $$",
        "DO $$ BEGIN "
        "IF to_regprocedure('access_auditevent_append_only()') IS NOT NULL THEN "
        f'ALTER FUNCTION access_auditevent_append_only() OWNER TO "{owner}"; '
        "END IF; END $$",
        f'GRANT {APP_TABLE_RIGHTS} ON ALL TABLES IN SCHEMA "{schema}" TO "{app}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{app}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA "{schema}" '
        f'GRANT {APP_TABLE_RIGHTS} ON TABLES TO "{app}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA "{schema}" '
        f'GRANT USAGE, SELECT ON SEQUENCES TO "{app}"',
        # The audit table: insert and read, nothing else, for the application and for anyone.
        f'REVOKE ALL ON "{schema}".{AUDIT_TABLE} FROM PUBLIC',
        f'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "{schema}".{AUDIT_TABLE} FROM "{app}"',
        f'GRANT SELECT, INSERT ON "{schema}".{AUDIT_TABLE} TO "{app}"',
    ]
