"""Telling people about changes of access (ADR 0170).

Every change of a membership, a professional's grant to a child's record, or an API token is told
to the managers of the organisation it is at (`MANAGER_ROLES`), by an email that cannot be switched
off, written in the same transaction as the change. The person who made the change is not told
of it; when nobody else manages the organisation, the system administrators are told instead, so
that no change goes unseen.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import MANAGER_ROLES, Role
from opensend.core import clock


def managers_of(organisation_ids: Iterable[int]) -> list[User]:
    """Active people holding a manager role now at any of these organisations, in one query."""
    live = Membership.objects.live(clock.today()).filter(
        organisation_id__in=list(organisation_ids), role__in=MANAGER_ROLES
    )
    return list(User.objects.filter(is_active=True, memberships__in=live).distinct().order_by("id"))


def system_administrators() -> list[User]:
    live = Membership.objects.live(clock.today()).filter(role=Role.SYSTEM_ADMIN)
    return list(User.objects.filter(is_active=True, memberships__in=live).distinct().order_by("id"))


def tell_managers(
    *,
    by: Principal,
    organisation: Organisation,
    summary: str,
    link: str,
    also_organisations: Iterable[int] = (),
    also_people: Iterable[User] = (),
    exclude: Iterable[User] = (),
    admins_when_nobody_else: bool = True,
    when: dt.datetime | None = None,
) -> list[User]:
    """Email the managers of `organisation` (and of `also_organisations`) that `by` did `summary`.

    `exclude`: people told separately (the person given a role is told so in their own words)."""
    from opensend.notify.services import notify

    left_out = {by.user_id, *(u.pk for u in exclude)}
    people = {u.pk: u for u in managers_of([organisation.pk, *also_organisations])}
    people.update({u.pk: u for u in also_people if u.is_active})
    people = {pk: u for pk, u in people.items() if pk not in left_out}
    if not people and admins_when_nobody_else:
        people = {u.pk: u for u in system_administrators() if u.pk not in left_out}
    context = {
        "organisation_name": organisation.name,
        "summary": summary,
        "by_name": actor_name(by) or by.acting_as or "OpenSEND",
        "changed_on": timezone.localdate(when) if when else clock.today(),
    }
    for person in people.values():
        notify(to=person, kind="access.changed", context=context, link=link)
    return list(people.values())
