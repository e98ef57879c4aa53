"""Start-up checks: a Notify backend without its key or templates would fail every email silently."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.utils.module_loading import import_string

from .backends import BACKENDS


@register()
def notify_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    name = getattr(settings, "NOTIFY_BACKEND", "") or "email"
    if name not in BACKENDS:
        try:
            import_string(name)
        except ImportError:
            errors.append(
                Error(
                    f"NOTIFY_BACKEND {name!r} is not one of {sorted(BACKENDS)} or an importable class",
                    id="notify.E001",
                )
            )
    if name == "govuk_notify":
        if not getattr(settings, "NOTIFY_API_KEY", ""):
            errors.append(
                Error("NOTIFY_BACKEND is govuk_notify but NOTIFY_API_KEY is not set", id="notify.E002")
            )
        ids = getattr(settings, "NOTIFY_TEMPLATE_IDS", {}) or {}
        if not ids.get("default"):
            from .registry import kinds

            missing = [k.id for k in kinds() if not ids.get(k.id)]
            if missing:
                errors.append(
                    Error(
                        "NOTIFY_TEMPLATE_IDS has no 'default' template and none for: " + ", ".join(missing),
                        id="notify.E003",
                    )
                )
    return errors
