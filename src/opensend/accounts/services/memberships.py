"""Giving, changing and ending memberships: the only way anyone gets or loses a staff role (ADR 0170).

Each change is checked against `membership_policy`, refused when it is the person's own (nobody
gives themselves a role), audited in the same transaction, and told to the organisation's managers.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.audit import AccountsAudit
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.policies import membership_policy
from opensend.accounts.roles import OrganisationKind, Role
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound

from .privileges import tell_managers

NOT_YOURSELF = "You cannot give yourself a role. Ask another manager of this organisation to do it"


def _people_page(organisation: Organisation) -> str:
    return reverse("accounts:people", args=[organisation.pk])


def _label(role: str) -> str:
    return str(Role(role).label)


def _period(valid_from: dt.date, valid_to: dt.date | None) -> str:
    start = f"from {valid_from:%-d %B %Y}"
    return f"{start} until {valid_to:%-d %B %Y}" if valid_to else start


def _account_for(*, email: str, full_name: str, by: Principal) -> tuple[User, bool]:
    """The account with this email, or a new one with no password (its owner sets one by reset)."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is not None:
        if not user.is_active:
            raise ApplicationError(
                "The account with this email address is closed. Ask a system administrator to reopen it",
                field="email",
            )
        return user, False
    if not full_name.strip():
        raise ApplicationError("Enter the person's full name", field="full_name")
    user = User.objects.create_user(email, password=None, full_name=full_name.strip())
    audit.record(by, AccountsAudit.ACCOUNT_CREATED, obj=user)
    return user, True


def _sync_admin_flags(user: User) -> None:
    """The Django admin opens only for system administrators; its flags follow that membership (one
    that has not ended or expired: a future one too, since the admin also checks it is live)."""
    is_admin = (
        Membership.objects.filter(user=user, role=Role.SYSTEM_ADMIN, ended_at__isnull=True)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=clock.today()))
        .exists()
    )
    if user.is_staff != is_admin or user.is_superuser != is_admin:
        User.objects.filter(pk=user.pk).update(is_staff=is_admin, is_superuser=is_admin)


def _overlapping(valid_from: dt.date, valid_to: dt.date | None) -> Q:
    """Memberships whose period meets [valid_from, valid_to]."""
    q = Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    if valid_to is not None:
        q &= Q(valid_from__lte=valid_to)
    return q


@transaction.atomic
def membership_grant(
    *,
    by: Principal,
    organisation: Organisation,
    email: str,
    full_name: str = "",
    role: str,
    reason: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Membership:
    """Give a person a role at an organisation, making their account if they have none."""
    from opensend.notify.services import notify

    if not membership_policy.can(by, "grant", organisation):
        raise NotFound()
    if role not in membership_policy.grantable_roles(by, organisation):
        raise ApplicationError("Choose a role you can give at this organisation", field="role")
    if not reason.strip():
        raise ApplicationError("Say why this person needs the role", field="reason")
    today = clock.today()
    valid_from = valid_from or today
    if valid_from < today:
        raise ApplicationError("The start date must be today or in the future", field="valid_from")
    if valid_to is not None and valid_to < valid_from:
        raise ApplicationError("The end date must be on or after the start date", field="valid_to")
    if by.user is not None and by.user.email == email.strip().lower():
        raise ApplicationError(NOT_YOURSELF, field="email")
    user, new_account = _account_for(email=email, full_name=full_name, by=by)
    if user.pk == by.user_id:
        raise ApplicationError(NOT_YOURSELF, field="email")
    overlapping = Membership.objects.filter(
        user=user, organisation=organisation, role=role, ended_at__isnull=True
    )
    if overlapping.filter(_overlapping(valid_from, valid_to)).exists():
        raise ApplicationError(
            f"{user.full_name} already has this role at {organisation.name}", field="email"
        )
    membership = Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=by.user,
    )
    _sync_admin_flags(user)
    audit.record(
        by,
        AccountsAudit.MEMBERSHIP_GRANTED,
        obj=membership,
        detail={
            "user_id": user.pk,
            "organisation_id": organisation.pk,
            "role": role,
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat() if valid_to else None,
            "reason": reason.strip(),
        },
    )
    tell_managers(
        by=by,
        organisation=organisation,
        summary=f"gave {user.full_name} ({user.email}) the role {_label(role)}, "
        f"{_period(valid_from, valid_to)}",
        link=_people_page(organisation),
        exclude=[user],
    )
    notify(
        to=user,
        kind="access.role_given",
        context={
            "organisation_name": organisation.name,
            "role": _label(role),
            "by_name": audit.actor_name(by),
            "new_account": new_account,
        },
        link=reverse("accounts:password-reset") if new_account else reverse("accounts:sign-in"),
    )
    return membership


