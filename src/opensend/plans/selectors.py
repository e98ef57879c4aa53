"""Every read of EHC plans, scoped by the policy, and audited when it shows a child's data."""

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES
from opensend.casework.models import AssessmentRequest
from opensend.rulebook.engine import due_date

from . import quality
from .audit import PlansAudit
from .models import FINAL_KINDS, PHASE_RULES, Plan, PlanComment, PlanSection, PlanVersion
from .policies import plan_policy
from .services.drafting import working_document


def plan_for_editing(principal: Principal, plan_id: int) -> Plan:
    plan = (
        Plan.objects.select_related("child", "local_authority", "case", "current_version")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not plan_policy.can(principal, "draft", plan):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=plan.child_id, obj=plan)
    return plan


@dataclasses.dataclass
class EditorView:
    plan: Plan
    sections: list[PlanSection]
    problems: list[quality.Problem]
    draft_problems: list[quality.Problem]


def editor(plan: Plan) -> EditorView:
    sections = list(plan.sections.order_by("id"))
    doc = working_document(plan, sections)
    kind = "final" if plan.status != "drafting" else "draft"
    return EditorView(plan, sections, quality.check(doc, kind), quality.check(doc, "draft"))


def version_get(principal: Principal, version_id: int) -> PlanVersion:
    version = (
        plan_policy.visible(
            principal, PlanVersion.objects.select_related("plan", "plan__child", "plan__local_authority")
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=version.plan.child_id, obj=version)
    return version


def versions_of(principal: Principal, plan: Plan) -> list[PlanVersion]:
    return list(plan_policy.visible(principal, plan.versions.select_related("plan")).order_by("number"))


def document(version: PlanVersion) -> dict[str, Any]:
    return json.loads(version.canonical)


def comments(version: PlanVersion) -> list[PlanComment]:
    return list(version.comments.all())


def review_by(version: PlanVersion) -> dt.date | None:
    made = version.plan.made_on
    return due_date("R1", made).due if made and version.kind in FINAL_KINDS else None


def plan_for_case(case: AssessmentRequest) -> Plan | None:
    return Plan.objects.filter(case=case).select_related("current_version").first()


def council_plans(principal: Principal) -> QuerySet[Plan]:
    la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
    return (
        Plan.objects.filter(local_authority_id__in=la_ids)
        .select_related("child", "current_version")
        .annotate(problems=Count("quality_problems"))
        .order_by("-updated_at", "-id")
    )


def quality_report(principal: Principal) -> list[dict[str, Any]]:
    """Set-based: one GROUP BY over the stored problems of the council's plans being drafted."""
    la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
    from .models import QualityProblem

    rows = (
        QualityProblem.objects.filter(
            local_authority_id__in=la_ids, plan__status__in=["drafting", "draft_issued"]
        )
        .values("rule")
        .annotate(problems=Count("id"), plans=Count("plan", distinct=True))
        .order_by("-plans", "rule")
    )
    return [{**r, "title": quality.RULES[r["rule"]].title} for r in rows if r["rule"] in quality.RULES]


def child_plans(principal: Principal, child_id: int) -> list[Plan]:
    plans = list(
        plan_policy.visible(
            principal, Plan.objects.filter(child_id=child_id).select_related("current_version")
        )
    )
    if plans:
        audit.record_reads(principal, PlansAudit.LISTED, [child_id])
    return plans


def child_reviews(principal: Principal, plans: list[Plan]) -> dict[int, list[Any]]:
    """Each plan's reviews this person may open, newest first: all of them for the council, the
    setting holding the review and the family; the ones they were invited to for anyone else.
    Two queries whatever the number of plans and reviews."""
    from .models import Review

    if not plans:
        return {}
    everything = [
        p.pk for p in plans if plan_policy.can(principal, "review", p) or plan_policy.is_family(principal, p)
    ]
    q = Q(plan_id__in=everything)
    if principal.user is not None:
        q |= Q(plan_id__in=[p.pk for p in plans], invitations__user=principal.user)
    rows = Review.objects.filter(q).select_related("decision").distinct().order_by("-meeting_on", "-id")
    out: dict[int, list[Any]] = {p.pk: [] for p in plans}
    for r in rows:
        out[r.plan_id].append(r)
    return out


def export_stream(local_authority_id: int, chunk_size: int = 500) -> Iterator[str]:
    """A JSON array of the current version of every plan of a council, streamed in chunks: memory does
    not grow with the number of plans, and the stored canonical text is written as it is."""
    rows = (
        PlanVersion.objects.filter(
            plan__local_authority_id=local_authority_id, plan__current_version_id=F("pk")
        )
        .order_by("id")
        .values_list("canonical", flat=True)
        .iterator(chunk_size=chunk_size)
    )
    yield "["
    first = True
    for canonical in rows:
        yield canonical if first else "," + canonical
        first = False
    yield "]"


# --- Wave 2: reviews, amendments, ceasing, transfers (ADR 0100-0104) ---------------------------

REVIEW_WINDOW_DAYS = 56  # "Reviews due": overdue, or due in the next 8 weeks
IN_FORCE = ("final_issued", "amending", "ceasing")
OPEN_REVIEW = ("scheduled", "held")


def _council_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]


