"""Checks the SEN support services share."""

import datetime as dt

from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.children.models import Child
from opensend.core.errors import ApplicationError, NotFound
from opensend.support.codes import BroadArea, NeedCode, Provision
from opensend.support.policies import register_policy


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def check_areas(areas: list[str], field: str = "areas") -> list[str]:
    if not areas:
        raise ApplicationError("Choose at least one area of need", field=field)
    unknown = [a for a in areas if a not in BroadArea.values]
    if unknown:
        raise ApplicationError(f"{', '.join(unknown)} is not an area of need", field=field)
    return [a for a in BroadArea.values if a in areas]


def check_need(code: str, *, provision: str, field: str, secondary: bool = False) -> None:
    if secondary and not code:
        return
    if not code:
        raise ApplicationError("Choose the child's primary need", field=field)
    if code not in NeedCode.values:
        raise ApplicationError(
            f"{code} is not a need type the school census knows. Use one of {', '.join(NeedCode.values)}",
            field=field,
        )
    if code == NeedCode.NSA and (secondary or provision != Provision.SEN_SUPPORT):
        raise ApplicationError(
            "NSA (no specialist assessment) can only be the primary need of a child on SEN support (K)",
            field=field,
        )


def check_at_setting(by: Principal, child: Child, setting: Organisation) -> None:
    if not register_policy.may_write_for(by, setting.pk) or child.current_setting_id != setting.pk:
        raise NotFound()
