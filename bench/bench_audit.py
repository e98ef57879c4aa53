"""The cost of sealing audit rows onto the hash chain (ADR 0172).

A list page writes one audit row per child shown, 25 in one multi-row INSERT. The measured time is
`access.audit.record_reads` for 25 children (take the chain's lock, read the tip, hash 25 rows,
one INSERT, commit), over a table that already holds 200,000 sealed rows; the baseline is the same
25 rows inserted by a plain `bulk_create` with no seal and no lock, in the same run. Limit: 2.

On PostgreSQL a second measurement runs 4 threads, each writing 40 such pages in its own
transactions, sealed against unsealed: the lock makes audit writers queue, and this says how much
that costs when they all write at once (limit 3).

Run: .venv/bin/python bench/bench_audit.py [rows]
"""

import os
import sys
import threading
import time

import common  # puts src/ on the path; keep it first

NAME = "audit_chain_page"
NAME_CONCURRENT = "audit_chain_concurrent"
LIMIT = 2.0
LIMIT_CONCURRENT = 3.0
ROWS = 200_000
PAGE = 25
THREADS = 4
PAGES_PER_THREAD = 40


def main(rows: int = ROWS) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.config.settings.test")
    import django

    django.setup()
    from django.db import connection, models, transaction
    from django.test.utils import setup_test_environment

    from opensend.access import audit
    from opensend.access.models import AuditAction, AuditEvent
    from opensend.access.principal import ANONYMOUS

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    principal = ANONYMOUS
    child_ids = list(range(1, PAGE + 1))

    def sealed() -> None:
        audit.record_reads(principal, AuditAction.CHILD_LISTED, child_ids)

    def unsealed() -> None:
        base = audit._base(principal, AuditAction.CHILD_LISTED)
        objs = [
            AuditEvent(**base, child_id=c, object_type="children.child", object_id=str(c)) for c in child_ids
        ]
        with transaction.atomic():
            models.QuerySet(AuditEvent).bulk_create(objs)

    try:
        for start in range(0, rows, 5000):
            AuditEvent.objects.bulk_create(
                AuditEvent(action="child.listed", actor_label="bench", child_id=i)
                for i in range(start, min(rows, start + 5000))
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{PAGE} audit rows per page over {rows:,} sealed rows ({connection.vendor})")
        measured = common.best_of(sealed, repeat=15)
        baseline = common.best_of(unsealed, repeat=15)
        common.write_result(NAME, measured, baseline, LIMIT)
        if connection.vendor == "postgresql":
            concurrent_sealed = _threads(sealed)
            concurrent_unsealed = _threads(unsealed)
            common.write_result(NAME_CONCURRENT, concurrent_sealed, concurrent_unsealed, LIMIT_CONCURRENT)
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _threads(page) -> float:  # type: ignore[no-untyped-def]
    """Wall time for THREADS threads to write PAGES_PER_THREAD pages each, all at once."""
    from django.db import connection

    barrier = threading.Barrier(THREADS + 1)

    def work() -> None:
        barrier.wait()
        try:
            for _ in range(PAGES_PER_THREAD):
                page()
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
