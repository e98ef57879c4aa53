"""Who is asking: a signed-in person or a system with an API token, and the roles they hold now.

Built once per request, so that policies ask the database for memberships only once.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from opensend.accounts.roles import FAMILY_ROLES, STAFF_ROLES
from opensend.core import clock

if TYPE_CHECKING:
    from opensend.accounts.models import ApiToken, User


@dataclasses.dataclass(frozen=True)
class Grant:
    role: str
    organisation_id: int
    organisation_name: str
    organisation_kind: str
    # For an LA this is the LA itself; for a setting or team, the LA whose area it is in.
    local_authority_id: int | None
    region_id: int | None


@dataclasses.dataclass(frozen=True)
class Principal:
    user: "User | None"
    token: "ApiToken | None"
    grants: tuple[Grant, ...]
    scopes: frozenset[str] | None = None  # None: a person, limited only by policy
    # For work nobody signed in does (a scheduled task): the name the audit trail shows.
    acting_as: str = ""

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None or self.token is not None

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def has_role(self, *roles: str) -> bool:
        return any(g.role in roles for g in self.grants)

    def grants_for(self, *roles: str) -> list[Grant]:
        return [g for g in self.grants if g.role in roles]

    @property
    def is_staff_user(self) -> bool:
        """Staff must use two-factor authentication."""
        return any(g.role in STAFF_ROLES for g in self.grants)

    @property
    def organisation_id(self) -> int | None:
        """The organisation recorded against what this principal does (its first staff grant)."""
        for g in self.grants:
            if g.role not in FAMILY_ROLES:
                return g.organisation_id
        return None

    def allows_scope(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes


ANONYMOUS = Principal(user=None, token=None, grants=())


# Grants that come from a relationship to a child rather than a membership (parent or carer, young
# person), found by the children app's family rule, which registers itself here when Django starts:
# the principal sits below the domain and asks, never imports it (ADR 0110, 0132).
GrantSource = Callable[["User", dt.date], Iterable[Grant]]
_FAMILY_GRANTS: list[GrantSource] = []


def register_family_grants(source: GrantSource) -> None:
    _FAMILY_GRANTS[:] = [source]


def principal_for_user(user: "User") -> Principal:
    from opensend.accounts.models import Membership

    if not user.is_active:
        return ANONYMOUS
    today = clock.today()
    grants: list[Grant] = []
    for m in Membership.objects.live(today).filter(user=user).select_related("organisation").order_by("id"):
        org = m.organisation
        la_id = org.pk if org.kind == "local_authority" else org.local_authority_id
        grants.append(Grant(m.role, org.pk, org.name, org.kind, la_id, org.region_id))
    if not _FAMILY_GRANTS:
        raise ImproperlyConfigured("No family grant source: the children app registers it in ready()")
    grants.extend(_FAMILY_GRANTS[0](user, today))
    return Principal(user=user, token=None, grants=tuple(grants))


def principal_for_token(token: "ApiToken") -> Principal:
    org = token.organisation
    la_id = org.pk if org.kind == "local_authority" else org.local_authority_id
    grant = Grant(token.role, org.pk, org.name, org.kind, la_id, org.region_id)
    return Principal(user=None, token=token, grants=(grant,), scopes=frozenset(token.scopes))
