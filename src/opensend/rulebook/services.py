"""Writes to the rule book's dated facts: an organisation's closure periods."""

import datetime as dt

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.core.errors import ApplicationError, NotFound

from .audit import RulebookAudit
from .models import ClosurePeriod
from .policies import closure_policy


@transaction.atomic
def closure_add(
    *, by: Principal, organisation: Organisation, starts_on: dt.date, ends_on: dt.date, description: str = ""
) -> ClosurePeriod:
    if not closure_policy.can(by, "edit", organisation):
        raise NotFound()
    if ends_on < starts_on:
        raise ApplicationError("The last closed day must be the same as or after the first", field="ends_on")
    if (ends_on - starts_on).days > 120:
        raise ApplicationError(
            "A closure can be at most 120 days: add each holiday separately", field="ends_on"
        )
    overlapping = ClosurePeriod.objects.filter(
        organisation=organisation, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if overlapping is not None:
        raise ApplicationError(
            f"This overlaps the closure from {overlapping.starts_on:%-d %B %Y} to "
            f"{overlapping.ends_on:%-d %B %Y}: change the dates or remove that one first",
            field="starts_on",
        )
    period = ClosurePeriod.objects.create(
        organisation=organisation, starts_on=starts_on, ends_on=ends_on, description=description
    )
    audit.record(
        by,
        RulebookAudit.CLOSURE_ADDED,
        obj=period,
        detail={"organisation_id": organisation.pk, "starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    return period


@transaction.atomic
def closure_remove(*, by: Principal, period: ClosurePeriod) -> None:
    if not closure_policy.can(by, "edit", period.organisation):
        raise NotFound()
    audit.record(
        by,
        RulebookAudit.CLOSURE_REMOVED,
        obj=period,
        detail={
            "organisation_id": period.organisation_id,
            "starts_on": str(period.starts_on),
            "ends_on": str(period.ends_on),
        },
    )
    period.delete()
