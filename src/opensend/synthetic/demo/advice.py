"""Advice requests and a message thread in the seeded Barnet demo area.

Called after `casework.seed_casework_demo`. Like the other seeds it writes through the ORM
(seeding is not a person's action, so nothing is audited or emailed). For every demo case that is
being assessed: medical advice from health@opensend.test (overdue), social care advice from
socialcare@opensend.test (submitted), educational advice from the SENCo (waiting). The parent's
case gets a short thread with the caseworker.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from opensend.accounts.models import Membership, Organisation, User
from opensend.advice.codes import AdviceStatus, AdviceType, RequestStatus
from opensend.advice.models import Advice, AdviceRequest, Message
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest, CaseEvent
from opensend.children.models import ProfessionalInvolvement
from opensend.core import clock
from opensend.rulebook.engine import fast_due

from .area import DEMO_LA_CODE, PARENT_EMAIL

# (advice type, adviser email, days ago asked, submitted)
PLAN = (
    (AdviceType.MEDICAL, "health@opensend.test", 50, False),
    (AdviceType.SOCIAL_CARE, "socialcare@opensend.test", 20, True),
    (AdviceType.EDUCATIONAL, "senco@opensend.test", 10, False),
)


def _membership(email: str) -> Membership | None:
    return Membership.objects.filter(user__email=email).select_related("user", "organisation").first()


def _request(
    case: AssessmentRequest, kind: AdviceType, membership: Membership, days_ago: int, by: User | None
) -> AdviceRequest:
    today = clock.today()
    asked = today - dt.timedelta(days=days_ago)
    request = AdviceRequest.objects.create(
        case=case,
        child=case.child,
        advice_type=kind,
        adviser=membership.user,
        organisation=membership.organisation,
        question=(
            f"Please describe {case.child.first_name}'s needs, the provision you recommend "
            "and the outcomes to aim for."
        ),
        requested_on=asked,
        due_on=fast_due("A3", on=asked)(asked),
        requested_by=by,
        requested_by_name=by.full_name if by else "",
    )
    if membership.role in ("health_professional", "social_care_professional"):
        request.grant = ProfessionalInvolvement.objects.create(
            child=case.child,
            user=membership.user,
            organisation=membership.organisation,
            reason=f"{kind.label} advice for EHC needs assessment {case.reference}",
            case_reference=case.reference,
            granted_by=by,
            valid_from=asked,
            valid_to=asked + dt.timedelta(days=180),
        )
        request.save(update_fields=["grant"])
    CaseEvent.objects.create(
        case=case,
        occurred_at=timezone.make_aware(dt.datetime.combine(asked, dt.time(11))),
        kind="advice_requested",
        title=f"{kind.label} advice asked of {request.adviser_name}, due {request.due_on:%-d %B %Y}",
        actor=by,
        actor_name=by.full_name if by else "",
    )
    return request


def _submit(request: AdviceRequest, days_ago: int) -> None:
    when = timezone.now() - dt.timedelta(days=days_ago)
    Advice.objects.create(
        request=request,
        status=AdviceStatus.SUBMITTED,
        needs_semh="Finds changes in routine very hard; the family need short breaks to manage.",
        needs_communication="Needs time and visual support to understand what is asked.",
        provision=[
            {
                "area": "semh",
                "what": "Short breaks with a specialist carer",
                "who": "Children with Disabilities Team",
                "how_often": "One weekend a month",
                "how_long": "For a year, then reviewed",
            }
        ],
        outcomes="By the end of Year 4, manages a change of routine at school with one adult's help.",
        author=request.adviser,
        author_name=request.adviser.full_name if request.adviser else "",
        submitted_at=when,
    )
    request.status, request.received_on = RequestStatus.SUBMITTED, when.date()
    request.save(update_fields=["status", "received_on"])
    if request.grant is not None:
        request.grant.revoked_at = when
        request.grant.save(update_fields=["revoked_at"])


@transaction.atomic
def seed_advice_demo() -> int:
    """Add the requests and the thread; returns how many requests. Does nothing if already seeded."""
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    if la is None or AdviceRequest.objects.filter(case__local_authority=la).exists():
        return 0
    caseworker = User.objects.filter(email="caseworker@opensend.test").first()
    made = 0
    cases = AssessmentRequest.objects.filter(local_authority=la, status=Status.ASSESSING).select_related(
        "child"
    )
    for case in cases:
        for kind, email, days_ago, submitted in PLAN:
            membership = _membership(email)
            if membership is None:
                continue
            request = _request(case, kind, membership, days_ago, caseworker)
            if submitted:
                _submit(request, days_ago=3)
            made += 1
    parent = User.objects.filter(email=PARENT_EMAIL).first()
    family_case = (
        AssessmentRequest.objects.filter(local_authority=la, child__family_links__user=parent)
        .order_by("id")
        .first()
        if parent
        else None
    )
    if family_case is not None and parent is not None:
        now = timezone.now()
        for hours, author, from_family, body in (
            (30, parent, True, "Hello, is there anything else you need from us before the panel meets?"),
            (
                26,
                caseworker,
                False,
                "Thank you. The school's report would help: you can upload it on this page.",
            ),
        ):
            if author is None:
                continue
            Message.objects.create(
                case=family_case,
                child=family_case.child,
                author=author,
                author_name=author.full_name,
                from_family=from_family,
                body=body,
                sent_at=now - dt.timedelta(hours=hours),
            )
    return made
