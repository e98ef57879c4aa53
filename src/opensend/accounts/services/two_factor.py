"""Two-factor enrolment and removal: security codes from an authenticator app (TOTP)."""

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.access import audit
from opensend.access.models import AuditAction
from opensend.access.principal import Principal, principal_for_user
from opensend.accounts.audit import AccountsAudit
from opensend.accounts.models import User
from opensend.accounts.roles import Role
from opensend.core.errors import ApplicationError, NotFound


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed device, made once so the QR code stays the same across reloads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, token: str) -> None:
    if not device.verify_token(token.strip()):
        raise ApplicationError(
            "That security code did not work. Check your phone's clock is right, then enter the newest code",
            field="token",
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    audit.record(principal_for_user(user), AuditAction.TWO_FACTOR_ENROLLED, obj=user)


def two_factor_required(principal: Principal, user: User) -> bool:
    """Staff always; families when the setting says so (ADR 0171)."""
    return principal.is_staff_user or user.is_staff or settings.FAMILY_TWO_FACTOR_REQUIRED


@transaction.atomic
def two_factor_remove(*, by: Principal) -> None:
    """A family member turns security codes off for their own account, when they are not required."""
    user = by.user
    if user is None:
        raise NotFound()
    if two_factor_required(by, user):
        raise ApplicationError("You need security codes to use your account, so they cannot be turned off")
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        audit.record(by, AccountsAudit.TWO_FACTOR_REMOVED, obj=user)


@transaction.atomic
def two_factor_reset(*, by: Principal, user: User) -> None:
    """A system administrator removes someone's devices (a lost phone): they enrol again at next sign-in.

    Not for themselves, so that nobody can swap their own second factor without it."""
    if by.user is None or not by.has_role(Role.SYSTEM_ADMIN) or by.user.pk == user.pk:
        raise NotFound()
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    audit.record(by, AccountsAudit.TWO_FACTOR_RESET, obj=user, detail={"devices": deleted})
