"""Each audit row is sealed onto a hash chain; `audit_verify` finds the first row changed, removed or
added behind OpenSEND's back, and concurrent writers never fork the chain."""

import itertools
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from opensend.access import audit, chain, triggers
from opensend.access.models import AuditAction, AuditEvent
from opensend.access.principal import principal_for_user
from tests.factories import ChildFactory, MembershipFactory

UNSEALED_INSERT = (
    "INSERT INTO access_auditevent (occurred_at, actor_label, action, object_type, object_id, request_id, "
    "detail, prev_hash, hash) VALUES (%s, %s, 'user.signed_in', '', '', '', '{}', '', '')"
)


@pytest.fixture
def trail(db):
    """Five rows: a page of three reads between two single rows."""
    membership = MembershipFactory()
    principal = principal_for_user(membership.user)
    children = ChildFactory.create_batch(3, responsible_la=membership.organisation)
    audit.record(principal, AuditAction.SIGNED_IN, obj=membership.user)
    audit.record_reads(principal, AuditAction.CHILD_LISTED, [c.pk for c in children])
    audit.record(
        principal, AuditAction.CHILD_VIEWED, child_id=children[0].pk, detail={"why": "review", "n": 1.5}
    )
    return list(AuditEvent.objects.order_by("id"))


def _behind_the_back(sql: str, params: list) -> None:
    """What someone with the database owner's rights could do: triggers off, change, triggers on."""
    triggers.uninstall(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    triggers.install(connection)


def test_every_row_is_sealed_onto_the_one_before(trail):
    assert trail[0].prev_hash == chain.GENESIS
    for before, after in itertools.pairwise(trail):
        assert after.prev_hash == before.hash
    assert len({row.hash for row in trail}) == 5
    result = chain.verify()
    assert result.whole and result.checked == 5 and result.last_hash == trail[-1].hash


def test_the_command_says_the_chain_is_whole(trail):
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert f"The audit chain is whole: 5 sealed rows checked. Last row {trail[-1].pk}" in out.getvalue()


def test_a_changed_row_is_found(trail):
    _behind_the_back(
        "UPDATE access_auditevent SET actor_label = %s WHERE id = %s", ["Someone else", trail[2].pk]
    )
    with pytest.raises(CommandError, match=f"broken at row {trail[2].pk}: it does not match its seal"):
        call_command("audit_verify")


def test_a_changed_detail_is_found(trail):
    _behind_the_back(
        "UPDATE access_auditevent SET detail = %s WHERE id = %s", ['{"why": "curious"}', trail[4].pk]
    )
    result = chain.verify()
    assert result.first_break_id == trail[4].pk
    assert result.checked == 4


def test_a_removed_row_is_found_at_the_row_after_it(trail):
    _behind_the_back("DELETE FROM access_auditevent WHERE id = %s", [trail[1].pk])
    with pytest.raises(
        CommandError, match=f"broken at row {trail[2].pk}: it does not follow row {trail[0].pk}"
    ):
        call_command("audit_verify")


def test_a_removed_first_row_is_found(trail):
    _behind_the_back("DELETE FROM access_auditevent WHERE id = %s", [trail[0].pk])
    result = chain.verify()
    assert result.first_break_id == trail[1].pk
    assert "does not follow the start of the chain" in result.problem


def test_a_resealed_row_still_breaks_the_link_to_the_next(trail):
    # Someone who changes a row and recomputes its seal must rewrite every row after it too.
    row = AuditEvent.objects.values("id", "prev_hash", *chain.SEALED_FIELDS).get(pk=trail[1].pk)
    row["actor_label"] = "Someone else"
    forged = chain.digest(row, row["prev_hash"])
    _behind_the_back(
        "UPDATE access_auditevent SET actor_label = %s, hash = %s WHERE id = %s",
        ["Someone else", forged, trail[1].pk],
    )
    assert chain.verify().first_break_id == trail[2].pk


def test_an_unsealed_row_after_the_chain_started_is_found(trail):
    with connection.cursor() as cursor:
        cursor.execute(
            UNSEALED_INSERT,
            [trail[-1].occurred_at, "forger"],
        )
    result = chain.verify()
    assert not result.whole
    assert "has no seal" in result.problem


def test_rows_from_before_the_chain_are_counted_apart(db):
    with connection.cursor() as cursor:
        cursor.execute(UNSEALED_INSERT, [timezone.now(), "old"])
    AuditEvent.objects.create(action=AuditAction.SIGNED_IN, actor_label="new")
    result = chain.verify()
    assert result.whole and result.unsealed_before_chain == 1 and result.checked == 1
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "1 rows from before the chain was started have no seal" in out.getvalue()


def test_a_recorded_seal_proves_nothing_was_cut_off_the_end(trail):
    call_command("audit_verify", expect_last=trail[-1].hash, stdout=StringIO())
    _behind_the_back("DELETE FROM access_auditevent WHERE id = %s", [trail[-1].pk])
    assert chain.verify().whole  # the end can be cut off without a break inside the chain...
    with pytest.raises(CommandError, match="no longer in the chain"):
        call_command("audit_verify", expect_last=trail[-1].hash)  # ...which the recorded seal shows


def test_checking_from_a_row_trusts_the_rows_before_it(trail):
    _behind_the_back(
        "UPDATE access_auditevent SET actor_label = %s WHERE id = %s", ["Someone else", trail[0].pk]
    )
    assert chain.verify().first_break_id == trail[0].pk
    result = chain.verify(from_id=trail[2].pk)
    assert result.whole and result.checked == 3


def test_an_ip_address_is_sealed_in_a_form_the_database_gives_back(db):
    from opensend.core import request_context

    token = request_context.set_current(request_context.RequestContext("r1", "::ffff:192.0.2.10"))
    try:
        AuditEvent.objects.create(
            action=AuditAction.SIGNED_IN, actor_label="x", ip_address="::ffff:192.0.2.10"
        )
        audit.record_reads(principal_for_user(MembershipFactory().user), AuditAction.CHILD_LISTED, [1, 2])
    finally:
        request_context.reset(token)
    assert chain.verify().whole


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    """Four threads, each writing single rows and pages of rows in their own transactions."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("An in-memory SQLite test database is one connection; SQLite writers queue anyway")
    membership = MembershipFactory()
    principal = principal_for_user(membership.user)
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(10):
                with transaction.atomic():
                    audit.record(principal, AuditAction.SIGNED_IN, detail={"thread": n, "i": i})
                    audit.record_reads(principal, AuditAction.CHILD_LISTED, range(5))
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = chain.verify()
    assert result.whole and result.checked == 4 * 10 * 6
    hashes = list(AuditEvent.objects.values_list("prev_hash", flat=True))
    assert len(set(hashes)) == len(hashes)  # no two rows sealed onto the same tip


def test_on_sqlite_every_transaction_takes_the_write_lock_first(db):
    """SQLite's counterpart of the advisory lock: BEGIN IMMEDIATE, so two writers cannot read the
    same tip. (The threaded test above runs on PostgreSQL.)"""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL uses an advisory lock, tested above")
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
