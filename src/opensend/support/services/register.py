"""The SEN register: adding a child (and telling the family) and ending an entry."""

import datetime as dt

from django.db import IntegrityError, transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.support.audit import SupportAudit
from opensend.support.codes import Provision
from opensend.support.models import RegisterEntry
from opensend.support.policies import register_policy

from .common import check_at_setting, check_need, long_date


@transaction.atomic
def register_entry_add(
    *,
    by: Principal,
    child: Child,
    setting: Organisation,
    provision: str,
    primary_need: str,
    secondary_need: str = "",
    starts_on: dt.date,
    tell_family: bool = True,
) -> RegisterEntry:
    if not register_policy.can(by, "create"):
        raise NotFound()
    check_at_setting(by, child, setting)
    if provision not in Provision.values:
        raise ApplicationError("Choose SEN support (K) or EHC plan (E)", field="provision")
    check_need(primary_need, provision=provision, field="primary_need")
    check_need(secondary_need, provision=provision, field="secondary_need", secondary=True)
    if secondary_need and secondary_need == primary_need:
        raise ApplicationError("The secondary need must differ from the primary need", field="secondary_need")
    if starts_on > clock.today():
        raise ApplicationError("The start date must be today or in the past", field="starts_on")
    if RegisterEntry.objects.filter(child=child, setting=setting, ends_on__isnull=True).exists():
        raise ApplicationError(
            f"{child.full_name} is already on {setting.name}'s SEN register. End that entry before adding "
            "a new one",
            field="child",
        )
    try:
        with transaction.atomic():
            entry = RegisterEntry.objects.create(
                child=child,
                setting=setting,
                provision=provision,
                primary_need=primary_need,
                secondary_need=secondary_need,
                starts_on=starts_on,
            )
    except IntegrityError as error:  # a second SENCo added the same child a moment ago
        raise ApplicationError(
            f"{child.full_name} is already on {setting.name}'s SEN register", field="child"
        ) from error
    label = "SEN support" if provision == Provision.SEN_SUPPORT else "an EHC plan"
    timeline_append(
        child=child,
        kind="support.register_added",
        title=f"{setting.name} has added {child.first_name} to its SEN register ({label})",
        body=(
            f"From {long_date(starts_on)}, {setting.name} is giving {child.first_name} extra help for "
            f"special educational needs. Their SENCo will talk with you about a support plan."
        ),
        by=by,
        visible_to_family=tell_family,
    )
    if tell_family and provision == Provision.SEN_SUPPORT:
        _tell_family_support_started(child=child, setting=setting, starts_on=starts_on)
    audit.record(
        by,
        SupportAudit.ENTRY_ADDED,
        child_id=child.pk,
        obj=entry,
        detail={"provision": provision, "primary_need": primary_need, "secondary_need": secondary_need},
    )
    return entry


@transaction.atomic
def register_entry_end(
    *, by: Principal, entry_id: int, ends_on: dt.date, expected_version: int
) -> RegisterEntry:
    entry = (
        RegisterEntry.objects.select_for_update()
        .select_related("child", "setting")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or not register_policy.can(by, "edit", entry):
        raise NotFound()
    if entry.version != expected_version:
        from opensend.core.errors import Conflict

        raise Conflict("Someone else changed this entry while you were looking at it. Check it and try again")
    if entry.ends_on is not None:
        raise ApplicationError("This entry has already ended", field="ends_on")
    if ends_on < entry.starts_on:
        raise ApplicationError(
            f"The end date must be on or after the day the entry started ({long_date(entry.starts_on)})",
            field="ends_on",
        )
    if ends_on > clock.today():
        raise ApplicationError("The end date must be today or in the past", field="ends_on")
    entry.ends_on = ends_on
    entry.version += 1
    entry.save(update_fields=["ends_on", "version", "updated_at"])
    timeline_append(
        child=entry.child,
        kind="support.register_ended",
        title=f"{entry.setting.name} has taken {entry.child.first_name} off its SEN register",
        by=by,
    )
    audit.record(by, SupportAudit.ENTRY_ENDED, child_id=entry.child_id, obj=entry)
    return entry


def _tell_family_support_started(*, child: Child, setting: Organisation, starts_on: dt.date) -> None:
    """Email each person with parental responsibility, and the young person, that support has begun."""
    from django.urls import reverse

    from opensend.children.policies import child_policy
    from opensend.notify.services import notify

    for person in child_policy.users_with_permission_for_instance("family", child).order_by("pk"):
        notify(
            to=person,
            kind="support.started",
            context={"child_name": child.first_name, "setting_name": setting.name, "starts_on": starts_on},
            link=reverse("support:child-plans", args=[child.pk]),
            child=child,
        )
