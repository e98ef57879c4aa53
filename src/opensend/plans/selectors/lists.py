"""The council's lists: its plans and their quality, reviews due, phase transfers due. Set-based
queries with a constant number per page; each page audits one read row per child shown."""

import dataclasses
import datetime as dt
from typing import Any

from django.core.paginator import Page
from django.db.models import Case, CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES
from opensend.plans import quality, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import PHASE_RULES, Plan, QualityProblem, Review

REVIEW_WINDOW_DAYS = 56  # "Reviews due": overdue, or due in the next 8 weeks


def council_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]


def council_plans(principal: Principal) -> QuerySet[Plan]:
    """The council's plans, newest change first; `opens` names the page a row links to: the editor
    while the plan is being drafted, its reviews and changes after that."""
    return (
        Plan.objects.filter(local_authority_id__in=council_ids(principal))
        .select_related("child", "current_version")
        .annotate(
            problems=Count("quality_problems"),
            opens=Case(
                When(status__in=workflow.BEING_DRAFTED, then=Value("plans:edit")),
                default=Value("plans:overview"),
                output_field=CharField(),
            ),
        )
        .order_by("-updated_at", "-id")
    )


def council_plans_page(principal: Principal, page: int) -> Page[Plan]:
    return audit.page_of_reads(principal, council_plans(principal), PlansAudit.LISTED, page)


def quality_report(principal: Principal) -> list[dict[str, Any]]:
    """Set-based: one GROUP BY over the stored problems of the council's plans being drafted."""
    rows = (
        QualityProblem.objects.filter(
            local_authority_id__in=council_ids(principal), plan__status__in=workflow.BEING_DRAFTED
        )
        .values("rule")
        .annotate(problems=Count("id"), plans=Count("plan", distinct=True))
        .order_by("-plans", "rule")
    )
    return [{**r, "title": quality.RULES[r["rule"]].title} for r in rows if r["rule"] in quality.RULES]


def reviews_due(principal: Principal, today: dt.date) -> QuerySet[Plan]:
    """Set-based: one indexed range query on the stored R1/X3 date, with the arranged meeting (if any)
    as a subquery, so a page costs the same number of queries whatever its length."""
    meeting = Review.objects.filter(plan=OuterRef("pk"), status__in=workflow.OPEN_REVIEW).order_by("-id")
    return (
        Plan.objects.filter(
            local_authority_id__in=council_ids(principal),
            status__in=workflow.IN_FORCE,
            next_review_due__lte=today + dt.timedelta(days=REVIEW_WINDOW_DAYS),
        )
        .select_related("child", "named_setting")
        .annotate(
            meeting_on=Subquery(meeting.values("meeting_on")[:1]),
            review_id=Subquery(meeting.values("pk")[:1]),
        )
        .order_by("next_review_due", "id")
    )


def reviews_due_page(principal: Principal, today: dt.date, page: int, per_page: int = 25) -> Page[Plan]:
    return audit.page_of_reads(principal, reviews_due(principal, today), PlansAudit.LISTED, page, per_page)


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
    if not plan.phase_transfer_due or plan.status not in workflow.IN_FORCE:
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
            local_authority_id__in=council_ids(principal),
            status__in=workflow.IN_FORCE,
            phase_transfer_due__isnull=False,
            phase_transfer_due__lte=today + dt.timedelta(days=366),
        )
        .select_related("child")
        .order_by("phase_transfer_due", "id")
    )


def phase_transfers_page(principal: Principal, today: dt.date, page: int, per_page: int = 25) -> Page[Plan]:
    """A page of phase transfers due; each row carries its `warning` (None once the setting is named)."""
    result: Page[Plan] = audit.page_of_reads(
        principal, phase_transfers_due(principal, today), PlansAudit.LISTED, page, per_page
    )
    for plan in result.object_list:
        plan.warning = phase_warning(plan, today)  # type: ignore[attr-defined]
    return result
