"""API tokens: made and revoked by an organisation's managers, audited and told to the others."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opensend.access import audit
from opensend.access.models import AuditAction
from opensend.access.principal import Principal
from opensend.accounts.models import ApiToken, Organisation
from opensend.accounts.roles import ROLE_ORGANISATION_KINDS, Role
from opensend.core.errors import ApplicationError, NotFound

from .privileges import tell_managers

# What a token may be allowed to do. Each app that adds API writes adds its scope here.
SCOPES: dict[str, str] = {
    "children:read": "Read children's records",
    "children:write": "Create and change children's records",
    "plans:transfer": "Send and receive EHC plans transferred between councils",
}


@transaction.atomic
def api_token_create(
    *, by: Principal, organisation: Organisation, name: str, role: str, scopes: list[str], days: int
) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret, which is never stored and never shown again."""
    from opensend.accounts.policies import api_token_policy, managed_organisation_ids

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
    if role in (Role.SYSTEM_ADMIN, Role.ORGANISATION_MANAGER):
        raise ApplicationError("API tokens cannot act as a system administrator or manager", field="role")
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
    tell_managers(
        by=by,
        organisation=organisation,
        summary=f"made the API token “{name}”, acting as {Role(role).label} ({', '.join(token.scopes)}), "
        f"until {token.expires_at:%-d %B %Y}",
        link=reverse("accounts:api-tokens"),
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, by: Principal, token: ApiToken) -> None:
    from opensend.accounts.policies import api_token_policy

    if not api_token_policy.can(by, "revoke", token):
        raise NotFound()
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at", "updated_at"])
        audit.record(by, AuditAction.TOKEN_REVOKED, obj=locked)
        tell_managers(
            by=by,
            organisation=token.organisation,
            summary=f"revoked the API token “{locked.name}”",
            link=reverse("accounts:api-tokens"),
        )


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
