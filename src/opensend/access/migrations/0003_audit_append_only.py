"""Make the audit table append-only in the database itself.

PostgreSQL: a trigger rejects UPDATE and DELETE (TRUNCATE, used only by test teardown and by a
deliberate operator, is not row-level). SQLite: a trigger rejects UPDATE; DELETE stays possible
there because Django's test flush empties tables with DELETE on SQLite.
"""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION access_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'audit events are append-only (' || TG_OP || ' refused)';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON access_auditevent
    FOR EACH ROW EXECUTE FUNCTION access_auditevent_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS access_auditevent_no_update_delete ON access_auditevent;
DROP FUNCTION IF EXISTS access_auditevent_append_only();
"""
SQLITE_UP = """
CREATE TRIGGER access_auditevent_no_update BEFORE UPDATE ON access_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS access_auditevent_no_update;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
