"""A child's SEN support as plain values, for the evidence in an EHC needs assessment request and
for the API."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.children.models import Child
from opensend.support.audit import SupportAudit
from opensend.support.models import RegisterEntry, SupportPlan
from opensend.support.policies import plan_policy, register_policy

from .plans import plan_queryset


@dataclass(frozen=True)
class RegisterEntryRecord:
    id: int
    setting_id: int
    setting_name: str
    provision: str  # "K" or "E"
    primary_need: str  # census SENtype code
    secondary_need: str  # "" when none
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class OutcomeRecord:
    id: int
    area: str
    description: str
    target_on: dt.date


@dataclass(frozen=True)
class ProvisionRecord:
    id: int
    area: str
    what: str
    who: str
    how_often: str
    how_long: str
    cost_pounds: Decimal
    ordinarily_available: bool
    oap_ref: str


@dataclass(frozen=True)
class ProgressRecord:
    outcome_id: int
    rating: str  # codes.Progress
    note: str


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    reviewed_on: dt.date
    summary: str
    family_views: str
    child_views: str
    next_step: str  # codes.NextStep
    progress: tuple[ProgressRecord, ...]


@dataclass(frozen=True)
class PlanRecord:
    id: int
    setting_id: int
    setting_name: str
    cycle: int
    status: str
    starts_on: dt.date
    review_due_on: dt.date
    closed_on: dt.date | None
    areas: tuple[str, ...]
    needs: str
    family_views: str
    child_views: str
    outcomes: tuple[OutcomeRecord, ...]
    provision: tuple[ProvisionRecord, ...]
    reviews: tuple[ReviewRecord, ...]


@dataclass(frozen=True)
class SupportHistory:
    """A child's SEN support as evidence for an EHC needs assessment request.

    Plain frozen dataclasses of values (no model instances), oldest first, so that casework can
    store or render a snapshot without further queries or access checks.
    """

    child_id: int
    register_entries: tuple[RegisterEntryRecord, ...]
    plans: tuple[PlanRecord, ...]

    @property
    def total_cost_pounds(self) -> Decimal:
        return sum((p.cost_pounds for plan in self.plans for p in plan.provision), Decimal(0))


def support_history(principal: Principal, child: Child) -> SupportHistory:
    """Everything about the child's SEN support this principal may see. Five queries; audited."""
    entries = (
        register_policy.visible(principal, RegisterEntry.objects.filter(child=child))
        .select_related("setting")
        .order_by("starts_on", "id")
    )
    plans = plan_policy.visible(principal, plan_queryset().filter(child=child)).order_by("starts_on", "id")
    history = SupportHistory(
        child_id=child.pk,
        register_entries=tuple(
            RegisterEntryRecord(
                e.pk,
                e.setting_id,
                e.setting.name,
                e.provision,
                e.primary_need,
                e.secondary_need,
                e.starts_on,
                e.ends_on,
            )
            for e in entries
        ),
        plans=tuple(plan_record(p) for p in plans),
    )
    audit.record(principal, SupportAudit.HISTORY_VIEWED, child_id=child.pk, obj=child)
    return history


def plan_record(plan: SupportPlan) -> PlanRecord:
    return PlanRecord(
        id=plan.pk,
        setting_id=plan.setting_id,
        setting_name=plan.setting.name,
        cycle=plan.cycle,
        status=plan.status,
        starts_on=plan.starts_on,
        review_due_on=plan.review_due_on,
        closed_on=plan.closed_on,
        areas=tuple(plan.areas),
        needs=plan.needs,
        family_views=plan.family_views,
        child_views=plan.child_views,
        outcomes=tuple(OutcomeRecord(o.pk, o.area, o.description, o.target_on) for o in plan.outcomes.all()),
        provision=tuple(
            ProvisionRecord(
                p.pk,
                p.area,
                p.what,
                p.who,
                p.how_often,
                p.how_long,
                p.cost_pounds,
                p.ordinarily_available,
                p.oap_ref,
            )
            for p in plan.provision.all()
        ),
        reviews=tuple(
            ReviewRecord(
                r.pk,
                r.reviewed_on,
                r.summary,
                r.family_views,
                r.child_views,
                r.next_step,
                tuple(ProgressRecord(g.outcome_id, g.rating, g.note) for g in r.progress.all()),
            )
            for r in plan.reviews.all()
        ),
    )
