"""Targeted help and alternative provision for the Barnet demo area (see opensend.synthetic.demo).

Called after `seed_demo`. Like the rest of the demo it writes through the ORM, not through
services: seeding is not a person's action, so it is not audited, but each child's timeline gets
the entries the services would have written.
"""

import dataclasses
import datetime as dt

from django.db import transaction

from opensend.accounts.models import Organisation, User
from opensend.accounts.roles import OrganisationKind
from opensend.children.models import Child, TimelineEvent
from opensend.core import clock
from opensend.targeted.models import (
    AnswerKind,
    APPlacement,
    APReview,
    APTier,
    OutreachRequest,
    OutreachService,
    OutreachStatus,
    PlacementStatus,
    ReferredBy,
    ReviewDecision,
    Urgency,
)

from .area import DEMO_LA_CODE

PROVIDER_NAME = "Oakleigh Pupil Referral Unit"
PROVIDER_URN = "990191"
SENCO_EMAIL = "senco@opensend.test"
CASEWORKER_EMAIL = "caseworker@opensend.test"


@dataclasses.dataclass
class TargetedSeedResult:
    provider: Organisation
    requests: int
    placements: int


class DemoAreaMissing(Exception):
    pass


@transaction.atomic
def seed_targeted_demo() -> TargetedSeedResult:
    """Add a PRU, two outreach requests (one answered) and an AP placement with a review.

    Safe to run again: a second run adds nothing.
    """
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    senco = User.objects.filter(email=SENCO_EMAIL).first()
    caseworker = User.objects.filter(email=CASEWORKER_EMAIL).first()
    school_membership = senco.memberships.select_related("organisation").first() if senco else None
    if la is None or senco is None or caseworker is None or school_membership is None:
        raise DemoAreaMissing("Run seed_demo first")
    school = school_membership.organisation
    provider, _ = Organisation.objects.get_or_create(
        urn=PROVIDER_URN,
        defaults={
            "kind": OrganisationKind.EDUCATION_SETTING,
            "name": PROVIDER_NAME,
            "setting_type": "Pupil referral unit",
            "phase": "Not applicable",
            "local_authority": la,
            "region": la.region,
        },
    )
    existing = OutreachRequest.objects.filter(setting=school).count()
    if existing or APPlacement.objects.filter(provider=provider).exists():
        return TargetedSeedResult(provider, 0, 0)

    children = list(
        Child.objects.filter(responsible_la=la, current_setting=school).order_by("date_of_birth", "id")[:3]
    )
    if len(children) < 3:
        raise DemoAreaMissing("The demo SENCo's school needs at least three children")
    now = clock.now()
    today = clock.today()
    answered_child, waiting_child, ap_child = children
    timeline: list[TimelineEvent] = []

    def event(child: Child, kind: str, title: str, by: User, org: Organisation, at: dt.datetime) -> None:
        timeline.append(
            TimelineEvent(
                child=child,
                kind=kind,
                title=title,
                actor=by,
                actor_name=by.full_name,
                organisation=org,
                occurred_at=at,
            )
        )

    asked = now - dt.timedelta(days=40)
    accepted = asked + dt.timedelta(days=3)
    answered = asked + dt.timedelta(days=18)
    OutreachRequest.objects.create(
        child=answered_child,
        setting=school,
        local_authority=la,
        service=OutreachService.SPEECH_AND_LANGUAGE,
        question="Is this language delay more than we would expect, and what should we do in class?",
        tried="Talk Boost in a small group for a term; a visual timetable; adults model language.",
        urgency=Urgency.ROUTINE,
        status=OutreachStatus.ANSWERED,
        requested_at=asked,
        requested_by=senco,
        decided_at=accepted,
        decided_by=caseworker,
        decision_reason="Therapist to observe in class",
        answered_at=answered,
        answered_by=caseworker,
        answered_by_name="Barnet Speech and Language Therapy Service",
        answer_kind=AnswerKind.VISIT,
        answer=(
            "Observed in class and at play. Expressive language is about 18 months behind. Keep Talk Boost, "
            "add 10 minutes a day of 1:1 narrative work (programme attached), and review in 8 weeks."
        ),
        visited_on=answered.date() - dt.timedelta(days=2),
        days_to_answer=(answered.date() - asked.date()).days,
    )
    event(
        answered_child,
        "outreach.requested",
        "Speech and language therapy asked for outreach or advice",
        senco,
        school,
        asked,
    )
    event(
        answered_child,
        "outreach.accepted",
        "Speech and language therapy accepted the request for outreach",
        caseworker,
        la,
        accepted,
    )
    event(
        answered_child,
        "outreach.answered",
        "Speech and language therapy answered the request for outreach",
        caseworker,
        la,
        answered,
    )

    waiting_asked = now - dt.timedelta(days=6)
    OutreachRequest.objects.create(
        child=waiting_child,
        setting=school,
        local_authority=la,
        service=OutreachService.EDUCATIONAL_PSYCHOLOGY,
        question="Reading is still very hard despite support. What else could we try before an assessment?",
        tried="Phonics catch-up three times a week since September; coloured overlays; extra time in class.",
        urgency=Urgency.SOON,
        status=OutreachStatus.REQUESTED,
        requested_at=waiting_asked,
        requested_by=senco,
    )
    event(
        waiting_child,
        "outreach.requested",
        "Educational psychology asked for outreach or advice",
        senco,
        school,
        waiting_asked,
    )

    start = today - dt.timedelta(days=56)
    placement = APPlacement.objects.create(
        child=ap_child,
        local_authority=la,
        referred_by_kind=ReferredBy.SETTING,
        referring_organisation=school,
        referred_by=senco,
        referred_at=now - dt.timedelta(days=70),
        tier=APTier.TIER_2,
        purpose="A time-limited placement to rebuild routines and confidence after repeated suspensions.",
        provider=provider,
        start_on=start,
        planned_end_on=start + dt.timedelta(weeks=12),
        status=PlacementStatus.ACTIVE,
    )
    APReview.objects.create(
        placement=placement,
        reviewed_on=start + dt.timedelta(weeks=6),
        progress="Attending every day; calmer at transitions; ready for two mornings a week back at school.",
        decision=ReviewDecision.CONTINUE,
        recorded_by=caseworker,
        recorded_by_name=caseworker.full_name,
    )
    referred_at = now - dt.timedelta(days=70)
    event(
        ap_child,
        "ap_placement.referred",
        f"Referred to alternative provision at {PROVIDER_NAME}",
        senco,
        school,
        referred_at,
    )
    event(
        ap_child,
        "ap_placement.started",
        f"Alternative provision at {PROVIDER_NAME} started",
        caseworker,
        la,
        now - dt.timedelta(days=56),
    )
    event(
        ap_child,
        "ap_placement.reviewed",
        f"Alternative provision at {PROVIDER_NAME} reviewed",
        caseworker,
        la,
        now - dt.timedelta(days=14),
    )
    TimelineEvent.objects.bulk_create(timeline)
    return TargetedSeedResult(provider, 2, 1)
