"""Error tracking with Sentry (sentry-sdk) when SENTRY_DSN is set, with personal data scrubbed.

What leaves the service is the error's type, message and stack (without local variables), the
request's method and path with the query string removed, the request id and the user's id. Never
cookies, headers, bodies, query strings, SQL parameters, names or email addresses.
"""

from typing import Any

_KEEP_REQUEST_KEYS = ("method", "url")


def scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        kept = {k: request[k] for k in _KEEP_REQUEST_KEYS if k in request}
        if "url" in kept:
            kept["url"] = str(kept["url"]).split("?", 1)[0]
        event["request"] = kept
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for crumb in (event.get("breadcrumbs") or {}).get("values", []) or []:
        if isinstance(crumb, dict):
            crumb.pop("data", None)
    for key in ("extra", "server_name"):
        event.pop(key, None)
    return event


def init_sentry(*, dsn: str, environment: str, release: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=scrub,  # type: ignore[arg-type]
        before_send_transaction=scrub,  # type: ignore[arg-type]
    )
