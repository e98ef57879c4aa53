"""On PostgreSQL the application connects as a role that may only INSERT and SELECT audit rows;
on SQLite, where there are no roles, the triggers alone refuse changes (test_audit_append_only)."""

import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from opensend.access import audit
from opensend.access.database_roles import statements
from opensend.access.models import AuditAction, AuditEvent
from opensend.access.principal import principal_for_user
from opensend.children.models import Child
from tests.factories import ChildFactory, MembershipFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")


def _refused(sql: str, params: list | None = None) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])
    return str(error.value)


@postgres_only
def test_the_app_role_may_write_and_read_audit_rows_but_not_change_them():
    membership = MembershipFactory()
    child = ChildFactory(responsible_la=membership.organisation)
    first = audit.record(principal_for_user(membership.user), AuditAction.CHILD_VIEWED, child_id=child.pk)
    suffix = uuid.uuid4().hex[:8]
    with connection.cursor() as cursor:
        # Rows made above leave deferred foreign-key checks, which stop ALTER TABLE in this transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command(
        "db_roles",
        owner=f"o_{suffix}",
        app=f"a_{suffix}",
        execute=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "a_{suffix}"')
    try:
        # What the application does every day still works, sealed onto the chain.
        audit.record_reads(principal_for_user(membership.user), AuditAction.CHILD_LISTED, [child.pk])
        assert AuditEvent.objects.count() == 2
        Child.objects.filter(pk=child.pk).update(first_name="Changed")
        # What nobody running as the application may do to the trail.
        assert "permission denied" in _refused(
            "UPDATE access_auditevent SET actor_label = 'x' WHERE id = %s", [first.pk]
        )
        assert "permission denied" in _refused("DELETE FROM access_auditevent WHERE id = %s", [first.pk])
        assert "permission denied" in _refused("TRUNCATE access_auditevent")
        assert "must be owner" in _refused("ALTER TABLE access_auditevent DISABLE TRIGGER USER")
        assert "must be owner" in _refused(
            "DROP TRIGGER access_auditevent_no_update_delete ON access_auditevent"
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert AuditEvent.objects.filter(pk=first.pk, actor_label=first.actor_label).exists()


@postgres_only
def test_the_owner_cannot_truncate_the_audit_table_without_saying_so():
    AuditEvent.objects.create(action=AuditAction.SIGNED_IN, actor_label="kept")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL opensend.audit_truncate = ''")
        assert "append-only (TRUNCATE refused)" in _refused("TRUNCATE access_auditevent")
    assert AuditEvent.objects.filter(actor_label="kept").exists()


@postgres_only
def test_the_sql_can_be_printed_for_a_database_administrator(capsys):
    call_command("db_roles", owner="opensend_owner", app="opensend_app")
    out = capsys.readouterr().out
    assert 'GRANT SELECT, INSERT ON "public".access_auditevent TO "opensend_app";' in out
    assert (
        'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "public".access_auditevent '
        'FROM "opensend_app"' in out
    )


def test_role_names_are_checked():
    with pytest.raises(ValueError, match="plain lower-case"):
        statements(owner='x"; DROP TABLE children_child; --', app="app")
    with pytest.raises(ValueError, match="different roles"):
        statements(owner="same", app="same")


def test_on_sqlite_the_command_says_the_triggers_are_the_protection():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has roles, tested above")
    with pytest.raises(CommandError, match="triggers alone"):
        call_command("db_roles")
