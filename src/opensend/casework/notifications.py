"""Every email casework sends, one function per event. Called by services inside their transaction.

Each function reads the case with what it needs, picks the people, and hands each one to `send`.
The notification rows are written in the service's transaction, so a change that rolls back
sends nothing and one that commits is sure to be sent (the outbox, ADR 0130). The kinds are
registered by the notify app (`notify/catalogue.py`).
"""

from typing import Any

from django.urls import reverse

from opensend.accounts.models import Membership, User
from opensend.accounts.roles import GRANT_ROLES, Role
from opensend.children.models import Child, ProfessionalInvolvement
from opensend.children.policies import child_policy
from opensend.core import clock
from opensend.notify.services import notify

from .codes import RequestSource, Status
from .models import AssessmentRequest
from .workflow import FAMILY_STAGES, MOVES_WITH_OWN_NOTICE


def send(*, to: User, kind: str, context: dict[str, Any], link: str, child: Child | None = None) -> None:
    """Record one notification in the caller's transaction. An error (an unknown kind, missing
    context) is a programming error and rolls the change back with it."""
    notify(to=to, kind=kind, context=context, link=link, child=child)


def _case(case_id: int) -> AssessmentRequest | None:
    return (
        AssessmentRequest.objects.select_related("child", "local_authority", "child__current_setting")
        .filter(pk=case_id)
        .first()
    )


def family_of(child: Child) -> list[User]:
    """Parents with parental responsibility, and the young person's own account (ADR 0110)."""
    return list(child_policy.users_with_permission_for_instance("family", child).order_by("pk"))


def _staff(organisation_id: int, *roles: str) -> list[User]:
    return [
        m.user
        for m in Membership.objects.live(clock.today())
        .filter(organisation_id=organisation_id, role__in=roles, user__is_active=True)
        .select_related("user")
    ]


def _la_contacts(case: AssessmentRequest) -> list[User]:
    if case.caseworker_id is not None and case.caseworker is not None:
        return [case.caseworker]
    return _staff(case.local_authority_id, Role.LA_SEND_MANAGER)


def _family_link(case: AssessmentRequest) -> str:
    return reverse("casework:family-case", args=[case.pk])


def _case_link(case: AssessmentRequest) -> str:
    return reverse("casework:case", args=[case.pk])


def request_received(case_id: int) -> None:
    """To the family (and the SENCo who asked): the request is in and when the decision is due.
    To the council: a new request to look at."""
    case = _case(case_id)
    if case is None:
        return
    context = {
        "child_name": case.child.full_name,
        "la_name": case.local_authority.name,
        "received_on": case.received_on,
        "decision_due": case.next_due_on,
    }
    recipients = {u.pk: u for u in family_of(case.child)}
    if case.source == RequestSource.SETTING and case.requested_by is not None:
        recipients.setdefault(case.requested_by.pk, case.requested_by)
    for user in recipients.values():
        is_family = user.pk != (case.requested_by_id if case.source == RequestSource.SETTING else None)
        link = _family_link(case) if is_family else _case_link(case)
        send(to=user, kind="assessment.request_received", context=context, link=link, child=case.child)
    for user in _la_contacts(case):
        send(
            to=user,
            kind="case.stage_changed",
            context={
                "child_name": case.child.full_name,
                "stage": Status.RECEIVED.label,
                "next_steps": f"Decide whether to assess by {case.next_due_on:%-d %B %Y} (A2).",
            },
            link=_case_link(case),
            child=case.child,
        )


def considering(case: AssessmentRequest) -> None:
    """To the child's setting and the health and social care professionals with access to the child:
    the council is considering an assessment and would like their information (CoP 9.13-9.14)."""
    context = {
        "child_name": case.child.full_name,
        "la_name": case.local_authority.name,
        "respond_by": case.next_due_on,
    }
    people: dict[int, User] = {}
    if case.child.current_setting_id is not None:
        for user in _staff(case.child.current_setting_id, Role.SENCO):
            people[user.pk] = user
    grants = (
        ProfessionalInvolvement.objects.filter(
            ProfessionalInvolvement.live_filter(clock.today()), child=case.child
        )
        .filter(user__memberships__role__in=GRANT_ROLES, user__is_active=True)
        .select_related("user")
        .distinct()
    )
    for grant in grants:
        people[grant.user.pk] = grant.user
    for user in people.values():
        send(to=user, kind="assessment.considering", context=context, link=_case_link(case), child=case.child)


def stage_changed(case_id: int, old: str, new: str, quiet: bool = False) -> None:
    """To the family: the new stage in plain English and what happens next. Considering also goes
    to the setting and professionals."""
    case = _case(case_id)
    if case is None:
        return
    stage = FAMILY_STAGES[Status(new)]
    # A statutory notice, a panel's letter and the issued plan come with their own email to the
    # family (`notice.issued`, `assessment.decision`, `plan.final_issued`): a second email about the
    # same move would confuse.
    family = [] if quiet or Status(new) in MOVES_WITH_OWN_NOTICE else family_of(case.child)
    for user in family:
        send(
            to=user,
            kind="case.stage_changed",
            context={
                "child_name": case.child.full_name,
                "stage": stage.title,
                "next_steps": stage.what_happens,
            },
            link=_family_link(case),
            child=case.child,
        )
    if new == Status.CONSIDERING:
        considering(case)
