"""Asking for advice (rule A3), cancelling a request, reuse under Regulation 6(4), and moving the case
on once every piece of advice is in."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import GRANT_ROLES, OrganisationKind
from opensend.advice.audit import AdviceAudit
from opensend.advice.codes import AdviceStatus, AdviceType, RequestStatus, school_year, types_offered
from opensend.advice.models import Advice, AdviceRequest, AdviceReuse
from opensend.advice.policies import ADVISER_ROLES, advice_policy
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest, CaseDocument
from opensend.casework.services import case_transition
from opensend.casework.services.common import case_event
from opensend.children.models import ProfessionalInvolvement
from opensend.children.services import involvement_end, involvement_grant
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.rulebook.engine import fast_due

from .common import advisers_of, tell

# Organisations whose people can be asked for advice on a council's case.
ADVISER_ORG_KINDS = (
    OrganisationKind.LOCAL_AUTHORITY,
    OrganisationKind.EDUCATION_SETTING,
    OrganisationKind.HEALTH_BODY,
    OrganisationKind.SOCIAL_CARE_TEAM,
)
# A grant lasts while the request is open; this long at most, ended early when advice arrives.
GRANT_DAYS = 180


def candidate_organisations(case: AssessmentRequest) -> "list[Organisation]":
    """The council, and the settings, health bodies and care teams of its area (and the child's setting)."""
    q = Q(pk=case.local_authority_id) | Q(
        local_authority_id=case.local_authority_id, kind__in=ADVISER_ORG_KINDS
    )
    if case.child.current_setting_id is not None:
        q |= Q(pk=case.child.current_setting_id)
    return list(Organisation.objects.filter(q).order_by("name"))


def candidate_advisers(case: AssessmentRequest) -> list[Membership]:
    """Live memberships with an adviser's role at those organisations, one line per person and place."""
    orgs = [o.pk for o in candidate_organisations(case)]
    return list(
        Membership.objects.live(clock.today())
        .filter(organisation_id__in=orgs, role__in=ADVISER_ROLES, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("user__full_name", "organisation__name", "id")
    )


def _check_type(case: AssessmentRequest, advice_type: str, today: dt.date) -> AdviceType:
    try:
        kind = AdviceType(advice_type)
    except ValueError:
        raise ApplicationError("Choose the type of advice", field="advice_type") from None
    if kind not in types_offered(case.child.date_of_birth, today):
        year = school_year(case.child.date_of_birth, today)
        where = "not yet at school" if year < 1 else f"in Year {year}"
        raise ApplicationError(
            "Preparing for adulthood advice is asked for from Year 9 onwards. "
            f"{case.child.full_name} is {where}",
            field="advice_type",
        )
    return kind


def _locked_case(by: Principal, case: AssessmentRequest, action: str) -> AssessmentRequest:
    locked = (
        AssessmentRequest.objects.select_for_update(of=("self",))
        .select_related("child", "local_authority", "caseworker")
        .filter(pk=case.pk)
        .first()
    )
    if locked is None or not advice_policy.can(by, action, locked):
        raise NotFound()
    if locked.status != Status.ASSESSING:
        raise ApplicationError(
            f"Advice is gathered while the council is assessing. This case is at "
            f"“{Status(locked.status).label}”",
            field="advice_type",
        )
    return locked


@transaction.atomic
def advice_request(
    *,
    by: Principal,
    case: AssessmentRequest,
    advice_type: str,
    question: str,
    adviser: User | None = None,
    organisation: Organisation | None = None,
) -> AdviceRequest:
    """Ask one person (or an organisation) for one type of advice, due 6 weeks from today (A3).

    A named health or care professional is given access to the child's record for the life of the
    request (a `ProfessionalInvolvement` naming the case), ended when the advice arrives.
    """
    case = _locked_case(by, case, "request")
    today = clock.today()
    kind = _check_type(case, advice_type, today)
    question = question.strip()
    if not question:
        raise ApplicationError("Say what you would like the adviser to cover", field="question")
    orgs = {o.pk: o for o in candidate_organisations(case)}
    if adviser is None and organisation is None:
        raise ApplicationError("Choose a person or an organisation to ask", field="adviser")
    if adviser is not None:
        memberships = [m for m in candidate_advisers(case) if m.user_id == adviser.pk]
        if organisation is not None:
            memberships = [m for m in memberships if m.organisation_id == organisation.pk]
        if not memberships:
            raise ApplicationError(
                "Choose someone who works in health, social care, a school or setting, or the council's "
                "SEND service in this area",
                field="adviser",
            )
        organisation = memberships[0].organisation
    assert organisation is not None
    if organisation.pk not in orgs:
        raise ApplicationError("Choose an organisation in this council's area", field="organisation")
    if case.advice_reuses.filter(advice_type=kind).exists():
        raise ApplicationError(
            f"{kind.label} advice is already covered by existing advice that everyone agreed to reuse",
            field="advice_type",
        )
    duplicate = case.advice_requests.filter(
        advice_type=kind, status=RequestStatus.REQUESTED, organisation=organisation, adviser=adviser
    ).first()
    if duplicate is not None:
        raise ApplicationError(
            f"{kind.label} advice has already been asked of {duplicate.adviser_name} "
            f"on {duplicate.requested_on:%-d %B %Y}",
            field="advice_type",
        )
    due = fast_due("A3", on=today)(today)
    request = AdviceRequest.objects.create(
        case=case,
        child=case.child,
        advice_type=kind,
        adviser=adviser,
        organisation=organisation,
        question=question,
        requested_on=today,
        due_on=due,
        requested_by=by.user,
        requested_by_name=actor_name(by),
    )
    if (
        adviser is not None
        and Membership.objects.live(today)
        .filter(user=adviser, organisation=organisation, role__in=GRANT_ROLES)
        .exists()
    ):
        request.grant = involvement_grant(
            by=by,
            child=case.child,
            user=adviser,
            organisation=organisation,
            reason=f"{kind.label} advice for EHC needs assessment {case.reference}",
            valid_to=today + dt.timedelta(days=GRANT_DAYS),
            case_reference=case.reference,
        )
        request.save(update_fields=["grant"])
    case_event(
        case=case,
        by=by,
        kind="advice_requested",
        title=f"{kind.label} advice asked of {request.adviser_name}, due {due:%-d %B %Y}",
    )
    audit.record(by, AdviceAudit.REQUESTED, child_id=case.child_id, obj=request)
    tell(
        advisers_of(request),
        kind="advice.requested",
        context={
            "child_name": case.child.full_name,
            "la_name": case.local_authority.name,
            "advice_type": kind.label,
            "due_on": due,
        },
        link=reverse("advice:request", args=[request.pk]),
        case=case,
    )
    return request


def end_grant(*, by: Principal, request: AdviceRequest, why: str) -> None:
    """End the adviser's access to the child's record: the request it was given for is over.

    The adviser (who ends it by submitting) may not manage the child's relationships, so this goes
    through `children.services.involvement_end`, not `involvement_revoke` (ADR 0084)."""
    if request.grant_id is None:
        return
    grant = ProfessionalInvolvement.objects.filter(pk=request.grant_id, revoked_at__isnull=True).first()
    if grant is None:
        return
    involvement_end(by=by, grant=grant, why=why)
    audit.record(by, AdviceAudit.GRANT_ENDED, child_id=request.child_id, obj=grant)


@transaction.atomic
def advice_request_cancel(*, by: Principal, request: AdviceRequest, reason: str) -> AdviceRequest:
    """Withdraw a request (the wrong person was asked, or the case has changed). Ends the grant."""
    locked = (
        AdviceRequest.objects.select_for_update(of=("self",))
        .select_related("case", "child")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None or not advice_policy.can(by, "request", locked.case):
        raise NotFound()
    if locked.status != RequestStatus.REQUESTED:
        raise ApplicationError("Only a request still waiting for advice can be cancelled", field="reason")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Say why the request is cancelled", field="reason")
    return _cancel(by=by, locked=locked, reason=reason)


def _cancel(*, by: Principal, locked: AdviceRequest, reason: str) -> AdviceRequest:
    locked.status = RequestStatus.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    end_grant(by=by, request=locked, why="the request for advice was cancelled")
    case_event(
        case=locked.case,
        by=by,
        kind="advice_cancelled",
        title=f"Request for {locked.get_advice_type_display()} advice cancelled",
        body=reason,
        visible_to_family=False,
    )
    audit.record(by, AdviceAudit.CANCELLED, child_id=locked.child_id, obj=locked, detail={"reason": reason})
    return locked


@transaction.atomic
def advice_reuse_record(
    *,
    by: Principal,
    case: AssessmentRequest,
    advice_type: str,
    source_description: str,
    family_agreed_on: dt.date,
    family_agreed_by: str,
    adviser_agreed_on: dt.date,
    adviser_agreed_by: str,
    la_agreed_on: dt.date,
    source_advice: Advice | None = None,
    source_document: CaseDocument | None = None,
) -> AdviceReuse:
    """Record that existing advice is sufficient (Regulation 6(4)): the council, the family and the
    adviser each agreed. It satisfies the advice type for this case without a new request."""
    case = _locked_case(by, case, "reuse")
    today = clock.today()
    kind = _check_type(case, advice_type, today)
    if case.advice_reuses.filter(advice_type=kind).exists():
        raise ApplicationError(f"Reused {kind.label.lower()} advice is already recorded", field="advice_type")
    if source_advice is not None and not (
        source_advice.status == AdviceStatus.SUBMITTED and source_advice.request.child_id == case.child_id
    ):
        raise ApplicationError("Choose advice already given for this child", field="source_advice")
    if source_document is not None and source_document.child_id != case.child_id:
        raise ApplicationError("Choose a document on this child's record", field="source_document")
    source_description = source_description.strip()
    if not source_description:
        raise ApplicationError(
            "Describe the existing advice: who gave it, what it is and when", field="source_description"
        )
    for field, value, who in (
        ("family_agreed", family_agreed_on, family_agreed_by),
        ("adviser_agreed", adviser_agreed_on, adviser_agreed_by),
        ("la_agreed", la_agreed_on, "x"),
    ):
        if value is None:
            raise ApplicationError("Enter the date they agreed", field=f"{field}_on")
        if value > today:
            raise ApplicationError("The date they agreed must be today or in the past", field=f"{field}_on")
        if not who.strip():
            raise ApplicationError("Enter the name of the person who agreed", field=f"{field}_by")
    reuse = AdviceReuse.objects.create(
        case=case,
        child=case.child,
        advice_type=kind,
        source_advice=source_advice,
        source_document=source_document,
        source_description=source_description[:300],
        family_agreed_on=family_agreed_on,
        family_agreed_by=family_agreed_by.strip()[:200],
        adviser_agreed_on=adviser_agreed_on,
        adviser_agreed_by=adviser_agreed_by.strip()[:200],
        la_agreed_on=la_agreed_on,
        recorded_by=by.user,
        recorded_by_name=actor_name(by),
    )
    case_event(
        case=case,
        by=by,
        kind="advice_reused",
        title=f"Existing {kind.label.lower()} advice reused, as everyone agreed",
        body=source_description,
    )
    audit.record(by, AdviceAudit.REUSED, child_id=case.child_id, obj=reuse)
    return reuse


@transaction.atomic
def advice_complete(
    *, by: Principal, case: AssessmentRequest, expected_version: int | None = None
) -> AssessmentRequest:
    """Move the case to "advice complete" once every request is answered or covered by reuse."""
    from opensend.advice.selectors import outstanding

    locked = _locked_case(by, case, "complete")
    waiting = outstanding(locked)
    if waiting is None:
        raise ApplicationError("Ask for advice, or record reused advice, before moving on", field="to")
    if waiting:
        names = "; ".join(f"{r.get_advice_type_display()} from {r.adviser_name}" for r in waiting)
        raise ApplicationError(f"Advice is still awaited: {names}", field="to")
    return case_transition(by=by, case=locked, to=Status.ADVICE_COMPLETE, expected_version=expected_version)


def cancel_open_requests_when_case_closes(
    *, by: Principal, case: AssessmentRequest, old: str, new: str
) -> None:
    """A withdrawn, exported or refused case needs no more advice: cancel what is still open."""
    from opensend.casework.workflow import OPEN_STATUSES

    if new in OPEN_STATUSES:
        return
    # The transition that calls this has already checked that `by` may close the case.
    open_requests = AdviceRequest.objects.select_for_update(of=("self",)).select_related("case", "child")
    for request in open_requests.filter(case=case, status=RequestStatus.REQUESTED):
        _cancel(by=by, locked=request, reason=f"The case closed: {case.get_status_display().lower()}")
