"""Writing the audit trail. Called by services (writes) and selectors (reads of a child's data)."""

from collections.abc import Iterable
from typing import Any

from django.db import models

from opensend.access.principal import Principal
from opensend.core import request_context

from .actions import is_registered
from .models import AuditAction, AuditEvent


def actor_name(principal: Principal) -> str:
    """The name a record shows for who did something: the person, or the API token's name."""
    if principal.user is not None:
        return principal.user.full_name
    return principal.token.name if principal.token is not None else ""


def _base(principal: Principal, action: str) -> dict[str, Any]:
    if not is_registered(action):
        raise ValueError(f"Unregistered audit action {action!r}: register it with access.actions.register")
    ctx = request_context.current()
    if principal.user is not None:
        label = f"{principal.user.full_name} <{principal.user.email}>"
    elif principal.token is not None:
        label = f"API token {principal.token.name} ({principal.token.key_id})"
    else:
        label = principal.acting_as or "anonymous"
    return {
        "actor_id": principal.user_id,
        "actor_label": label,
        "api_token_id": principal.token.pk if principal.token is not None else None,
        "organisation_id": principal.organisation_id,
        "action": action,
        "request_id": ctx.request_id if ctx else "",
        "ip_address": ctx.ip_address if ctx else None,
    }


def record(
    principal: Principal,
    action: AuditAction | str,
    *,
    child_id: int | None = None,
    obj: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        **_base(principal, str(action)),
        child_id=child_id,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail or {},
    )


def record_reads(principal: Principal, action: AuditAction | str, child_ids: Iterable[int]) -> None:
    """One row per child read, in one INSERT, for lists and API pages."""
    base = _base(principal, str(action))
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(**base, child_id=cid, object_type="children.child", object_id=str(cid))
            for cid in child_ids
        ]
    )


def page_of_reads(
    principal: Principal, qs: "models.QuerySet[Any]", action: AuditAction | str, page: int, per_page: int = 25
) -> Any:
    """One page of rows that each belong to a child (`child_id`), with one read row per child shown."""
    from django.core.paginator import Paginator

    result = Paginator(qs, per_page).get_page(page)
    record_reads(principal, action, [row.child_id for row in result.object_list])
    return result
