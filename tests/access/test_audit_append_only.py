"""The audit trail cannot be changed, neither through the model nor in the database itself.

Each guard here was broken on purpose once (trigger removed, setting flipped) to see its test fail.
"""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from opensend.access import audit, triggers
from opensend.access.models import AuditAction, AuditEvent
from opensend.access.principal import principal_for_user
from tests.factories import ChildFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    membership = MembershipFactory()
    child = ChildFactory(responsible_la=membership.organisation)
    return audit.record(
        principal_for_user(membership.user), AuditAction.CHILD_VIEWED, child_id=child.pk, obj=child
    )


def _refused(sql: str, params: list | None = None) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params or [])


def test_saving_an_existing_audit_event_is_refused(event):
    event.action = AuditAction.CHILD_UPDATED
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.CHILD_VIEWED


def test_deleting_an_audit_event_is_refused(event):
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()
    with pytest.raises(RuntimeError, match="append-only"):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_queryset_update_of_audit_rows_is_refused(event):
    with pytest.raises(RuntimeError, match="append-only"):
        AuditEvent.objects.filter(pk=event.pk).update(ip_address="192.0.2.1")
    assert AuditEvent.objects.get(pk=event.pk).ip_address == event.ip_address


def test_the_database_refuses_an_update_of_an_audit_row(event):
    _refused("UPDATE access_auditevent SET actor_label = %s WHERE id = %s", ["someone else", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_label == event.actor_label


@override_settings(AUDIT_SQLITE_DELETE_FOR_TESTS=False)
def test_the_database_refuses_a_delete_of_an_audit_row(event):
    # On SQLite the test settings let Django's flush DELETE between tests; outside tests nothing does.
    _refused("DELETE FROM access_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@override_settings(AUDIT_SQLITE_DELETE_FOR_TESTS=False)
def test_the_database_refuses_emptying_the_audit_table(event):
    if connection.vendor == "postgresql":
        # The test connection allows TRUNCATE for Django's flush; a normal session does not.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL opensend.audit_truncate = ''")
            _refused("TRUNCATE access_auditevent")
    else:
        # SQLite has no TRUNCATE: an unqualified DELETE is its way to empty a table.
        _refused("DELETE FROM access_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_triggers_come_back_after_a_migration_rebuilds_the_table(event):
    # SQLite drops a table's triggers when a migration rebuilds it; post_migrate puts them back.
    triggers.uninstall(connection)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditevent SET actor_label = %s WHERE id = %s", ["x", event.pk])
        transaction.set_rollback(True)
    triggers.after_migrate(sender=None, using="default")
    _refused("UPDATE access_auditevent SET actor_label = %s WHERE id = %s", ["someone else", event.pk])


def test_new_audit_events_can_still_be_written_after_a_refused_change(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditevent SET action = %s", ["child.updated"])
    AuditEvent.objects.create(action=AuditAction.SIGNED_IN, actor_label="after")
    assert AuditEvent.objects.count() == 2
