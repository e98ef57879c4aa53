"""A dozen assessment cases in the seeded Barnet demo area, in various stages.

Called by `seed_demo` (`area.py`) after the area exists. Like that seed, it writes through the
ORM (seeding is not an action by a person, so nothing is audited), but each case gets its events.
"""

import datetime as dt

from django.db import transaction

from opensend.accounts.models import Organisation, User
from opensend.casework.codes import AssessmentOutcome, PrimaryNeed, RequestOutcome, RequestSource, Status
from opensend.casework.deadlines import next_deadline
from opensend.casework.models import AssessmentRequest, CaseEvent
from opensend.casework.workflow import FAMILY_STAGES
from opensend.children.models import Child, TimelineEvent
from opensend.core import clock

from .area import DEMO_LA_CODE, PARENT_EMAIL

# (status, days ago received, source, primary need, allocated)
PLAN: tuple[tuple[Status, int, RequestSource, str, bool], ...] = (
    (Status.CONSIDERING, 20, RequestSource.FAMILY, PrimaryNeed.ASD, True),  # Sam Taylor's child
    (Status.RECEIVED, 2, RequestSource.FAMILY, "", False),
    (Status.RECEIVED, 9, RequestSource.SETTING, PrimaryNeed.SLCN, False),
    (Status.CONSIDERING, 30, RequestSource.SETTING, PrimaryNeed.SEMH, True),
    (Status.CONSIDERING, 45, RequestSource.HEALTH, PrimaryNeed.PD, True),  # A2 overdue
    (Status.PANEL_ASSESS, 38, RequestSource.FAMILY, PrimaryNeed.SPLD, True),
    (Status.ASSESSING, 60, RequestSource.SETTING, PrimaryNeed.MLD, True),
    (Status.ASSESSING, 100, RequestSource.FAMILY, PrimaryNeed.ASD, True),  # A4 due soon
    (Status.ADVICE_COMPLETE, 90, RequestSource.SOCIAL_CARE, PrimaryNeed.SEMH, True),
    (Status.PANEL_ISSUE, 105, RequestSource.SETTING, PrimaryNeed.SLD, True),
    (Status.DRAFTING, 115, RequestSource.FAMILY, PrimaryNeed.HI, True),
    (Status.DECIDED_NOT_TO_ASSESS, 70, RequestSource.SETTING, PrimaryNeed.MLD, True),
)
PATH: tuple[Status, ...] = (
    Status.RECEIVED,
    Status.CONSIDERING,
    Status.PANEL_ASSESS,
    Status.ASSESSING,
    Status.ADVICE_COMPLETE,
    Status.PANEL_ISSUE,
    Status.DRAFTING,
)


def _outcomes(status: Status, received: dt.date) -> dict[str, object]:
    decided = received + dt.timedelta(weeks=5)
    if status == Status.DECIDED_NOT_TO_ASSESS:
        return {"request_outcome": RequestOutcome.NO, "request_outcome_on": decided}
    if status in PATH[3:]:
        return {
            "request_outcome": RequestOutcome.YES,
            "request_outcome_on": decided,
            "assessment_outcome": AssessmentOutcome.YES
            if status == Status.DRAFTING
            else AssessmentOutcome.AWAITING,
        }
    return {}


@transaction.atomic
def seed_casework_demo() -> int:
    """Add the cases; returns how many. Does nothing if the area has cases already."""
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    if la is None or AssessmentRequest.objects.filter(local_authority=la).exists():
        return 0
    caseworker = User.objects.filter(email="caseworker@opensend.test").first()
    parent_children = list(
        Child.objects.filter(family_links__user__email=PARENT_EMAIL).order_by("date_of_birth")
    )
    # The parent's older child has a case; the younger one is left free to request online.
    first = parent_children[0] if parent_children else None
    others = list(
        Child.objects.filter(responsible_la=la)
        .exclude(pk__in=[c.pk for c in parent_children])
        .exclude(young_person_user__isnull=False)
        .order_by("id")
    )
    children = ([first] if first else []) + others
    today = clock.today()
    made = 0
    for (status, days_ago, source, need, allocated), child in zip(PLAN, children, strict=False):
        if child.age_on(today) >= 25:
            continue
        received = today - dt.timedelta(days=days_ago)
        rule, due = next_deadline(status, received)
        case = AssessmentRequest.objects.create(
            child=child,
            local_authority=la,
            source=source,
            received_on=received,
            requester_name="Sam Taylor" if child == first else "",
            requester_organisation=child.current_setting if source == RequestSource.SETTING else None,
            consent_given=True,
            consent_recorded_on=received,
            reasons="Finds it very hard to take part in lessons without an adult alongside.",
            support_so_far="SEN support at school for two years, with speech and language therapy.",
            primary_need=need,
            status=status,
            caseworker=caseworker if allocated else None,
            next_rule=rule,
            next_due_on=due,
            **_outcomes(status, received),
        )
        made += 1
        path = (
            PATH[: PATH.index(status) + 1]
            if status in PATH
            else (Status.RECEIVED, Status.CONSIDERING, Status.PANEL_ASSESS, status)
        )
        step = max(1, days_ago // max(1, len(path)))
        for index, stage in enumerate(path):
            when = dt.datetime.combine(received + dt.timedelta(days=index * step), dt.time(10), tzinfo=dt.UTC)
            title = (
                "Request for an EHC needs assessment received" if index == 0 else FAMILY_STAGES[stage].title
            )
            CaseEvent.objects.create(
                case=case,
                occurred_at=when,
                kind="received" if index == 0 else "stage_changed",
                title=title,
                to_status=stage,
                actor=caseworker,
                actor_name=caseworker.full_name if caseworker else "",
            )
            TimelineEvent.objects.create(
                child=child,
                occurred_at=when,
                kind="casework.stage_changed",
                title=title,
                actor=caseworker,
                actor_name=caseworker.full_name if caseworker else "",
                organisation=la,
            )
    return made
