"""The registry of audit action names and their plain-English labels.

Each app declares its actions as a `TextChoices` class and registers it (in its AppConfig.ready),
so the audit table needs no migration when an app adds an action, and an unregistered name is
caught by `access.audit.record`.
"""

from django.db import models

_LABELS: dict[str, str] = {}


def register(actions: type[models.TextChoices]) -> None:
    for value, text in actions.choices:
        _LABELS[str(value)] = str(text)


def is_registered(action: str) -> bool:
    return action in _LABELS


def label(action: str) -> str:
    return _LABELS.get(action, action)
