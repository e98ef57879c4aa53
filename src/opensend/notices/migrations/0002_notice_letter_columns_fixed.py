"""A decision notice's letter never changes, in the database itself.

A trigger refuses any UPDATE that sets one of the columns the letter is made of (PostgreSQL and
SQLite both fire `BEFORE UPDATE OF <columns>` when a column is in the SET list). The PDF columns,
which the task fills in after the notice is written, stay writable, and so does `supersedes_id`,
which Django sets to NULL when demo data is removed. Deleting stays possible (demo removal, test
flush); nothing in the application deletes notices.
"""

from django.db import migrations

COLUMNS = (
    "kind, child_id, local_authority_id, case_id, plan_id, plan_version_id, decided_on, dated, "
    "reasons, panel_name, panel_met_on, mediation_by, appeal_by, rule_set, html, html_sha256, "
    "decided_by_name, created_at"
)
MESSAGE = "a decision notice never changes: issue a new notice that supersedes it"
PG_UP = f"""
CREATE OR REPLACE FUNCTION notices_decisionnotice_fixed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = '{MESSAGE}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER notices_decisionnotice_no_update
    BEFORE UPDATE OF {COLUMNS} ON notices_decisionnotice
    FOR EACH ROW EXECUTE FUNCTION notices_decisionnotice_fixed();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS notices_decisionnotice_no_update ON notices_decisionnotice;
DROP FUNCTION IF EXISTS notices_decisionnotice_fixed();
"""
SQLITE_UP = f"""
CREATE TRIGGER notices_decisionnotice_no_update BEFORE UPDATE OF {COLUMNS} ON notices_decisionnotice
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS notices_decisionnotice_no_update;"


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
    dependencies = [("notices", "0001_decision_notices_and_council_details")]
    operations = [migrations.RunPython(forwards, backwards)]
