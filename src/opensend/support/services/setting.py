"""A setting's SENCo, and an LA's local ordinarily available provision."""

import datetime as dt

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.support import oap
from opensend.support.audit import SupportAudit
from opensend.support.codes import BroadArea, SencoQualification
from opensend.support.models import LocalProvisionItem, SencoRecord
from opensend.support.policies import local_provision_policy, setting_policy


@transaction.atomic
def senco_record_set(
    *, by: Principal, setting: Organisation, name: str, qualification: str, achieved_on: dt.date | None
) -> SencoRecord:
    if not setting_policy.can(by, "edit", setting):
        raise NotFound()
    if not name.strip():
        raise ApplicationError("Enter the SENCo's name", field="name")
    if qualification not in SencoQualification.values:
        raise ApplicationError("Choose the SENCo's qualification", field="qualification")
    if qualification == SencoQualification.NONE_YET:
        achieved_on = None
    elif achieved_on is None:
        raise ApplicationError("Enter the date the qualification was achieved", field="achieved_on")
    elif achieved_on > clock.today():
        raise ApplicationError("The date achieved must be today or in the past", field="achieved_on")
    SencoRecord.objects.select_for_update().filter(setting=setting, current=True).update(current=False)
    record = SencoRecord.objects.create(
        setting=setting,
        user=by.user if by.user and by.user.full_name == name.strip() else None,
        name=name.strip(),
        qualification=qualification,
        achieved_on=achieved_on,
        recorded_by=by.user,
    )
    audit.record(by, SupportAudit.SENCO_RECORDED, obj=record)
    return record


@transaction.atomic
def local_provision_add(
    *, by: Principal, local_authority: Organisation, area: str, title: str, description: str = ""
) -> LocalProvisionItem:
    if not local_provision_policy.can(by, "add") or local_authority.pk not in {
        g.organisation_id for g in by.grants_for("la_send_manager")
    }:
        raise NotFound()
    if area not in BroadArea.values and area != oap.ALL_AREAS:
        raise ApplicationError("Choose an area of need", field="area")
    if not title.strip():
        raise ApplicationError("Enter what is provided", field="title")
    item = LocalProvisionItem.objects.create(
        local_authority=local_authority, area=area, title=title.strip(), description=description.strip()
    )
    audit.record(by, SupportAudit.LOCAL_OAP_ADDED, obj=item)
    return item
