"""Requests for an assessment: the family's or SENCo's draft, and receiving a request."""

import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.casework import notifications
from opensend.casework.audit import CaseworkAudit
from opensend.casework.codes import PrimaryNeed, RequestSource
from opensend.casework.deadlines import next_deadline
from opensend.casework.models import AssessmentRequest, CaseDocument, RequestDraft
from opensend.casework.policies import case_policy, family_child_q
from opensend.casework.workflow import OPEN_STATUSES
from opensend.children.models import Child
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.support.selectors import support_history

from .common import case_event

log = logging.getLogger(__name__)

# An EHC needs assessment is for a child or young person up to their 25th birthday.
MAX_AGE = 25
CLOCK_STARTS = dt.date(2014, 9, 1)  # the SEND Regulations 2014 came into force
DRAFT_FIELDS = ("reasons", "support_so_far", "family_views", "in_youth_accommodation", "consent_given")


def _open_request(child: Child) -> AssessmentRequest | None:
    return AssessmentRequest.objects.filter(child=child, status__in=OPEN_STATUSES).first()


def _refuse_open_request(child: Child, existing: AssessmentRequest) -> ApplicationError:
    return ApplicationError(
        f"There is already an open request for {child.full_name}, received on "
        f"{existing.received_on:%-d %B %Y} ({existing.reference}). You can add evidence to that "
        "request instead of making a new one",
        field="child",
    )


def check_can_request(child: Child, received_on: dt.date) -> None:
    """Refuse a child who is 25 or over, or who already has an open request."""
    if child.age_on(received_on) >= MAX_AGE:
        raise ApplicationError(
            f"{child.full_name} was 25 or over on {received_on:%-d %B %Y}. An EHC needs assessment is only "
            "for children and young people up to their 25th birthday",
            field="child",
        )
    existing = _open_request(child)
    if existing is not None:
        raise _refuse_open_request(child, existing)


def online_source(by: Principal, child: Child) -> RequestSource:
    if Child.objects.filter(family_child_q(by), pk=child.pk).exists():
        return RequestSource.FAMILY
    return RequestSource.SETTING


@transaction.atomic
def request_receive(
    *,
    by: Principal,
    child: Child,
    reasons: str,
    consent_given: bool,
    source: RequestSource | int | None = None,
    received_on: dt.date | None = None,
    support_so_far: str = "",
    family_views: str = "",
    in_youth_accommodation: bool = False,
    requester_name: str = "",
    primary_need: str = "",
) -> AssessmentRequest:
    """Record a request and start the statutory clock.

    A family or a SENCo asking online: the source follows from who they are and the clock starts
    today. The council's staff recording one that came by post, phone or email give the source and
    the day it arrived.
    """
    today = clock.today()
    if case_policy.can(by, "record", child):
        if source is None:
            raise ApplicationError("Choose who made the request", field="source")
        if received_on is None:
            raise ApplicationError("Enter the date the council received the request", field="received_on")
    elif case_policy.can(by, "request", child):
        source = online_source(by, child)
        received_on = today
    else:
        raise NotFound()
    try:
        source = RequestSource(int(source))
    except ValueError:
        raise ApplicationError("Choose who made the request", field="source") from None
    if received_on > today:
        raise ApplicationError("The date received must be today or in the past", field="received_on")
    if received_on < max(CLOCK_STARTS, child.date_of_birth):
        raise ApplicationError(
            "The date received must be after the child's birth and on or after 1 September 2014",
            field="received_on",
        )
    if not reasons.strip():
        raise ApplicationError("Describe the child's needs and why an assessment is needed", field="reasons")
    if not consent_given:
        raise ApplicationError(
            "The parent or young person must agree to the request before it is sent", field="consent_given"
        )
    if primary_need and primary_need not in PrimaryNeed.values:
        raise ApplicationError("Choose a primary need from the list", field="primary_need")
    # Lock the child so that two requests for the same child cannot both pass the check.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    check_can_request(child, received_on)
    rule_id, due = next_deadline("received", received_on)
    setting = child.current_setting if source == RequestSource.SETTING else None
    try:
        with transaction.atomic():
            case = AssessmentRequest.objects.create(
                child=child,
                local_authority_id=child.responsible_la_id,
                source=source,
                received_on=received_on,
                requested_by=by.user,
                requester_name=requester_name.strip()[:200] or (by.user.full_name if by.user else ""),
                requester_organisation=setting,
                consent_given=True,
                consent_recorded_on=today,
                in_youth_accommodation=in_youth_accommodation,
                reasons=reasons.strip(),
                support_so_far=support_so_far.strip(),
                family_views=family_views.strip(),
                primary_need=primary_need,
                next_rule=rule_id,
                next_due_on=due,
            )
    except IntegrityError:
        existing = _open_request(child)
        if existing is None:
            raise
        raise _refuse_open_request(child, existing) from None
    if source == RequestSource.SETTING:
        attach_support_history(case, by=by)
    case_event(
        case=case,
        by=by,
        kind="received",
        title="Request for an EHC needs assessment received",
        body=f"Received on {received_on:%-d %B %Y} from: {source.label.lower()}.",
        to_status=case.status,
    )
    audit.record(
        by,
        CaseworkAudit.CASE_RECEIVED,
        child_id=child.pk,
        obj=case,
        detail={"source": int(source), "received_on": received_on.isoformat()},
    )
    notifications.request_received(case.pk)
    return case


