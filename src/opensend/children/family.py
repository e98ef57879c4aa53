"""The one family rule: who holds parental responsibility for a child, or is the young person, on a day.

Every recipient list of a family email and every policy that shows a family a page asks this module,
so that the rule is written once (ADR 0110):

- a parent or carer whose link to the child is live on the day and records parental responsibility,
  while the child is under 18 (parental responsibility ends at 18: Children Act 1989 s.105(1));
- the young person's own account, from the day after compulsory school age ends (Children and
  Families Act 2014 s.83(2): a "young person" is over compulsory school age; Education Act 1996
  s.8(3): that age ends at the end of the school leaving date, the last Friday in June, of the school
  year in which they turn 16).

The same rule is offered from both sides: `family_of(child)` (people, for recipients and the child
policy's "which users" query) and `family_child_q(user)` (children, for policies' querysets). Both are
built from `pr_link_q` and `young_person_q`, and a test checks they agree.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from opensend.core import clock

if TYPE_CHECKING:
    from opensend.access.principal import Grant
    from opensend.accounts.models import User

    from .models import Child

# The school year starts in September for the purposes of the school leaving date (see ADR 0110).
SCHOOL_YEAR_STARTS_MONTH = 9
ADULT_AGE = 18


def last_friday_in_june(year: int) -> dt.date:
    """The school leaving date of `year` (Education (School Leaving Date) Order 1997)."""
    june_30 = dt.date(year, 6, 30)
    return june_30 - dt.timedelta(days=(june_30.weekday() - 4) % 7)


def compulsory_school_age_ends(date_of_birth: dt.date) -> dt.date:
    """The last day of compulsory school age: the school leaving date of the school year in which
    the child turns 16 (for a birthday in July or August, that date comes before the birthday)."""
    sixteenth_year = date_of_birth.year + 16
    if date_of_birth.month >= SCHOOL_YEAR_STARTS_MONTH:
        return last_friday_in_june(sixteenth_year + 1)
    return last_friday_in_june(sixteenth_year)


def young_person_from(date_of_birth: dt.date) -> dt.date:
    """The first day on which the child is a young person and their own account acts for them."""
    return compulsory_school_age_ends(date_of_birth) + dt.timedelta(days=1)


def parental_responsibility_until(date_of_birth: dt.date) -> dt.date:
    """The last day of parental responsibility: the day before the 18th birthday."""
    day = eighteenth_birthday(date_of_birth)
    return day - dt.timedelta(days=1)


def eighteenth_birthday(date_of_birth: dt.date) -> dt.date:
    """The 18th birthday (1 March in a common year for a 29 February birthday)."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + ADULT_AGE)
    except ValueError:
        return dt.date(date_of_birth.year + ADULT_AGE, 3, 1)


def young_person_born_by(on: dt.date) -> dt.date:
    """Children born on or before this date are young people on `on`.

    Compulsory school age ends on a school leaving date, so on `on` the young people are those whose
    leaving date has passed: everyone in a school year that left on the latest leaving date before
    `on`, or earlier, i.e. born on or before 31 August sixteen years before that leaving date.
    """
    latest = last_friday_in_june(on.year)
    if latest >= on:
        latest = last_friday_in_june(on.year - 1)
    return dt.date(latest.year - 16, SCHOOL_YEAR_STARTS_MONTH - 1, 31)


def adult_born_by(on: dt.date) -> dt.date:
    """Children born on or before this date are 18 or over on `on` (a 29 February birthday counts
    from 1 March in other years)."""
    try:
        return on.replace(year=on.year - ADULT_AGE)
    except ValueError:  # `on` is 29 February
        return dt.date(on.year - ADULT_AGE, 2, 28)


def pr_link_q(on: dt.date, prefix: str = "") -> Q:
    """A filter on FamilyLink (through `prefix`): a link that gives parental responsibility on `on`."""
    return (
        Q(**{f"{prefix}has_parental_responsibility": True, f"{prefix}valid_from__lte": on})
        & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on}))
        & Q(**{f"{prefix}child__date_of_birth__gt": adult_born_by(on)})
    )


def young_person_q(on: dt.date, prefix: str = "") -> Q:
    """A filter on Child (through `prefix`): a child whose own account acts for them on `on`."""
    return Q(
        **{
            f"{prefix}young_person_user__isnull": False,
            f"{prefix}date_of_birth__lte": young_person_born_by(on),
        }
    )


def family_of(child: "Child | int", *, on: dt.date | None = None) -> "QuerySet[User]":
    """The people who are this child's family on `on` (today by default): active accounts only.

    Two indexed look-ups (the child's links, the child's own account), then the accounts by id: an
    OR across the two joins would make the database scan every account.
    """
    from opensend.accounts.models import User

    from .models import Child, FamilyLink

    on = on or clock.today()
    child_id = child if isinstance(child, int) else child.pk
    ids = [
        *FamilyLink.objects.filter(pr_link_q(on), child_id=child_id).values_list("user_id", flat=True),
        *Child.objects.filter(young_person_q(on), pk=child_id).values_list("young_person_user_id", flat=True),
    ]
    return User.objects.filter(is_active=True, pk__in=ids)


def family_children(user: "User | None", *, on: dt.date | None = None) -> "QuerySet[Child]":
    """The children this person is family of on `on`: the same rule as `family_of`, from the other side."""
    from .models import Child, FamilyLink

    if user is None or not user.is_active:
        return Child.objects.none()
    on = on or clock.today()
    links = FamilyLink.objects.filter(pr_link_q(on), user=user).values("child_id")
    return Child.objects.filter(Q(pk__in=links) | (Q(young_person_user=user) & young_person_q(on)))


def family_child_q(user: "User | None", *, on: dt.date | None = None, prefix: str = "") -> Q:
    """A filter on a model that reaches Child through `prefix` ("" for Child, "child__", ...):
    rows about children this person is family of on `on`. Matches nothing for no user."""
    if user is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}pk__in": family_children(user, on=on).values("pk")})


def is_family(user: "User | None", child: "Child | int", *, on: dt.date | None = None) -> bool:
    if user is None:
        return False
    child_id = child if isinstance(child, int) else child.pk
    return family_children(user, on=on).filter(pk=child_id).exists()


def family_grants(user: "User", on: dt.date) -> list["Grant"]:
    """The family roles this person holds on the day, for their principal: parent or carer while a
    link with parental responsibility is live, young person once school age has ended. Family roles
    belong to no organisation (id 0 is never a row)."""
    from opensend.access.principal import Grant
    from opensend.accounts.roles import Role

    from .models import Child, FamilyLink

    grants = []
    if FamilyLink.objects.filter(pr_link_q(on), user=user).exists():
        grants.append(Grant(Role.PARENT_CARER, 0, "", "", None, None))
    if Child.objects.filter(young_person_q(on), young_person_user=user).exists():
        grants.append(Grant(Role.YOUNG_PERSON, 0, "", "", None, None))
    return grants
