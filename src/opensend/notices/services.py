"""Every write of notices: the one service that issues a statutory decision notice, the council's
details for letters, and the notice's PDF (a task)."""

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.casework.notifications import family_of
from opensend.casework.services.common import case_event
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core import letters as stored_letters
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.core.tasks import enqueue_on_commit
from opensend.notify.services import notify

from . import letters
from .audit import NoticesAudit
from .kinds import KINDS, Subject
from .models import CONTACTS, DETAIL_FIELDS, CouncilDetails, DecisionNotice
from .policies import council_details_policy, notice_policy
from .tasks import render_notice_pdf

if TYPE_CHECKING:
    from opensend.casework.models import AssessmentRequest
    from opensend.plans.models import Plan, PlanVersion

MAX_REASONS = 5000
NOTIFY_KIND_ID = "notice.issued"
FINAL_VERSION_KIND = {"final_plan": "final", "amended_final": "amended_final"}


# The notice -----------------------------------------------------------------------------------------


def _check_subject(
    kind_id: str,
    child: Child,
    case: "AssessmentRequest | None",
    plan: "Plan | None",
    plan_version: "PlanVersion | None",
) -> Organisation:
    """The council deciding, from what the notice is about. A mismatch is a programming error."""
    spec = KINDS[kind_id]
    if spec.subject is Subject.CASE:
        if case is None or case.child_id != child.pk:
            raise ValueError(f"A {kind_id} notice needs the child's assessment case")
        return case.local_authority
    if plan is None or plan.child_id != child.pk:
        raise ValueError(f"A {kind_id} notice needs the child's EHC plan")
    if spec.needs_version and (
        plan_version is None
        or plan_version.plan_id != plan.pk
        or plan_version.kind != FINAL_VERSION_KIND[kind_id]
    ):
        raise ValueError(
            f"A {kind_id} notice needs the {FINAL_VERSION_KIND[kind_id]} version it is sent with"
        )
    return plan.local_authority


def _locked_current(supersedes: DecisionNotice, kind_id: str, child: Child) -> DecisionNotice:
    current = DecisionNotice.objects.select_for_update().filter(pk=supersedes.pk).first()
    if current is None or current.kind != kind_id or current.child_id != child.pk:
        raise ApplicationError(
            "A notice can only replace an earlier notice of the same decision for this child"
        )
    if DecisionNotice.objects.filter(supersedes=current).exists():
        raise ApplicationError(
            "That notice has already been replaced: only the latest notice can be replaced"
        )
    return current


def details_for(council: Organisation) -> CouncilDetails:
    """The council's details, refused with a message naming every setting that is missing."""
    details = CouncilDetails.objects.filter(local_authority=council).first()
    missing = letters.missing_settings(details)
    if missing:
        raise ApplicationError(
            f"The letter cannot be sent, so the decision has not been made: {council.name}'s council "
            f"details are missing {'; '.join(missing)}. A SEND manager can add them on the "
            "“Council details for letters” page",
            field="council_details",
            extra={"missing": missing},
        )
    assert details is not None
    return details


@transaction.atomic
def notice_issue(
    *,
    by: Principal,
    kind: str,
    child: Child,
    reasons: str,
    decided_on: dt.date,
    case: "AssessmentRequest | None" = None,
    plan: "Plan | None" = None,
    plan_version: "PlanVersion | None" = None,
    supersedes: DecisionNotice | None = None,
    panel_name: str = "",
    panel_met_on: dt.date | None = None,
) -> DecisionNotice:
    """Issue the statutory notice of an appealable decision: render and store the letter with its
    hash and the rule book's dates, put it on the child's timeline for the family, audit it, email
    the family a link to it, and make its PDF after commit.

    Refused (nothing written) when the council's details for letters are incomplete, with a message
    naming each missing setting. A notice never changes: a correction is a new notice that
    `supersedes` the current one.
    """
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not an appealable decision with a notice")
    spec = KINDS[kind]
    council = _check_subject(kind, child, case, plan, plan_version)
    if not notice_policy.can(by, "issue", council):
        raise NotFound()
    reasons = (reasons or "").replace("\x00", "").strip()
    if not reasons:
        raise ApplicationError(
            "Give the reasons for the decision: they go in the letter to the family", field="reasons"
        )
    if len(reasons) > MAX_REASONS:
        raise ApplicationError("The reasons must be 5,000 characters or fewer", field="reasons")
    dated = clock.today()
    if decided_on > dated:
        raise ApplicationError("The date of the decision must be today or in the past", field="decided_on")
    previous = _locked_current(supersedes, kind, child) if supersedes is not None else None
    details = details_for(council)
    dates = letters.notice_dates(dated)
    family = family_of(child)
    html = letters.compose(
        spec,
        child=child,
        council=council,
        details=details,
        reasons=reasons,
        decided_on=decided_on,
        dated=dated,
        dates=dates,
        to_names=[u.full_name for u in family],
        case=case,
        plan=plan,
        plan_version=plan_version,
        panel_name=panel_name,
        panel_met_on=panel_met_on,
        supersedes=previous,
    )
    notice = DecisionNotice.objects.create(
        kind=kind,
        child=child,
        local_authority=council,
        case=case,
        plan=plan,
        plan_version=plan_version,
        decided_on=decided_on,
        dated=dated,
        reasons=reasons,
        panel_name=panel_name,
        panel_met_on=panel_met_on,
        mediation_by=dates.mediation.due,
        appeal_by=dates.appeal.due,
        rule_set=dates.rule_set,
        html=html,
        html_sha256=letters.sha256(html),
        decided_by=by.user,
        decided_by_name=actor_name(by),
        supersedes=previous,
    )
    title = f"Letter sent: {spec.title[0].lower()}{spec.title[1:]}" + (
        " (replaces an earlier letter)" if previous else ""
    )
    body = f"You can appeal until {dates.appeal.due:%-d %B %Y}. Read the letter under “Decision letters”."
    if case is not None:
        case_event(case=case, by=by, kind="decision_notice", title=title, body=body)
    else:
        timeline_append(child=child, kind="notices.issued", title=title, body=body, by=by)
    audit.record(
        by,
        NoticesAudit.NOTICE_ISSUED,
        child_id=child.pk,
        obj=notice,
        detail={
            "kind": kind,
            "hash": notice.html_sha256,
            "case": case.pk if case else None,
            "plan": plan.pk if plan else None,
            "plan_version": plan_version.pk if plan_version else None,
            "supersedes": previous.pk if previous else None,
        },
    )
    context = {
        "child_name": child.full_name,
        "la_name": council.name,
        "decision": spec.phrase,
        "dated_on": dated,
        "appeal_by": dates.appeal.due,
        "mediation_by": dates.mediation.due,
        "replaces": previous is not None,
    }
    link = reverse("notices:notice", args=[notice.pk])
    for user in family:
        notify(to=user, kind=NOTIFY_KIND_ID, context=context, link=link, child=child)
    enqueue_on_commit(render_notice_pdf, notice.pk)
    return notice


