"""The audit trail's hash chain: each row is sealed with the hash of its content and of the row
before it, so that a row changed, removed or slipped in directly in the database is found by
`manage.py audit_verify` (ADR 0172).

One chain for the whole table, in id order. Writers take a lock before reading the chain's tip
and keep it until their transaction ends, so that two transactions never seal onto the same tip:
on PostgreSQL a transaction-level advisory lock, on SQLite the database's own write lock (every
transaction there starts with BEGIN IMMEDIATE). Because a writer holds the lock from its first
audit row to its commit, ids are handed out in chain order.
"""

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connections, transaction

if TYPE_CHECKING:
    from .models import AuditEvent

GENESIS = "0" * 64
# The advisory lock's key: "opensend" in ASCII, as one 64-bit number.
LOCK_KEY = int.from_bytes(b"opensend", "big") & 0x7FFFFFFFFFFFFFFF

# The columns a seal covers, in this order. A new column of the audit table is added at the end,
# and rows written before it carry the value it had then (the row's hash says which).
SEALED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "api_token_id",
    "organisation_id",
    "action",
    "child_id",
    "object_type",
    "object_id",
    "request_id",
    "ip_address",
    "detail",
)


def _canonical_value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "occurred_at":
        assert isinstance(value, dt.datetime)
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if name == "ip_address":
        # The database may print an address in another form than it was given (PostgreSQL's inet).
        return ipaddress.ip_address(value).exploded
    return value


def digest(values: dict[str, Any], prev_hash: str) -> str:
    """The seal of one row: SHA-256 over its sealed columns, in a canonical JSON, and the previous seal."""
    body = {name: _canonical_value(name, values.get(name)) for name in SEALED_FIELDS}
    text = json.dumps([prev_hash, body], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _values_of(event: "AuditEvent") -> dict[str, Any]:
    return {name: getattr(event, name) for name in SEALED_FIELDS}


def lock_and_read_tip(using: str) -> str:
    """Take the chain's lock for the rest of the current transaction and return the tip's seal."""
    from .models import AuditEvent

    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("The audit chain can only be extended inside a transaction")
    if connection.vendor == "postgresql":
        # Two statements in one round trip: the second takes its snapshot after the lock is held,
        # so it sees every row sealed by a writer that held the lock before.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT pg_advisory_xact_lock({LOCK_KEY}); "  # noqa: S608 - a constant number
                "SELECT hash FROM access_auditevent ORDER BY id DESC LIMIT 1"
            )
            cursor.nextset()
            row = cursor.fetchone()
        return (row[0] if row else "") or GENESIS
    # SQLite: the transaction already holds the database's write lock (BEGIN IMMEDIATE).
    # The newest row; rows written before the chain existed have no seal, and the chain starts anew.
    tip = AuditEvent.objects.using(using).order_by("-id").values_list("hash", flat=True).first()
    return tip or GENESIS


def seal(events: Sequence["AuditEvent"], using: str) -> None:
    """Give each new event its place in the chain. The caller inserts them, in this order, in the
    same transaction."""
    prev = lock_and_read_tip(using)
    for event in events:
        event.detail = json.loads(json.dumps(event.detail or {}))  # as the database will give it back
        event.prev_hash = prev
        event.hash = digest(_values_of(event), prev)
        prev = event.hash


def sealed_insert(events: Sequence["AuditEvent"], using: str, insert: Any) -> Any:
    """Seal and insert in one transaction (its own, when the caller has none). No savepoint inside
    the caller's: an audit row that cannot be written fails the caller's whole transaction anyway,
    and a page's audit costs one query more than before (the tip), not three."""
    with transaction.atomic(using=using, savepoint=False):
        seal(events, using)
        return insert()


@dataclass(frozen=True)
class Verification:
    checked: int
    unsealed_before_chain: int
    first_break_id: int | None
    problem: str
    last_id: int | None
    last_hash: str
    seen: bool = False  # whether the seal asked for with `look_for` was met on the way

    @property
    def whole(self) -> bool:
        return self.first_break_id is None


def _rows(from_id: int | None, chunk: int) -> Iterator[dict[str, Any]]:
    from .models import AuditEvent

    qs = AuditEvent.objects.order_by("id")
    if from_id is not None:
        qs = qs.filter(id__gte=from_id)
    return qs.values("id", "prev_hash", "hash", *SEALED_FIELDS).iterator(chunk_size=chunk)


def verify(
    *, from_id: int | None = None, anchor: str | None = None, look_for: str = "", chunk: int = 5000
) -> Verification:
    """Walk the chain in id order and stop at the first row that does not fit.

    Without `from_id`, the chain must start from GENESIS (or from `anchor`, the seal of the last
    row archived away). Rows written before the chain existed (no seal) may only come first.
    With `from_id`, the row just before it is trusted as the anchor.
    """
    from .models import AuditEvent

    expected = anchor
    if from_id is not None and expected is None:
        before = (
            AuditEvent.objects.filter(id__lt=from_id).order_by("-id").values_list("hash", flat=True).first()
        )
        expected = before or GENESIS
    checked = unsealed = 0
    last_id: int | None = None
    last_hash = ""
    chain_started = from_id is not None
    seen = False

    def broken(row_id: int, problem: str) -> Verification:
        return Verification(checked, unsealed, row_id, problem, last_id, last_hash)

    for row in _rows(from_id, chunk):
        if not row["hash"]:
            if chain_started:
                return broken(row["id"], "has no seal, but rows before it have one: it was added or changed")
            unsealed += 1
            last_id = row["id"]
            continue
        if not chain_started:
            chain_started = True
            expected = expected or GENESIS
        if row["prev_hash"] != expected:
            where = f"row {last_id}" if last_id is not None else "the start of the chain"
            return broken(row["id"], f"does not follow {where}: a row between them was removed or added")
        if digest(row, row["prev_hash"]) != row["hash"]:
            return broken(row["id"], "does not match its seal: it was changed after it was written")
        checked += 1
        seen = seen or row["hash"] == look_for
        expected = last_hash = row["hash"]
        last_id = row["id"]
    return Verification(checked, unsealed, None, "", last_id, last_hash, seen)
