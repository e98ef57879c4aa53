"""Outreach and advice requests from a setting to the LA's specialist services, and their answers."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.targeted.audit import TargetedAudit
from opensend.targeted.models import AnswerKind, OutreachRequest, OutreachService, OutreachStatus, Urgency
from opensend.targeted.policies import outreach_policy
from opensend.targeted.workflow import OUTREACH_TRANSITIONS, check_transition

from .common import check_version, required
from .common import long_date as _day


@transaction.atomic
def outreach_request_create(
    *,
    by: Principal,
    child: Child,
    service: str,
    question: str,
    tried: str,
    urgency: str,
    service_other: str = "",
) -> OutreachRequest:
    if not outreach_policy.can(by, "create", child):
        raise NotFound()
    if service not in OutreachService.values:
        raise ApplicationError("Choose which service you are asking", field="service")
    service_other = (service_other or "").strip()
    if service == OutreachService.OTHER:
        required(service_other, "Enter the name of the service you are asking", "service_other")
    else:
        service_other = ""
    question = required(question, "Enter what you would like the service to help with", "question")
    tried = required(tried, "Enter what the setting has already tried", "tried")
    if urgency not in Urgency.values:
        raise ApplicationError("Choose how urgent the request is", field="urgency")
    open_same = OutreachRequest.objects.filter(
        child=child,
        service=service,
        service_other=service_other,
        status__in=[OutreachStatus.REQUESTED, OutreachStatus.ACCEPTED],
    )
    if open_same.exists():
        raise ApplicationError(
            "There is already an open request to this service for this child. "
            "Wait for its answer, or withdraw it first",
            field="service",
        )
    setting_id = child.current_setting_id
    assert setting_id is not None  # the policy lets only the SENCo of the child's setting ask
    request = OutreachRequest.objects.create(
        child=child,
        setting_id=setting_id,
        local_authority_id=child.responsible_la_id,
        service=service,
        service_other=service_other,
        question=question,
        tried=tried,
        urgency=urgency,
        requested_at=clock.now(),
        requested_by=by.user,
    )
    timeline_append(
        child=child,
        kind="outreach.requested",
        title=f"{request.service_label} asked for outreach or advice",
        by=by,
    )
    audit.record(
        by,
        TargetedAudit.OUTREACH_REQUESTED,
        child_id=child.pk,
        obj=request,
        detail={"service": service, "urgency": urgency},
    )
    return request


def _lock_outreach(by: Principal, request_id: int, action: str) -> OutreachRequest:
    request = (
        OutreachRequest.objects.select_for_update(of=("self",))
        .select_related("child")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not outreach_policy.can(by, action, request):
        raise NotFound()
    return request


@transaction.atomic
def outreach_decide(
    *,
    by: Principal,
    request_id: int,
    accept: bool,
    reason: str = "",
    expected_version: int | None = None,
) -> OutreachRequest:
    """The LA's service accepts the request, or declines it with a reason."""
    request = _lock_outreach(by, request_id, "decide")
    check_version(request, expected_version)
    to = OutreachStatus.ACCEPTED if accept else OutreachStatus.DECLINED
    check_transition(OUTREACH_TRANSITIONS, request.status, to, noun="request")
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ApplicationError("Enter why the request is declined", field="reason")
    old = request.status
    request.status = to
    request.decided_at = clock.now()
    request.decided_by = by.user
    request.decision_reason = reason
    request.version += 1
    request.save()
    timeline_append(
        child=request.child,
        kind=f"outreach.{to}",
        title=f"{request.service_label} {'accepted' if accept else 'declined'} the request for outreach",
        body=reason,
        by=by,
    )
    audit.record(
        by,
        TargetedAudit.OUTREACH_ACCEPTED if accept else TargetedAudit.OUTREACH_DECLINED,
        child_id=request.child_id,
        obj=request,
        detail={"status": {"old": old, "new": to}},
    )
    return request


@transaction.atomic
def outreach_answer(
    *,
    by: Principal,
    request_id: int,
    kind: str,
    answer: str,
    visited_on: dt.date | None = None,
    expected_version: int | None = None,
) -> OutreachRequest:
    """The service's advice, or the record of its visit. Fixes the days taken to answer."""
    request = _lock_outreach(by, request_id, "answer")
    check_version(request, expected_version)
    check_transition(OUTREACH_TRANSITIONS, request.status, OutreachStatus.ANSWERED, noun="request")
    if kind not in AnswerKind.values:
        raise ApplicationError("Choose whether you are giving advice or recording a visit", field="kind")
    answer = required(
        answer,
        "Enter the advice" if kind == AnswerKind.ADVICE else "Enter what was done and advised at the visit",
        "answer",
    )
    now = clock.now()
    today = timezone.localdate(now)
    requested_on = timezone.localdate(request.requested_at)
    if kind == AnswerKind.VISIT:
        if visited_on is None:
            raise ApplicationError("Enter the date of the visit", field="visited_on")
        if visited_on > today:
            raise ApplicationError("The date of the visit must be today or in the past", field="visited_on")
        if visited_on < requested_on:
            raise ApplicationError(
                f"The date of the visit must be on or after the date of the request ({_day(requested_on)})",
                field="visited_on",
            )
    else:
        visited_on = None
    request.status = OutreachStatus.ANSWERED
    request.answer_kind = kind
    request.answer = answer
    request.visited_on = visited_on
    request.answered_at = now
    request.answered_by = by.user
    request.answered_by_name = actor_name(by)
    request.days_to_answer = (today - requested_on).days
    request.version += 1
    request.save()
    timeline_append(
        child=request.child,
        kind="outreach.answered",
        title=f"{request.service_label} answered the request for outreach",
        body="Advice given" if kind == AnswerKind.ADVICE else f"Visit on {_day(visited_on)}",  # type: ignore[arg-type]
        by=by,
    )
    audit.record(
        by,
        TargetedAudit.OUTREACH_ANSWERED,
        child_id=request.child_id,
        obj=request,
        detail={"kind": kind, "days_to_answer": request.days_to_answer},
    )
    return request


@transaction.atomic
def outreach_withdraw(
    *, by: Principal, request_id: int, reason: str = "", expected_version: int | None = None
) -> OutreachRequest:
    request = _lock_outreach(by, request_id, "withdraw")
    check_version(request, expected_version)
    check_transition(OUTREACH_TRANSITIONS, request.status, OutreachStatus.WITHDRAWN, noun="request")
    old = request.status
    request.status = OutreachStatus.WITHDRAWN
    request.withdrawn_at = clock.now()
    request.withdrawn_reason = (reason or "").strip()
    request.version += 1
    request.save()
    timeline_append(
        child=request.child,
        kind="outreach.withdrawn",
        title=f"Request to {request.service_label.lower()} withdrawn",
        body=request.withdrawn_reason,
        by=by,
    )
    audit.record(
        by,
        TargetedAudit.OUTREACH_WITHDRAWN,
        child_id=request.child_id,
        obj=request,
        detail={"status": {"old": old, "new": OutreachStatus.WITHDRAWN}},
    )
    return request