def case_notice(
    *,
    by: Principal,
    case: "AssessmentRequest",
    kind: str,
    reasons: str,
    decided_on: dt.date,
    panel_name: str = "",
    panel_met_on: dt.date | None = None,
) -> DecisionNotice:
    """The writer casework calls for an appealable move (registered in NoticesConfig.ready())."""
    return notice_issue(
        by=by,
        kind=kind,
        child=case.child,
        case=case,
        reasons=reasons,
        decided_on=decided_on,
        panel_name=panel_name,
        panel_met_on=panel_met_on,
    )


# The PDF --------------------------------------------------------------------------------------------


def notices_retry_failed() -> int:
    """Start again on notices whose PDF gave up (after the cause is fixed); returns how many."""
    return stored_letters.retry_failed(DecisionNotice, render_notice_pdf)


# The council's details --------------------------------------------------------------------------------

_PHONE = re.compile(r"^\+?[0-9 ()-]{6,}$")


def _checked(values: Mapping[str, Any]) -> dict[str, str]:
    unknown = set(values) - set(DETAIL_FIELDS)
    if unknown:
        raise ApplicationError(
            f"Unknown council details: {', '.join(sorted(unknown))}", field=sorted(unknown)[0]
        )
    clean = {name: str(values.get(name) or "").replace("\x00", "").strip() for name in DETAIL_FIELDS}
    labels = {spec.prefix: spec.label for spec in CONTACTS}
    for name, value in clean.items():
        if not value:
            continue
        label = labels.get(name.rsplit("_", 1)[0], "Local Offer")
        if name.endswith("_email"):
            try:
                validate_email(value)
            except ValidationError:
                raise ApplicationError(
                    f"{label}: enter an email address in the correct format, like name@example.org",
                    field=name,
                ) from None
        elif name.endswith(("_website", "_url")):
            try:
                URLValidator(schemes=["https", "http"])(value)
            except ValidationError:
                raise ApplicationError(
                    f"{label}: enter a web address starting with https://, like https://www.example.org",
                    field=name,
                ) from None
        elif name.endswith("_telephone") and not _PHONE.match(value):
            raise ApplicationError(
                f"{label}: enter a telephone number using only numbers, spaces and brackets, "
                "like 020 7946 0000",
                field=name,
            )
        limit = 5000 if name == "schools_information" else 200
        if len(value) > limit:
            raise ApplicationError(f"{label}: this must be {limit:,} characters or fewer", field=name)
    return clean


@transaction.atomic
def council_details_save(
    *,
    by: Principal,
    local_authority: Organisation,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> CouncilDetails:
    """Change the council's details for letters. Letters already sent keep the details they were
    sent with (they are stored); the next letter uses the new ones."""
    if local_authority.kind != OrganisationKind.LOCAL_AUTHORITY or not council_details_policy.can(
        by, "edit", local_authority
    ):
        raise NotFound()
    clean = _checked(values)
    details = CouncilDetails.objects.select_for_update().filter(local_authority=local_authority).first()
    if details is not None and expected_version is not None and details.version != expected_version:
        raise Conflict(
            "Someone else changed these details while you were looking at them. Nothing has been saved: "
            "check the details as they are now, then make your change again",
            extra={"current_version": details.version},
        )
    old = {name: getattr(details, name) for name in DETAIL_FIELDS} if details is not None else {}
    if details is None:
        details = CouncilDetails(local_authority=local_authority)
    else:
        details.version += 1
    for name, value in clean.items():
        setattr(details, name, value)
    details.updated_by = by.user
    details.updated_by_name = actor_name(by)
    details.save()
    changed = {
        name: {"old": old.get(name, ""), "new": value}
        for name, value in clean.items()
        if old.get(name, "") != value
    }
    audit.record(by, NoticesAudit.DETAILS_CHANGED, obj=details, detail={"changed": changed})
    return details
