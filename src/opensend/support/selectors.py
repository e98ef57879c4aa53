"""Every read of SEN support records: scoped by policy, audited, and a constant number of queries
per page (select_related / prefetch_related, set-based aggregates; no query per row)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.accounts.models import Organisation
from opensend.accounts.principal import Principal
from opensend.accounts.roles import FAMILY_ROLES
from opensend.children.models import Child

from .audit import SupportAudit
from .codes import NeedCode, Provision
from .models import Concern, OutcomeProgress, PlanReview, RegisterEntry, SencoRecord, SupportPlan
from .policies import concern_policy, la_ids, plan_policy, register_policy, setting_policy

PAGE_SIZE = 25


def setting_get(principal: Principal, setting_id: int, *, action: str = "view") -> Organisation:
    setting = Organisation.objects.filter(pk=setting_id, kind="education_setting").first()
    if setting is None or not setting_policy.can(principal, action, setting):
        raise Http404("Page not found")
    return setting


def settings_visible(principal: Principal) -> QuerySet[Organisation]:
    return setting_policy.visible(principal, Organisation.objects.all()).order_by("name")


# The register and the census ---------------------------------------------------------------------


def register_page(principal: Principal, setting: Organisation, *, page: int = 1, per_page: int = 50) -> Page:
    """The setting's open register entries, by child's name. Three queries whatever its size."""
    qs = (
        register_policy.visible(
            principal, RegisterEntry.objects.filter(setting=setting, ends_on__isnull=True)
        )
        .select_related("child")
        .order_by("child__last_name", "child__first_name", "id")
    )
    result = Paginator(qs, per_page).get_page(page)
    audit.record_reads(principal, SupportAudit.REGISTER_LISTED, [e.child_id for e in result.object_list])
    return result


def register_entry_get(principal: Principal, entry_id: int, *, action: str = "view") -> RegisterEntry:
    return register_policy.get_or_404(
        principal, action, RegisterEntry.objects.select_related("child", "setting"), pk=entry_id
    )


@dataclass(frozen=True)
class CensusRow:
    code: str
    label: str
    sen_support: int
    ehc_plan: int

    @property
    def total(self) -> int:
        return self.sen_support + self.ehc_plan


@dataclass(frozen=True)
class CensusSummary:
    """School Census figures from the register: open entries on a day, by provision and primary need."""

    on: dt.date
    rows: tuple[CensusRow, ...]

    @property
    def sen_support(self) -> int:
        return sum(r.sen_support for r in self.rows)

    @property
    def ehc_plan(self) -> int:
        return sum(r.ehc_plan for r in self.rows)

    @property
    def total(self) -> int:
        return self.sen_support + self.ehc_plan


def census_summary(
    principal: Principal,
    *,
    on: dt.date,
    setting: Organisation | None = None,
    local_authority_id: int | None = None,
) -> CensusSummary:
    """Counts by provision and primary need in one GROUP BY. Aggregates only: no read is audited."""
    if not register_policy.can(principal, "census"):
        raise Http404("Page not found")
    qs = RegisterEntry.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)
    if setting is not None:
        if not setting_policy.can(principal, "view", setting):
            raise Http404("Page not found")
        qs = qs.filter(setting=setting)
    else:
        if local_authority_id not in la_ids(principal):
            raise Http404("Page not found")
        qs = qs.filter(setting__local_authority_id=local_authority_id)
    counts: dict[tuple[str, str], int] = {
        (r["primary_need"], r["provision"]): r["n"]
        for r in qs.values("primary_need", "provision").annotate(n=Count("id")).order_by()
    }
    rows = tuple(
        CensusRow(
            code,
            str(label),
            counts.get((code, Provision.SEN_SUPPORT), 0),
            counts.get((code, Provision.EHC_PLAN), 0),
        )
        for code, label in NeedCode.choices
    )
    return CensusSummary(on=on, rows=rows)


# The LA's area view ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LaViewFilters:
    setting_id: int | None = None
    need: str = ""
    provision: str = Provision.SEN_SUPPORT


@dataclass(frozen=True)
class WindowPage:
    """A page that knows only whether there is a next one: no COUNT over the LA's whole register,
    so the first page costs the same at 40,000 children as at 400 (docs/adr/0034)."""

    object_list: list[Any]
    number: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def la_view_queryset(principal: Principal, filters: LaViewFilters) -> QuerySet[RegisterEntry]:
    qs = register_policy.visible(principal, RegisterEntry.objects.filter(ends_on__isnull=True))
    if filters.provision:
        qs = qs.filter(provision=filters.provision)
    if filters.need:
        qs = qs.filter(primary_need=filters.need)
    if filters.setting_id:
        qs = qs.filter(setting_id=filters.setting_id)
    return qs.select_related("child", "setting").order_by("-starts_on", "-id")


def la_view_page(
    principal: Principal, filters: LaViewFilters, *, page: int = 1, per_page: int = PAGE_SIZE
) -> WindowPage:
    """Children on the SEN register across the LA, newest first. Two queries (rows, audit) per page."""
    if not register_policy.can(principal, "la_view"):
        raise Http404("Page not found")
    page = max(1, page)
    start = (page - 1) * per_page
    rows = list(la_view_queryset(principal, filters)[start : start + per_page + 1])
    result = WindowPage(rows[:per_page], page, per_page, len(rows) > per_page)
    audit.record_reads(principal, SupportAudit.LA_VIEW_LISTED, [e.child_id for e in result.object_list])
    return result


# Concerns ----------------------------------------------------------------------------------------


def concern_list(principal: Principal, setting: Organisation, *, limit: int = 100) -> list[Concern]:
    qs = (
        concern_policy.visible(principal, Concern.objects.filter(setting=setting))
        .select_related("child", "register_entry")
        .order_by("-observed_on", "-id")
    )
    rows = list(qs[:limit])
    audit.record_reads(principal, SupportAudit.CONCERNS_LISTED, [c.child_id for c in rows])
    return rows


def concern_get(principal: Principal, concern_id: int, *, action: str = "view") -> Concern:
    return concern_policy.get_or_404(
        principal, action, Concern.objects.select_related("child", "setting"), pk=concern_id
    )


def children_at_setting(principal: Principal, setting: Organisation) -> QuerySet[Child]:
    """The setting's roll, for choosing a child on a form (the SENCo's own setting only)."""
    if not register_policy.may_write_for(principal, setting.pk):
        return Child.objects.none()
    return Child.objects.filter(current_setting=setting).order_by("last_name", "first_name")


# Plans -------------------------------------------------------------------------------------------


def _plan_qs() -> QuerySet[SupportPlan]:
    return SupportPlan.objects.select_related("child", "setting", "register_entry").prefetch_related(
        "outcomes",
        "provision",
        Prefetch(
            "reviews",
            queryset=PlanReview.objects.prefetch_related(
                Prefetch("progress", queryset=OutcomeProgress.objects.select_related("outcome"))
            ),
        ),
    )


def plan_get(principal: Principal, plan_id: int, *, action: str = "view") -> SupportPlan:
    plan = plan_policy.get_or_404(principal, action, _plan_qs(), pk=plan_id)
    if action == "view":
        audit.record(principal, SupportAudit.PLAN_VIEWED, child_id=plan.child_id, obj=plan)
    return plan


def child_plans(principal: Principal, child: Child) -> list[SupportPlan]:
    plans = list(plan_policy.visible(principal, _plan_qs().filter(child=child)).order_by("-starts_on", "-id"))
    audit.record(principal, SupportAudit.PLANS_LISTED, child_id=child.pk, obj=child)
    return plans


def child_get_for_plans(principal: Principal, child_id: int) -> Child:
    """The child, if this principal may see any support plan of theirs or could open one."""
    child = Child.objects.select_related("current_setting", "responsible_la").filter(pk=child_id).first()
    if child is None:
        raise Http404("Page not found")
    may_open = child.current_setting_id is not None and plan_policy.may_write_for(
        principal, child.current_setting_id
    )
    if not (
        may_open
        or _la_sees(principal, child)
        or (principal.has_role(*FAMILY_ROLES) and _family_child_ids(principal).filter(pk=child.pk).exists())
        or plan_policy.visible(principal, SupportPlan.objects.filter(child=child)).exists()
    ):
        raise Http404("Page not found")
    return child


def _family_child_ids(principal: Principal) -> QuerySet[Child]:
    from opensend.children.policies import child_policy

    from .policies import _family_only

    return Child.objects.filter(child_policy.visible_q(_family_only(principal)))


def _la_sees(principal: Principal, child: Child) -> bool:
    las = la_ids(principal)
    return (
        bool(las)
        and principal.allows_scope("children:read")
        and (
            child.responsible_la_id in las
            or (child.current_setting is not None and child.current_setting.local_authority_id in las)
        )
    )


def senco_current(setting: Organisation) -> SencoRecord | None:
    return SencoRecord.objects.filter(setting=setting, current=True).first()


# Into casework -----------------------------------------------------------------------------------


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
    plans = plan_policy.visible(principal, _plan_qs().filter(child=child)).order_by("starts_on", "id")
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
        plans=tuple(_plan_record(p) for p in plans),
    )
    audit.record(principal, SupportAudit.HISTORY_VIEWED, child_id=child.pk, obj=child)
    return history


def _plan_record(plan: SupportPlan) -> PlanRecord:
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
