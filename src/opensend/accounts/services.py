"""Writes for accounts: sign-in bookkeeping, two-factor enrolment, API tokens."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.access import audit
from opensend.access.models import AuditAction
from opensend.core.errors import ApplicationError, NotFound

from .models import ApiToken, Organisation, User
from .principal import Principal, principal_for_user
from .roles import ROLE_ORGANISATION_KINDS, Role

# What a token may be allowed to do. Each app that adds API writes adds its scope here.
SCOPES: dict[str, str] = {
    "children:read": "Read children's records",
    "children:write": "Create and change children's records",
    "plans:transfer": "Send and receive EHC plans transferred between councils",
}


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


@transaction.atomic
def api_token_create(
    *, by: Principal, organisation: Organisation, name: str, role: str, scopes: list[str], days: int
) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret, which is never stored and never shown again."""
    from .policies import api_token_policy, managed_organisation_ids

    if not api_token_policy.can(by, "create") or organisation.pk not in managed_organisation_ids(by):
        raise NotFound()
    unknown = sorted(set(scopes) - set(SCOPES))
    if not scopes or unknown:
        raise ApplicationError(
            "Choose what the token may do from the list"
            + (f" ({', '.join(unknown)} is not known)" if unknown else ""),
            field="scopes",
        )
    if role not in ROLE_ORGANISATION_KINDS or organisation.kind not in ROLE_ORGANISATION_KINDS[role]:
        raise ApplicationError("Choose a role that belongs to this organisation", field="role")
    if role == Role.SYSTEM_ADMIN:
        raise ApplicationError("API tokens cannot act as a system administrator", field="role")
    if not 1 <= days <= 365:
        raise ApplicationError("A token must expire within 1 to 365 days", field="days")
    key_id, secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        name=name,
        organisation=organisation,
        role=role,
        scopes=sorted(set(scopes)),
        key_id=key_id,
        key_hash=ApiToken.hash_secret(secret),
        created_by=by.user,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(by, AuditAction.TOKEN_CREATED, obj=token, detail={"scopes": token.scopes, "role": role})
    return token, secret


@transaction.atomic
def api_token_revoke(*, by: Principal, token: ApiToken) -> None:
    from .policies import api_token_policy

    if not api_token_policy.can(by, "revoke", token):
        raise NotFound()
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at", "updated_at"])
        audit.record(by, AuditAction.TOKEN_REVOKED, obj=locked)


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The live token for this secret, or None. Expired and revoked tokens are refused."""
    if not secret.startswith(ApiToken.PREFIX):
        return None
    key_id = secret[len(ApiToken.PREFIX) :].split("_", 1)[0]
    token = ApiToken.objects.select_related("organisation").filter(key_id=key_id).first()
    if token is None:
        return None
    import hmac

    if not hmac.compare_digest(token.key_hash, ApiToken.hash_secret(secret)) or not token.is_live:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
