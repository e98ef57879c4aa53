"""The audit trail cannot be changed, neither through the model nor in the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from opensend.access import audit
from opensend.access.models import AuditAction, AuditEvent
from opensend.accounts.principal import principal_for_user
from tests.factories import ChildFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    membership = MembershipFactory()
    child = ChildFactory(responsible_la=membership.organisation)
    return audit.record(
        principal_for_user(membership.user), AuditAction.CHILD_VIEWED, child_id=child.pk, obj=child
    )


def test_saving_an_existing_audit_event_is_refused(event):
    event.action = AuditAction.CHILD_UPDATED
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.CHILD_VIEWED


def test_deleting_an_audit_event_is_refused(event):
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_an_update_of_an_audit_row(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE access_auditevent SET actor_label = %s WHERE id = %s", ["someone else", event.pk]
        )
    assert AuditEvent.objects.get(pk=event.pk).actor_label == event.actor_label


def test_the_database_refuses_a_queryset_update_of_audit_rows(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(ip_address="192.0.2.1")
    assert AuditEvent.objects.get(pk=event.pk).ip_address == event.ip_address


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="On SQLite only UPDATE is blocked: Django's test flush empties tables with DELETE there "
    "(see access/migrations/0003_audit_append_only.py)",
)
def test_the_database_refuses_a_delete_of_an_audit_row(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM access_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_new_audit_events_can_still_be_written_after_a_refused_change(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditevent SET action = %s", ["child.updated"])
    AuditEvent.objects.create(action=AuditAction.SIGNED_IN, actor_label="after")
    assert AuditEvent.objects.count() == 2
