"""The LA's SEN support view: its first page over 40,000 children on SEN support, against 400.

Two synthetic LAs are built in one test database (bulk_create): one with 40,000 children on its
settings' SEN registers, one with 400. The measured time is the selector that serves the page
(`support.selectors.la_view_page`, first page of 25, with its audit INSERT) for the large LA; the
baseline is the same call for the small LA, in the same run. Limit: 2 times the baseline.

Run: .venv/bin/python bench/bench_support.py [children]
"""

import datetime as dt
import os
import random
import sys

import common  # puts src/ on the path; keep it first

NAME = "support_la_view"
LIMIT = 2.0
CHILDREN = 40_000
SMALL = 400
SETTINGS_PER_LA = 100
NEEDS = ("SLCN", "SEMH", "SPLD", "MLD", "ASD", "NSA", "DS", "OTH")


def build(la_name: str, children: int, rng: random.Random):  # type: ignore[no-untyped-def]
    from opensend.access.principal import principal_for_user
    from opensend.accounts.models import Membership, Organisation, User
    from opensend.children.models import Child
    from opensend.support.models import RegisterEntry

    la = Organisation.objects.create(kind="local_authority", name=la_name)
    settings = Organisation.objects.bulk_create(
        Organisation(kind="education_setting", name=f"{la_name} school {i}", local_authority=la)
        for i in range(SETTINGS_PER_LA)
    )
    rows = Child.objects.bulk_create(
        (
            Child(
                first_name=f"Child{i}",
                last_name=f"Family{rng.randrange(10_000)}",
                date_of_birth=dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(3000)),
                sex="F" if i % 2 else "M",
                responsible_la=la,
                current_setting=settings[i % SETTINGS_PER_LA],
            )
            for i in range(children)
        ),
        batch_size=2000,
    )
    RegisterEntry.objects.bulk_create(
        (
            RegisterEntry(
                child=child,
                setting_id=child.current_setting_id,
                provision="K",  # SEN support: NSA is allowed only here
                primary_need=rng.choice(NEEDS),
                starts_on=dt.date(2020, 9, 1) + dt.timedelta(days=rng.randrange(1900)),
            )
            for child in rows
        ),
        batch_size=2000,
    )
    user = User.objects.create_user(f"caseworker@{la_name.lower().replace(' ', '-')}.test", full_name="Bench")
    Membership.objects.create(
        user=user, organisation=la, role="la_caseworker", valid_from=dt.date(2020, 1, 1)
    )
    return principal_for_user(user)


def main(children: int = CHILDREN) -> dict[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.config.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from opensend.support.selectors import LaViewFilters, la_view_page

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rng = random.Random(2026)
        large = build("Large Borough", children, rng)
        small = build("Small Borough", SMALL, rng)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{children:,} children on SEN support against {SMALL:,} ({connection.vendor})")

        def page_of(principal):  # type: ignore[no-untyped-def]
            return lambda: [e.child.last_name for e in la_view_page(principal, LaViewFilters()).object_list]

        for principal in (large, small):  # warm caches and check both pages are full
            assert len(page_of(principal)()) == 25
        measured = common.best_of(page_of(large), repeat=7)
        baseline = common.best_of(page_of(small), repeat=7)
        return common.write_result(NAME, measured, baseline, LIMIT)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else CHILDREN)