def _locked(membership: Membership) -> Membership:
    locked = (
        Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    )
    if locked.ended_at is not None:
        raise ApplicationError("This role has already been ended")
    return locked


@transaction.atomic
def membership_change(*, by: Principal, membership: Membership, valid_to: dt.date | None) -> Membership:
    """Change when a role ends (or make it open-ended). Not one's own: that would be self-granting."""
    if not membership_policy.can(by, "change", membership):
        raise NotFound()
    locked = _locked(membership)
    if locked.user_id == by.user_id:
        raise ApplicationError("You cannot change your own role. Ask another manager", field="valid_to")
    if valid_to is not None and valid_to < max(locked.valid_from, clock.today()):
        raise ApplicationError(
            "The end date must be today or later, and not before the role starts", field="valid_to"
        )
    old = locked.valid_to
    if old == valid_to:
        return locked
    locked.valid_to = valid_to
    locked.save(update_fields=["valid_to", "updated_at"])
    _sync_admin_flags(locked.user)
    audit.record(
        by,
        AccountsAudit.MEMBERSHIP_CHANGED,
        obj=locked,
        detail={
            "user_id": locked.user_id,
            "valid_to": {
                "old": old.isoformat() if old else None,
                "new": valid_to.isoformat() if valid_to else None,
            },
        },
    )
    ends = f"{valid_to:%-d %B %Y}" if valid_to else "no end date"
    tell_managers(
        by=by,
        organisation=locked.organisation,
        summary=f"changed when {locked.user.full_name}'s role {_label(locked.role)} ends, to {ends}",
        link=_people_page(locked.organisation),
    )
    return locked


@transaction.atomic
def membership_end(*, by: Principal, membership: Membership, reason: str = "") -> Membership:
    """End a role now. People may end their own (to step down); managers end others'."""
    own = membership.user_id == by.user_id
    if not own and not membership_policy.can(by, "end", membership):
        raise NotFound()
    locked = _locked(membership)
    was_manager = [locked.user] if locked.role in {Role.LA_SEND_MANAGER, Role.ORGANISATION_MANAGER} else []
    locked.ended_at = timezone.now()
    locked.save(update_fields=["ended_at", "updated_at"])
    _sync_admin_flags(locked.user)
    audit.record(
        by,
        AccountsAudit.MEMBERSHIP_ENDED,
        obj=locked,
        detail={"user_id": locked.user_id, "role": locked.role, "reason": reason.strip()},
    )
    who = "their own" if own else f"{locked.user.full_name}'s"
    tell_managers(
        by=by,
        organisation=locked.organisation,
        summary=f"ended {who} role {_label(locked.role)}",
        link=_people_page(locked.organisation),
        also_people=[] if own else was_manager,
    )
    return locked


@transaction.atomic
def system_admin_bootstrap(
    *, email: str, full_name: str, organisation: Organisation, reason: str, operator: str
) -> Membership:
    """Make a system administrator from the command line: the first one of a new installation, or
    one more when none can sign in. Whoever runs it can already reach the database; what this adds
    is the audit row and the email to the system administrators already there."""
    from opensend.access.principal import Principal

    if organisation.kind != OrganisationKind.NATIONAL_BODY:
        raise ApplicationError("A system administrator belongs to a national body", field="organisation")
    if not reason.strip():
        raise ApplicationError("Say why this person needs to be a system administrator", field="reason")
    by = Principal(user=None, token=None, grants=(), acting_as=f"Command line ({operator})")
    user, _ = _account_for(email=email, full_name=full_name, by=by)
    if Membership.objects.live(clock.today()).filter(user=user, role=Role.SYSTEM_ADMIN).exists():
        raise ApplicationError(f"{user.email} is already a system administrator", field="email")
    membership = Membership.objects.create(user=user, organisation=organisation, role=Role.SYSTEM_ADMIN)
    _sync_admin_flags(user)
    audit.record(
        by,
        AccountsAudit.MEMBERSHIP_GRANTED,
        obj=membership,
        detail={
            "user_id": user.pk,
            "organisation_id": organisation.pk,
            "role": Role.SYSTEM_ADMIN,
            "reason": reason,
        },
    )
    tell_managers(
        by=by,
        organisation=organisation,
        summary=f"made {user.full_name} ({user.email}) a system administrator from the command line",
        link=_people_page(organisation),
        exclude=[user],
    )
    return membership
