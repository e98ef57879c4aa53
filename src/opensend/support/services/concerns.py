"""Early identification: a concern or screening, and moving a child from it to SEN support."""

import datetime as dt

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.support.audit import SupportAudit
from opensend.support.codes import ConcernKind, ConcernStatus, Provision
from opensend.support.models import Concern, RegisterEntry
from opensend.support.policies import concern_policy

from .common import check_areas, check_at_setting
from .register import register_entry_add


@transaction.atomic
def concern_record(
    *,
    by: Principal,
    child: Child,
    setting: Organisation,
    kind: str,
    observed_on: dt.date,
    areas: list[str],
    summary: str,
    raised_by: str,
) -> Concern:
    if not concern_policy.can(by, "create"):
        raise NotFound()
    check_at_setting(by, child, setting)
    if kind not in ConcernKind.values:
        raise ApplicationError("Choose what kind of concern or check this is", field="kind")
    if observed_on > clock.today():
        raise ApplicationError("The date must be today or in the past", field="observed_on")
    areas = check_areas(areas)
    if not summary.strip():
        raise ApplicationError("Describe what was noticed", field="summary")
    concern = Concern.objects.create(
        child=child,
        setting=setting,
        kind=kind,
        observed_on=observed_on,
        areas=areas,
        summary=summary.strip(),
        raised_by=raised_by.strip(),
        recorded_by=by.user,
    )
    timeline_append(
        child=child,
        kind="support.concern_recorded",
        title=f"{ConcernKind(kind).label} recorded by {setting.name}",
        by=by,
        visible_to_family=False,
    )
    audit.record(by, SupportAudit.CONCERN_RECORDED, child_id=child.pk, obj=concern)
    return concern


@transaction.atomic
def concern_escalate(
    *, by: Principal, concern_id: int, primary_need: str, secondary_need: str = "", starts_on: dt.date
) -> RegisterEntry:
    """Move a concern to SEN support: open a register entry (K) and tell the family."""
    concern = (
        Concern.objects.select_for_update().select_related("child", "setting").filter(pk=concern_id).first()
    )
    if concern is None or not concern_policy.can(by, "escalate", concern):
        raise NotFound()
    if concern.status != ConcernStatus.OPEN:
        raise ApplicationError("This concern has already been dealt with")
    entry = register_entry_add(
        by=by,
        child=concern.child,
        setting=concern.setting,
        provision=Provision.SEN_SUPPORT,
        primary_need=primary_need,
        secondary_need=secondary_need,
        starts_on=starts_on,
        tell_family=True,
    )
    concern.status = ConcernStatus.ESCALATED
    concern.register_entry = entry
    concern.save(update_fields=["status", "register_entry", "updated_at"])
    audit.record(by, SupportAudit.CONCERN_ESCALATED, child_id=concern.child_id, obj=concern)
    return entry
