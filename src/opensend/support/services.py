"""Every write to SEN support records: each checks policy, validates, writes, appends the child's
timeline and audits, in one transaction."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from opensend.access import audit
from opensend.accounts.models import Organisation
from opensend.accounts.principal import Principal
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound

from . import oap
from .audit import SupportAudit
from .codes import (
    CLOSING_STEPS,
    BroadArea,
    ConcernKind,
    ConcernStatus,
    NeedCode,
    NextStep,
    PlanStatus,
    Progress,
    Provision,
    SencoQualification,
)
from .models import (
    Concern,
    LocalProvisionItem,
    OutcomeProgress,
    PlanOutcome,
    PlanProvision,
    PlanReview,
    RegisterEntry,
    SencoRecord,
    SupportPlan,
)
from .policies import concern_policy, local_provision_policy, plan_policy, register_policy, setting_policy


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _check_areas(areas: list[str], field: str = "areas") -> list[str]:
    if not areas:
        raise ApplicationError("Choose at least one area of need", field=field)
    unknown = [a for a in areas if a not in BroadArea.values]
    if unknown:
        raise ApplicationError(f"{', '.join(unknown)} is not an area of need", field=field)
    return [a for a in BroadArea.values if a in areas]


def _check_need(code: str, *, provision: str, field: str, secondary: bool = False) -> None:
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


def _check_at_setting(by: Principal, child: Child, setting: Organisation) -> None:
    if not register_policy.may_write_for(by, setting.pk) or child.current_setting_id != setting.pk:
        raise NotFound()


# Early identification ----------------------------------------------------------------------------


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
    _check_at_setting(by, child, setting)
    if kind not in ConcernKind.values:
        raise ApplicationError("Choose what kind of concern or check this is", field="kind")
    if observed_on > clock.today():
        raise ApplicationError("The date must be today or in the past", field="observed_on")
    areas = _check_areas(areas)
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


# The SEN register ---------------------------------------------------------------------------------


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
    _check_at_setting(by, child, setting)
    if provision not in Provision.values:
        raise ApplicationError("Choose SEN support (K) or EHC plan (E)", field="provision")
    _check_need(primary_need, provision=provision, field="primary_need")
    _check_need(secondary_need, provision=provision, field="secondary_need", secondary=True)
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
            f"From {_long(starts_on)}, {setting.name} is giving {child.first_name} extra help for "
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
            f"The end date must be on or after the day the entry started ({_long(entry.starts_on)})",
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


# Support plans ------------------------------------------------------------------------------------


@transaction.atomic
def plan_open(
    *,
    by: Principal,
    child: Child,
    setting: Organisation,
    starts_on: dt.date,
    review_due_on: dt.date,
    areas: list[str],
    needs: str,
    family_views: str = "",
    child_views: str = "",
) -> SupportPlan:
    if not plan_policy.can(by, "create"):
        raise NotFound()
    _check_at_setting(by, child, setting)
    areas = _check_areas(areas)
    if not needs.strip():
        raise ApplicationError("Describe the child's needs", field="needs")
    if review_due_on < starts_on:
        raise ApplicationError(
            f"The review must be on or after the day the plan starts ({_long(starts_on)})",
            field="review_due_on",
        )
    if review_due_on > starts_on + dt.timedelta(days=366):
        raise ApplicationError("Review the plan within a year of its start", field="review_due_on")
    entry = RegisterEntry.objects.filter(child=child, setting=setting, ends_on__isnull=True).first()
    cycle = SupportPlan.objects.filter(child=child, setting=setting).count() + 1
    plan = SupportPlan.objects.create(
        child=child,
        setting=setting,
        register_entry=entry,
        cycle=cycle,
        starts_on=starts_on,
        review_due_on=review_due_on,
        areas=areas,
        needs=needs.strip(),
        family_views=family_views.strip(),
        child_views=child_views.strip(),
        created_by=by.user,
    )
    timeline_append(
        child=child,
        kind="support.plan_opened",
        title=f"SEN support plan started at {setting.name}",
        body=f"First review by {_long(review_due_on)}.",
        by=by,
    )
    audit.record(by, SupportAudit.PLAN_OPENED, child_id=child.pk, obj=plan)
    return plan


def _plan_for_edit(by: Principal, plan_id: int, action: str = "edit") -> SupportPlan:
    plan = (
        SupportPlan.objects.select_for_update().select_related("child", "setting").filter(pk=plan_id).first()
    )
    if plan is None or not plan_policy.can(by, action, plan):
        raise NotFound()
    if plan.status != PlanStatus.ACTIVE:
        raise ApplicationError("This plan has finished: start a new one to make changes")
    return plan


def _touch(by: Principal, plan: SupportPlan, what: str) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    audit.record(by, SupportAudit.PLAN_CHANGED, child_id=plan.child_id, obj=plan, detail={"added": what})


@transaction.atomic
def plan_outcome_add(
    *, by: Principal, plan_id: int, area: str, description: str, target_on: dt.date | None
) -> PlanOutcome:
    plan = _plan_for_edit(by, plan_id)
    if area not in plan.areas:
        raise ApplicationError("Choose one of the plan's areas of need", field="area")
    if not description.strip():
        raise ApplicationError("Describe the outcome", field="description")
    if target_on is None:
        raise ApplicationError("Enter the date by which the outcome should be achieved", field="target_on")
    if target_on < plan.starts_on:
        raise ApplicationError(
            f"The target date must be after the plan starts ({_long(plan.starts_on)})", field="target_on"
        )
    outcome = PlanOutcome.objects.create(
        plan=plan, area=area, description=description.strip(), target_on=target_on
    )
    _touch(by, plan, "outcome")
    return outcome


@dataclass(frozen=True)
class ProvisionInput:
    area: str
    what: str
    who: str
    how_often: str
    how_long: str
    cost_pounds: Decimal
    oap_ref: str = ""


@transaction.atomic
def plan_provision_add(*, by: Principal, plan_id: int, item: ProvisionInput) -> PlanProvision:
    plan = _plan_for_edit(by, plan_id)
    if item.area not in plan.areas:
        raise ApplicationError("Choose one of the plan's areas of need", field="area")
    for field, label in (
        ("what", "what will be done"),
        ("who", "who will do it"),
        ("how_often", "how often"),
        ("how_long", "for how long"),
    ):
        if not str(getattr(item, field)).strip():
            raise ApplicationError(f"Enter {label}", field=field)
    if item.cost_pounds < 0:
        raise ApplicationError("The cost must be 0 or more", field="cost_pounds")
    title = ""
    if item.oap_ref:
        catalogue = {
            i.ref: i
            for i in oap.catalogue(local_authority_id=plan.setting.local_authority_id, on=plan.starts_on)
        }
        chosen = catalogue.get(item.oap_ref)
        if chosen is None:
            raise ApplicationError(
                "Choose an item of ordinarily available provision from the list", field="oap_ref"
            )
        if chosen.area not in (oap.ALL_AREAS, item.area):
            raise ApplicationError(
                "That ordinarily available provision is for another area of need", field="oap_ref"
            )
        title = chosen.title
    provision = PlanProvision.objects.create(
        plan=plan,
        area=item.area,
        what=item.what.strip(),
        who=item.who.strip(),
        how_often=item.how_often.strip(),
        how_long=item.how_long.strip(),
        cost_pounds=item.cost_pounds,
        oap_ref=item.oap_ref,
        oap_title=title,
    )
    _touch(by, plan, "provision")
    return provision


@transaction.atomic
def plan_review_record(
    *,
    by: Principal,
    plan_id: int,
    reviewed_on: dt.date,
    summary: str,
    progress: dict[int, tuple[str, str]],
    next_step: str,
    family_views: str = "",
    child_views: str = "",
) -> PlanReview:
    """Review: progress against each outcome. `progress` maps outcome id to (rating, note)."""
    plan = _plan_for_edit(by, plan_id, "review")
    if reviewed_on < plan.starts_on:
        raise ApplicationError(
            f"The review date must be on or after the day the plan started ({_long(plan.starts_on)})",
            field="reviewed_on",
        )
    if reviewed_on > clock.today():
        raise ApplicationError("The review date must be today or in the past", field="reviewed_on")
    outcomes = list(plan.outcomes.all())
    if not outcomes:
        raise ApplicationError("Add at least one outcome to the plan before reviewing it")
    for outcome in outcomes:
        rating = progress.get(outcome.pk, ("", ""))[0]
        if rating not in Progress.values:
            raise ApplicationError(
                f"Choose the progress towards “{outcome.description[:60]}”", field=f"outcome_{outcome.pk}"
            )
    if not summary.strip():
        raise ApplicationError("Summarise what the review found", field="summary")
    if next_step not in NextStep.values:
        raise ApplicationError("Choose what happens next", field="next_step")
    review = PlanReview.objects.create(
        plan=plan,
        reviewed_on=reviewed_on,
        summary=summary.strip(),
        family_views=family_views.strip(),
        child_views=child_views.strip(),
        next_step=next_step,
        recorded_by=by.user,
    )
    OutcomeProgress.objects.bulk_create(
        OutcomeProgress(review=review, outcome=o, rating=progress[o.pk][0], note=progress[o.pk][1].strip())
        for o in outcomes
    )
    if next_step in CLOSING_STEPS:
        plan.status = PlanStatus.CLOSED
        plan.closed_on = reviewed_on
    plan.version += 1
    plan.save(update_fields=["status", "closed_on", "version", "updated_at"])
    timeline_append(
        child=plan.child,
        kind="support.plan_reviewed",
        title=f"SEN support plan reviewed at {plan.setting.name}",
        body=f"Next: {NextStep(next_step).label.lower()}.",
        by=by,
    )
    audit.record(by, SupportAudit.PLAN_REVIEWED, child_id=plan.child_id, obj=review)
    return review


# The SENCo and local ordinarily available provision ------------------------------------------------


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
