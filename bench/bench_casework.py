"""The caseworker's desk (first page) and a case page, for a council with 20,000 open cases and 200,000
case events, against the same for a council with 200 cases, in the same database and the same run.

Measures the selectors the pages call (policy scoping, filters, sorting by the stored next due
date, pagination, the audit writes, the rule book's dates and the case timeline), and checks that
the number of queries is the same at both sizes. Limit: 2 times the 200-case time.

Run: .venv/bin/python bench/bench_casework.py [cases]
Uses a temporary SQLite database unless DATABASE_URL is set (then it must be a scratch database).
"""

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

import common  # puts src/ on the path; keep it first

LIMIT = 2.0
CASES = 20_000
SMALL = 200
EVENTS_PER_CASE = 10


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.config.settings.test")
    if not os.environ.get("DATABASE_URL"):
        path = Path(tempfile.mkdtemp()) / "bench_casework.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed(name: str, cases: int, rng: random.Random):  # type: ignore[no-untyped-def]
    from opensend.accounts.models import Membership, Organisation, User
    from opensend.casework.codes import Status
    from opensend.casework.deadlines import next_deadline
    from opensend.casework.models import AssessmentRequest, CaseEvent
    from opensend.children.models import Child

    la = Organisation.objects.create(kind="local_authority", name=name)
    user = User.objects.create(email=f"cw@{name.lower()}.test", full_name=f"{name} caseworker")
    Membership.objects.create(
        user=user, organisation=la, role="la_caseworker", valid_from=dt.date(2020, 1, 1)
    )
    children = Child.objects.bulk_create(
        [
            Child(
                first_name=f"C{i}",
                last_name=f"Child{i:06d}",
                date_of_birth=dt.date(2015, 1, 1),
                sex="F",
                responsible_la=la,
            )
            for i in range(cases)
        ],
        batch_size=2000,
    )
    open_statuses = [
        Status.RECEIVED,
        Status.CONSIDERING,
        Status.PANEL_ASSESS,
        Status.ASSESSING,
        Status.DRAFTING,
    ]
    rows = []
    for child in children:
        status = rng.choice(open_statuses)
        received = dt.date(2026, 1, 1) - dt.timedelta(days=rng.randrange(150))
        rule, due = next_deadline(status, received)
        rows.append(
            AssessmentRequest(
                child=child,
                local_authority=la,
                source=1,
                received_on=received,
                consent_given=True,
                reasons="Needs",
                status=status,
                next_rule=rule,
                next_due_on=due,
                caseworker=user if rng.random() < 0.1 else None,
            )
        )
    created = AssessmentRequest.objects.bulk_create(rows, batch_size=2000)
    events = [
        CaseEvent(case=case, kind="stage_changed", title="Stage changed", actor_name="Seed")
        for case in created
        for _ in range(EVENTS_PER_CASE)
    ]
    CaseEvent.objects.bulk_create(events, batch_size=5000)
    return user, created[len(created) // 2]


def main(cases: int = CASES) -> dict[str, object]:
    _setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opensend.access.principal import principal_for_user
    from opensend.casework import selectors

    rng = random.Random(2026)
    big_user, big_case = _seed("Large", cases, rng)
    small_user, small_case = _seed("Small", SMALL, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"seeded {cases + SMALL:,} cases and {(cases + SMALL) * EVENTS_PER_CASE:,} case events")

    def desk(user):  # type: ignore[no-untyped-def]
        principal = principal_for_user(user)

        def run() -> None:
            page = selectors.desk_page(
                principal, selectors.DeskFilters(scope="team", stage="open", sort="due")
            )
            list(page.object_list)

        return run

    def case_page(user, case):  # type: ignore[no-untyped-def]
        principal = principal_for_user(user)

        def run() -> None:
            found = selectors.case_get(principal, case.pk)
            selectors.case_view(principal, found)

        return run

    def queries(run) -> int:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as captured:
            run()
        return len(captured)

    results: dict[str, object] = {}
    for label, big, small in (
        ("list", desk(big_user), desk(small_user)),
        ("case", case_page(big_user, big_case), case_page(small_user, small_case)),
    ):
        q_big, q_small = queries(big), queries(small)
        assert q_big == q_small, f"{label}: {q_big} queries at {cases:,} cases, {q_small} at {SMALL}"
        measured, baseline = common.best_of(big), common.best_of(small)
        print(f"{label}: {q_big} queries at both sizes")
        results[label] = common.write_result(f"casework_{label}", measured, baseline, LIMIT)
    return results


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else CASES)
