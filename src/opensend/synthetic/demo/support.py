"""SEN support for the Barnet demo area: register entries, a concern, support plans with reviews.

Called after `seed_demo` (`area.py`). Like that seed it writes through the ORM, not
services (seeding is not an action by a person, so it is not audited), and gives each child the
timeline entries a family would see. Safe to run twice: it does nothing if the SENCo's setting
already has register entries.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db import transaction

from opensend.accounts.models import Organisation, User
from opensend.children.models import Child, FamilyLink, TimelineEvent
from opensend.core import clock
from opensend.support.codes import (
    BroadArea,
    ConcernKind,
    NeedCode,
    NextStep,
    Progress,
    Provision,
    SencoQualification,
)
from opensend.support.models import (
    Concern,
    OutcomeProgress,
    PlanOutcome,
    PlanProvision,
    PlanReview,
    RegisterEntry,
    SencoRecord,
    SupportPlan,
)

from .area import DEMO_LA_CODE, PARENT_EMAIL, SETTINGS

SENCO_EMAIL = "senco@opensend.test"
# Needs for the register, in turn: SEN support mostly, one EHC plan, as in a primary school.
REGISTER = (
    (Provision.SEN_SUPPORT, NeedCode.SLCN, ""),
    (Provision.SEN_SUPPORT, NeedCode.SPLD, NeedCode.SEMH),
    (Provision.SEN_SUPPORT, NeedCode.NSA, ""),
    (Provision.EHC_PLAN, NeedCode.ASD, NeedCode.SLCN),
    (Provision.SEN_SUPPORT, NeedCode.SEMH, ""),
    (Provision.SEN_SUPPORT, NeedCode.DS, ""),
)


@dataclasses.dataclass
class SupportSeedResult:
    register_entries: int
    concerns: int
    plans: int


@transaction.atomic
def seed_support_demo() -> SupportSeedResult:
    today = clock.today()
    la = Organisation.objects.get(la_code_old=DEMO_LA_CODE)
    school = Organisation.objects.get(urn=SETTINGS[0].urn)
    if RegisterEntry.objects.filter(setting=school).exists():
        return SupportSeedResult(0, 0, 0)
    senco = User.objects.filter(email=SENCO_EMAIL).first()
    parent_child_ids = set(
        FamilyLink.objects.filter(user__email=PARENT_EMAIL).values_list("child_id", flat=True)
    )
    pupils = list(Child.objects.filter(current_setting=school, responsible_la=la).order_by("id"))
    # The parent's child first, so that the parent sees a plan; one child is left for the concern.
    pupils.sort(key=lambda c: (c.pk not in parent_child_ids, c.pk))
    on_register, for_concern = pupils[: len(REGISTER)], pupils[len(REGISTER) : len(REGISTER) + 1]

    SencoRecord.objects.create(
        setting=school,
        user=senco,
        name=senco.full_name if senco else "Grace Adeyemi",
        qualification=SencoQualification.NPQ_SENCO,
        achieved_on=dt.date(2025, 7, 1),
        recorded_by=senco,
    )
    started = today - dt.timedelta(days=120)
    entries = RegisterEntry.objects.bulk_create(
        RegisterEntry(
            child=child,
            setting=school,
            provision=provision,
            primary_need=primary,
            secondary_need=secondary,
            starts_on=started - dt.timedelta(days=30 * i),
        )
        for i, (child, (provision, primary, secondary)) in enumerate(zip(on_register, REGISTER, strict=False))
    )
    events = [
        TimelineEvent(
            child_id=e.child_id,
            kind="support.register_added",
            title=f"{school.name} has added {e.child.first_name} to its SEN register",
            actor=senco,
            actor_name=senco.full_name if senco else "",
            organisation=school,
        )
        for e in entries
    ]
    concerns = 0
    for child in for_concern:
        Concern.objects.create(
            child=child,
            setting=school,
            kind=ConcernKind.RECEPTION_BASELINE,
            observed_on=today - dt.timedelta(days=10),
            areas=[BroadArea.COMMUNICATION_INTERACTION],
            summary="Finds it hard to follow two-step instructions and rarely joins group talk.",
            raised_by="Class teacher",
            recorded_by=senco,
        )
        concerns += 1
    plans = [
        _plan(entries[0], senco, started, reviewed=True),
        _plan(entries[1], senco, started, reviewed=False),
    ]
    # The demo parent's children are not at Hollybrook (the seed puts them at a special school and
    # a secondary), so their plan is written by the child's own school, so that the parent sees one.
    family = [c for c in pupils if c.pk in parent_child_ids]
    if not family:
        theirs = (
            Child.objects.filter(pk__in=parent_child_ids, current_setting__isnull=False)
            .exclude(current_setting__setting_type__icontains="special")
            .select_related("current_setting")
            .order_by("date_of_birth")
            .first()
        )
        if theirs is not None and theirs.current_setting is not None:
            entry = RegisterEntry.objects.create(
                child=theirs,
                setting=theirs.current_setting,
                provision=Provision.SEN_SUPPORT,
                primary_need=NeedCode.SPLD,
                starts_on=started,
            )
            entries.append(entry)
            plans.append(_plan(entry, None, started, reviewed=True))
    events += [
        TimelineEvent(
            child_id=p.child_id,
            kind="support.plan_opened",
            title=f"SEN support plan started at {p.setting.name}",
            actor=senco if p.setting_id == school.pk else None,
            actor_name=(senco.full_name if senco else "") if p.setting_id == school.pk else "",
            organisation=p.setting,
        )
        for p in plans
    ]
    TimelineEvent.objects.bulk_create(events)
    return SupportSeedResult(len(entries), concerns, len(plans))


def _plan(entry: RegisterEntry, senco: User | None, starts_on: dt.date, *, reviewed: bool) -> SupportPlan:
    child = entry.child
    plan = SupportPlan.objects.create(
        child=child,
        setting=entry.setting,
        register_entry=entry,
        starts_on=starts_on,
        review_due_on=starts_on + dt.timedelta(days=84),
        areas=[BroadArea.COMMUNICATION_INTERACTION, BroadArea.COGNITION_LEARNING],
        needs=(
            f"{child.first_name} understands more than they can say. They find long instructions hard "
            "to follow and lose track in whole-class teaching, and are reading below the expected level."
        ),
        family_views="At home they are chatty with family but quiet with other children.",
        child_views="I like drawing. I don't like it when it is noisy.",
        created_by=senco,
    )
    talk = PlanOutcome.objects.create(
        plan=plan,
        area=BroadArea.COMMUNICATION_INTERACTION,
        description="Follows a two-step instruction in class without help",
        target_on=starts_on + dt.timedelta(days=84),
    )
    read = PlanOutcome.objects.create(
        plan=plan,
        area=BroadArea.COGNITION_LEARNING,
        description="Reads 30 common words on sight",
        target_on=starts_on + dt.timedelta(days=168),
    )
    PlanProvision.objects.bulk_create(
        [
            PlanProvision(
                plan=plan,
                area=BroadArea.COMMUNICATION_INTERACTION,
                what="Instructions given one step at a time with a visual prompt",
                who="Class teacher",
                how_often="Every lesson",
                how_long="Ongoing",
                oap_ref="national:CI-1",
                oap_title="Language-rich classroom with simplified instructions",
            ),
            PlanProvision(
                plan=plan,
                area=BroadArea.COMMUNICATION_INTERACTION,
                what="Small-group language programme",
                who="Trained teaching assistant",
                how_often="3 times a week for 20 minutes",
                how_long="10 weeks",
                cost_pounds=Decimal("450.00"),
                oap_ref="national:CI-3",
                oap_title="Small-group speech and language programme",
            ),
            PlanProvision(
                plan=plan,
                area=BroadArea.COGNITION_LEARNING,
                what="One-to-one precision teaching of sight words",
                who="Teaching assistant, advised by the LA's specialist teacher",
                how_often="Daily for 10 minutes",
                how_long="12 weeks",
                cost_pounds=Decimal("900.00"),
            ),
        ]
    )
    if reviewed:
        review = PlanReview.objects.create(
            plan=plan,
            reviewed_on=starts_on + dt.timedelta(days=84),
            summary="Good progress with instructions; reading is improving more slowly.",
            family_views="We have noticed more talk about school at home.",
            child_views="Reading group is fun.",
            next_step=NextStep.CONTINUE,
            recorded_by=senco,
        )
        OutcomeProgress.objects.bulk_create(
            [
                OutcomeProgress(review=review, outcome=talk, rating=Progress.ACHIEVED),
                OutcomeProgress(review=review, outcome=read, rating=Progress.SOME, note="18 words so far"),
            ]
        )
        plan.review_due_on = review.reviewed_on + dt.timedelta(days=84)
        plan.save(update_fields=["review_due_on"])
    return plan