def reviews_due(principal: Principal, today: dt.date) -> QuerySet[Plan]:
    """Set-based: one indexed range query on the stored R1/X3 date, with the arranged meeting (if any)
    as a subquery, so a page costs the same number of queries whatever its length."""
    from django.db.models import OuterRef, Subquery

    from .models import Review

    meeting = Review.objects.filter(plan=OuterRef("pk"), status__in=OPEN_REVIEW).order_by("-id")
    return (
        Plan.objects.filter(
            local_authority_id__in=_council_ids(principal),
            status__in=IN_FORCE,
            next_review_due__lte=today + dt.timedelta(days=REVIEW_WINDOW_DAYS),
        )
        .select_related("child", "named_setting")
        .annotate(
            meeting_on=Subquery(meeting.values("meeting_on")[:1]),
            review_id=Subquery(meeting.values("pk")[:1]),
        )
        .order_by("next_review_due", "id")
    )


def next_setting_named_q() -> Q:
    """The plan in force names the next setting: an (amended) final has replaced the one in force when
    the phase transfer was recorded (final plans must name a setting in section I; ADR 0106)."""
    return Q(phase_transfer_version__isnull=False, in_force_version__isnull=False) & ~Q(
        in_force_version=F("phase_transfer_version")
    )


def with_next_setting_named(qs: QuerySet[Plan]) -> QuerySet[Plan]:
    return qs.annotate(
        next_setting_named=Case(When(next_setting_named_q(), then=Value(True)), default=Value(False))
    )


@dataclasses.dataclass(frozen=True)
class PhaseWarning:
    overdue: bool
    due: dt.date
    message: str


def phase_warning(plan: Plan, today: dt.date) -> PhaseWarning | None:
    """A warning while the next setting is not named by the P1/P2/P3 date stored from the rule book.
    Uses the `next_setting_named` annotation when present, else asks the database."""
    if not plan.phase_transfer_due or plan.status not in IN_FORCE:
        return None
    named = getattr(plan, "next_setting_named", None)
    if named is None:
        named = Plan.objects.filter(next_setting_named_q(), pk=plan.pk).exists()
    if named:
        return None
    due = plan.phase_transfer_due
    rule = PHASE_RULES.get(plan.next_phase, "P1") if plan.next_phase else "P1"  # type: ignore[call-overload]
    if due < today:
        message = (
            f"The next school or college is not named in the plan: it was due by {due:%-d %B %Y} ({rule})"
        )
    else:
        message = (
            f"The next school or college is not yet named in the plan: name it by {due:%-d %B %Y} ({rule})"
        )
    return PhaseWarning(overdue=due < today, due=due, message=message)


