"""Reads of the SEN register: a setting's register, the census figures, and the LA's area view."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.support.audit import SupportAudit
from opensend.support.codes import NeedCode, Provision
from opensend.support.models import RegisterEntry
from opensend.support.policies import la_ids, register_policy, setting_policy

PAGE_SIZE = 25


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
