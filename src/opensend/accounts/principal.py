"""Who is asking: a signed-in person or a system with an API token, and the roles they hold now.

Built once per request, so that policies ask the database for memberships only once.
"""

import dataclasses
from typing import TYPE_CHECKING

from opensend.core import clock

from .roles import FAMILY_ROLES, STAFF_ROLES, Role

if TYPE_CHECKING:
    from .models import ApiToken, User


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


def principal_for_user(user: "User") -> Principal:
    from opensend.children import family
    from opensend.children.models import Child, FamilyLink

    from .models import Membership

    if not user.is_active:
        return ANONYMOUS
    today = clock.today()
    grants: list[Grant] = []
    for m in Membership.objects.live(today).filter(user=user).select_related("organisation").order_by("id"):
        org = m.organisation
        la_id = org.pk if org.kind == "local_authority" else org.local_authority_id
        grants.append(Grant(m.role, org.pk, org.name, org.kind, la_id, org.region_id))
    # Family roles, by the family rule (ADR 0110): parental responsibility today, or a young person's
    # own account once compulsory school age has ended (no organisation: id 0 is never a row).
    if FamilyLink.objects.filter(family.pr_link_q(today), user=user).exists():
        grants.append(Grant(Role.PARENT_CARER, 0, "", "", None, None))
    if Child.objects.filter(family.young_person_q(today), young_person_user=user).exists():
        grants.append(Grant(Role.YOUNG_PERSON, 0, "", "", None, None))
    return Principal(user=user, token=None, grants=tuple(grants))


def principal_for_token(token: "ApiToken") -> Principal:
    org = token.organisation
    la_id = org.pk if org.kind == "local_authority" else org.local_authority_id
    grant = Grant(token.role, org.pk, org.name, org.kind, la_id, org.region_id)
    return Principal(user=None, token=token, grants=(grant,), scopes=frozenset(token.scopes))