def phase_transfers_due(principal: Principal, today: dt.date) -> QuerySet[Plan]:
    """Plans with a phase transfer whose P1/P2/P3 date is within a year (or passed), soonest first,
    each annotated with whether the plan in force already names the next setting."""
    return with_next_setting_named(
        Plan.objects.filter(
            local_authority_id__in=_council_ids(principal),
            status__in=IN_FORCE,
            phase_transfer_due__isnull=False,
            phase_transfer_due__lte=today + dt.timedelta(days=366),
        )
        .select_related("child")
        .order_by("phase_transfer_due", "id")
    )


def plan_overview(principal: Principal, plan_id: int) -> Plan:
    """A plan in force for the council's staff (and the setting's SENCo, who may hold the review)."""
    plan = (
        Plan.objects.select_related(
            "child", "local_authority", "in_force_version", "current_version", "named_setting"
        )
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not plan_policy.can(principal, "review", plan):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=plan.child_id, obj=plan)
    return plan


def reviews_of(plan: Plan) -> list[Any]:
    return list(plan.reviews.select_related("decision").order_by("-meeting_on", "-id"))


def review_get(principal: Principal, review_id: int) -> Any:
    from .models import Review

    review = (
        Review.objects.select_related("plan", "plan__child", "plan__local_authority", "convened_by")
        .filter(pk=review_id)
        .first()
    )
    if review is None or not plan_policy.can(principal, "view", review):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=review.plan.child_id, obj=review)
    return review


def review_detail(review: Any) -> dict[str, Any]:
    decision = getattr(review, "decision", None) if review.status == "decided" else None
    return {
        "invitations": list(review.invitations.select_related("user", "organisation").order_by("id")),
        "contributions": list(review.contributions.all()),
        "decision": decision,
    }


def amendment_of(plan: Plan) -> Any:
    return plan.amendments.select_related("notice_version", "final_version", "decision").first()


def ceasing_of(plan: Plan) -> Any:
    return plan.ceasings.first()


def effective_status(plan: Plan, today: dt.date) -> str:
    """`ceasing` becomes `ceased` once the appeal window has closed with no appeal, whether or not the
    task has run yet (ADR 0104)."""
    if plan.status == "ceasing":
        ceasing = plan.ceasings.first()
        if ceasing and not ceasing.appeal_lodged_on and ceasing.appeal_by < today:
            return "ceased"
    return str(plan.status)


def transfers_for(principal: Principal) -> tuple[list[Any], list[Any]]:
    """(incoming, outgoing) transfers of the principal's councils, newest first."""
    from .models import PlanTransfer

    la_ids = _council_ids(principal)
    base = PlanTransfer.objects.select_related("child", "from_la", "to_la", "new_plan", "plan")
    incoming = list(base.filter(to_la_id__in=la_ids).order_by("status", "-sent_on", "-id")[:200])
    outgoing = list(base.filter(from_la_id__in=la_ids).order_by("status", "-sent_on", "-id")[:200])
    audit.record_reads(principal, PlansAudit.LISTED, [t.child_id for t in incoming + outgoing])
    return incoming, outgoing


def transfer_get(principal: Principal, transfer_id: int) -> Any:
    from .models import PlanTransfer

    transfer = (
        PlanTransfer.objects.select_related("child", "from_la", "to_la", "version", "new_plan", "plan")
        .filter(pk=transfer_id)
        .first()
    )
    if transfer is None or not (
        plan_policy.can(principal, "view", transfer) or plan_policy.can(principal, "receive", transfer)
    ):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=transfer.child_id, obj=transfer)
    return transfer


def councils_except(la_id: int) -> QuerySet[Any]:
    from opensend.accounts.models import Organisation

    return Organisation.objects.filter(kind="local_authority").exclude(pk=la_id).order_by("name")
