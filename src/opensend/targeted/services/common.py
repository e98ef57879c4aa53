"""Checks the targeted help services share."""

import datetime as dt

from opensend.core.errors import ApplicationError, Conflict
from opensend.targeted.models import APPlacement, OutreachRequest


def long_date(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def required(value: str, message: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field=field)
    return value


def check_version(obj: OutreachRequest | APPlacement, expected_version: int | None) -> None:
    if expected_version is not None and obj.version != expected_version:
        raise Conflict(
            "Someone else changed this record while you were looking at it. Nothing has been saved: "
            "check the record as it is now, then try again",
            extra={"current_version": obj.version},
        )
