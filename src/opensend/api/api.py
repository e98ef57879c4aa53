"""The /api/v1 assembly: every app's router, one auth scheme, one error shape, one OpenAPI document."""

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Schema

from opensend.access.policy import signed_in
from opensend.access.principal import Principal
from opensend.accounts.roles import Role
from opensend.advice.api import router as advice_router
from opensend.casework.api import router as casework_router
from opensend.children.api import router as children_router
from opensend.notices.api import router as notices_router
from opensend.notify.api import router as notify_router
from opensend.panels.api import router as panels_router
from opensend.plans.api import router as plans_router
from opensend.rulebook.api import router as rulebook_router
from opensend.support.api import router as support_router
from opensend.targeted.api import router as targeted_router

from . import errors
from .auth import AUTH

api = NinjaAPI(
    title="OpenSEND API",
    version="1.0.0",
    description=(
        "The OpenSEND API. Authenticate with the browser session (staff need two-factor authentication) "
        "or a scoped API token sent as `Authorization: Bearer <token>`. Errors always have the shape "
        '`{"error": {"code": ..., "message": ..., "fields": {...}}}`. Missing and forbidden records both '
        "return 404."
    ),
    urls_namespace="api",
    auth=AUTH,
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

me_router = Router(tags=["accounts"])


class GrantOut(Schema):
    role: str
    role_label: str
    organisation_id: int | None
    organisation_name: str


class MeOut(Schema):
    kind: str
    email: str | None
    full_name: str | None
    token_name: str | None
    scopes: list[str] | None
    grants: list[GrantOut]


@me_router.get("/me", response=MeOut, summary="Who am I")
@signed_in
def me(request: HttpRequest) -> MeOut:
    principal: Principal = request.auth  # type: ignore[attr-defined]
    return MeOut(
        kind="token" if principal.token is not None else "user",
        email=principal.user.email if principal.user else None,
        full_name=principal.user.full_name if principal.user else None,
        token_name=principal.token.name if principal.token else None,
        scopes=sorted(principal.scopes) if principal.scopes is not None else None,
        grants=[
            GrantOut(
                role=g.role,
                role_label=Role(g.role).label,
                organisation_id=g.organisation_id or None,
                organisation_name=g.organisation_name,
            )
            for g in principal.grants
        ],
    )


api.add_router("/", me_router)
api.add_router("/children", children_router)
api.add_router("/rulebook", rulebook_router)
api.add_router("/support", support_router)
api.add_router("/targeted", targeted_router)
api.add_router("/casework", casework_router)
api.add_router("/panels", panels_router)
api.add_router("/advice", advice_router)
api.add_router("/plans", plans_router)
api.add_router("/notifications", notify_router)
api.add_router("/notices", notices_router)
