"""Barnet's multi-agency panel for the demo: members, one upcoming meeting with the demo's
panel-stage cases on its published agenda, and a past refusal with its statutory notice.

Called after `casework.seed_casework_demo`. Like the other seeds it writes through the ORM
(seeding is not an action by a person, so nothing is audited).
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import Role
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.casework.workflow import NOTICE_KINDS
from opensend.core import clock
from opensend.panels.codes import QUESTION_AT, Agency, Question
from opensend.panels.models import AgendaItem, Attendance, Decision, Meeting, Panel, PanelMember
from opensend.panels.services import rule_of

from .area import (
    DEMO_LA_CODE,
    DEMO_PASSWORD,
    DEMO_TOTP_KEY_HEX,
    PARENT_EMAIL,
    STAFF_FROM,
    delete_with_protected_dependents,
)
from .notices import demo_notice

CHAIR_EMAIL = "panel@opensend.test"  # David Cohen, from the base demo
MEMBERS = (
    ("panel-education@opensend.test", "Sarah Okafor", Agency.EDUCATION),
    ("panel-health@opensend.test", "Dr Imran Malik", Agency.HEALTH),
    ("panel-socialcare@opensend.test", "Joanne Price", Agency.SOCIAL_CARE),
    ("panel-forum@opensend.test", "Lucy Bennett", Agency.PARENT_CARER_FORUM),
)
PAST_REASONS = (
    "The school has not yet tried the support that most children with these needs get. The panel "
    "would like the school to use the advice of the specialist teacher for two terms first, and to "
    "review it with you."
)


def _members(la: Organisation) -> list[tuple[User, str]]:
    """The member accounts, made only when missing (one password hash for all, as the base seed)."""
    existing = {u.email: u for u in User.objects.filter(email__in=[m[0] for m in MEMBERS])}
    missing = [m for m in MEMBERS if m[0] not in existing]
    if missing:
        password = make_password(DEMO_PASSWORD)
        made = User.objects.bulk_create(
            [User(email=e, full_name=n, password=password) for e, n, _ in missing]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, organisation=la, role=Role.PANEL_MEMBER, valid_from=STAFF_FROM) for u in made]
        )
        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(user=u, name="Demo authenticator", key=DEMO_TOTP_KEY_HEX, confirmed=True)
                for u in made
            ]
        )
        existing.update({u.email: u for u in made})
    return [(existing[e], agency) for e, _, agency in MEMBERS]


@transaction.atomic
def seed_panels_demo() -> int:
    """Make the panel; returns the number of agenda cases. Does nothing if Barnet has a panel."""
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    chair = User.objects.filter(email=CHAIR_EMAIL).first()
    if la is None or chair is None or Panel.objects.filter(local_authority=la).exists():
        return 0
    panel = Panel.objects.create(
        local_authority=la,
        name="Barnet EHC multi-agency panel",
        chair=chair,
    )
    members = [PanelMember.objects.create(panel=panel, user=chair, agency=Agency.EDUCATION)]
    members += [PanelMember.objects.create(panel=panel, user=u, agency=a) for u, a in _members(la)]
    today = clock.today()
    now = clock.now()
    upcoming = Meeting.objects.create(
        panel=panel,
        held_on=today + dt.timedelta(days=7),
        location="Barnet House, room 3.14, and online",
        published_at=now,
        papers_until=today + dt.timedelta(days=7 + panel.papers_days_after),
    )
    cases = list(
        AssessmentRequest.objects.filter(local_authority=la, status__in=sorted(QUESTION_AT)).order_by(
            "next_due_on"
        )
    )
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=upcoming, case=c, question=QUESTION_AT[c.status]) for c in cases]
    )
    _past_decision(la, panel, members, today)
    return len(cases)


def _past_decision(la: Organisation, panel: Panel, members: list[PanelMember], today: dt.date) -> None:
    """A refusal with its notice: the parent's case if it is at a panel stage, otherwise the demo's
    case that was decided not to assess (so the demo shows a Regulation 32 letter)."""
    case = (
        AssessmentRequest.objects.filter(
            local_authority=la, child__family_links__user__email=PARENT_EMAIL, status__in=sorted(QUESTION_AT)
        ).first()
        or AssessmentRequest.objects.filter(local_authority=la, status=Status.DECIDED_NOT_TO_ASSESS).first()
    )
    if case is None:
        return
    decided_on = case.request_outcome_on or today - dt.timedelta(days=14)
    past = Meeting.objects.create(
        panel=panel,
        held_on=decided_on,
        location="Barnet House, room 3.14",
        published_at=clock.now() - dt.timedelta(days=(today - decided_on).days + 7),
        papers_until=decided_on + dt.timedelta(days=panel.papers_days_after),
    )
    question = QUESTION_AT.get(case.status, Question.ASSESS)
    item = AgendaItem.objects.create(meeting=past, case=case, question=question)
    Attendance.objects.bulk_create([Attendance(meeting=past, member=m, present=True) for m in members])
    yes = False
    to_status = Status.DECIDED_NOT_TO_ASSESS if question == Question.ASSESS else Status.DECIDED_NOT_TO_ISSUE
    # A refusal's letter is its statutory notice.
    notice = demo_notice(
        case,
        NOTICE_KINDS[to_status],
        PAST_REASONS,
        decided_on,
        panel_name=panel.name,
        panel_met_on=decided_on,
    )
    Decision.objects.create(
        item=item,
        case=case,
        question=question,
        yes=yes,
        to_status=to_status,
        reasons=PAST_REASONS,
        decided_on=decided_on,
        attendance=[
            {
                "user_id": m.user_id,
                "name": m.user.full_name,
                "agency": m.agency,
                "chair": m.user_id == panel.chair_id,
                "present": True,
            }
            for m in members
        ],
        quorum_rule=rule_of(panel).as_data(),
        recorded_by=panel.chair,
        recorded_by_name=panel.chair.full_name if panel.chair else "",
        notice=notice,
    )


def remove_panels_demo() -> None:
    """Undo `seed_panels_demo` for `seed_demo --reset`: Barnet's panel (with its members, meetings,
    decisions and letters) and the member accounts made for it."""
    panels = Panel.objects.filter(local_authority__la_code_old=DEMO_LA_CODE)
    delete_with_protected_dependents(Panel, panels)
    panels.delete()
    User.objects.filter(email__in=[m[0] for m in MEMBERS]).delete()