def attach_support_history(case: AssessmentRequest, *, by: Principal) -> None:
    """Keep a snapshot of the child's SEN support history, as the requester may see it, with the request."""
    try:
        with transaction.atomic():  # a savepoint: a failure here must not break the request's transaction
            snapshot = support_history(by, case.child)
    except Exception:  # a failing snapshot must not lose the request
        log.exception("support_history failed for case %s", case.pk)
        return
    case.support_history = _jsonable(snapshot)
    case.save(update_fields=["support_history", "updated_at"])


def _jsonable(value: Any) -> Any:
    import dataclasses
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    elif hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


# Drafts ----------------------------------------------------------------------------------------


def draft_get_or_start(*, by: Principal, child: Child) -> RequestDraft:
    if by.user is None or not case_policy.can(by, "request", child):
        raise NotFound()
    draft, _ = RequestDraft.objects.get_or_create(user=by.user, child=child)
    return draft


@transaction.atomic
def draft_save(*, by: Principal, draft: RequestDraft, answers: dict[str, Any]) -> RequestDraft:
    """Keep the answers given so far, so the person can come back later."""
    if by.user is None or draft.user_id != by.user.pk:
        raise NotFound()
    unknown = set(answers) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"Not draft answers: {sorted(unknown)}")
    draft.answers = {**draft.answers, **answers}
    draft.save(update_fields=["answers", "updated_at"])
    audit.record(by, CaseworkAudit.DRAFT_SAVED, child_id=draft.child_id, obj=draft)
    return draft


@transaction.atomic
def draft_discard(*, by: Principal, draft: RequestDraft) -> None:
    if by.user is None or draft.user_id != by.user.pk:
        raise NotFound()
    audit.record(by, CaseworkAudit.DRAFT_DISCARDED, child_id=draft.child_id, obj=draft)
    for document in draft.documents.filter(case__isnull=True):
        document.file.delete(save=False)
        document.delete()
    draft.delete()


@transaction.atomic
def request_submit(*, by: Principal, draft: RequestDraft) -> AssessmentRequest:
    """Send a finished draft: the request is received today, its evidence moves to the case."""
    if by.user is None or draft.user_id != by.user.pk:
        raise NotFound()
    answers = draft.answers
    case = request_receive(
        by=by,
        child=draft.child,
        reasons=str(answers.get("reasons", "")),
        support_so_far=str(answers.get("support_so_far", "")),
        family_views=str(answers.get("family_views", "")),
        in_youth_accommodation=bool(answers.get("in_youth_accommodation", False)),
        consent_given=bool(answers.get("consent_given", False)),
    )
    CaseDocument.objects.filter(draft=draft).update(case=case, draft=None)
    draft.delete()
    return case
