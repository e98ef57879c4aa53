"""Every read of outreach requests and placements: scoped by policy, paginated, and audited."""

import dataclasses
import datetime as dt
from collections import defaultdict
from fractions import Fraction
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from opensend.access import audit
from opensend.access.models import AuditAction
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import FAMILY_ROLES, OrganisationKind
from opensend.children.models import Child
from opensend.children.policies import child_policy

from .audit import TargetedAudit
from .models import APPlacement, APReview, OutreachRequest, OutreachService, OutreachStatus
from .policies import STAFF_ROLES, narrowed, outreach_policy, placement_policy

PAGE_SIZE = 25


# Outreach -------------------------------------------------------------------------------------


def outreach_visible(principal: Principal) -> QuerySet[OutreachRequest]:
    """Unaudited queryset for composing; callers that show rows must audit (use `outreach_page`)."""
    return outreach_policy.visible(principal, OutreachRequest.objects.all())


def outreach_page(
    principal: Principal,
    *,
    status: str = "",
    child_id: int | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> Page:
    qs = outreach_visible(principal).select_related("child", "setting", "local_authority")
    return _audited_page(
        principal,
        qs,
        ("-requested_at", "-id"),
        TargetedAudit.OUTREACH_LISTED,
        status,
        child_id,
        page,
        per_page,
    )


def _audited_page(
    principal: Principal,
    qs: QuerySet[Any],
    order: tuple[str, ...],
    listed: str,
    status: str,
    child_id: int | None,
    page: int,
    per_page: int,
) -> Page:
    """One page of a child-linked list, filtered by status and child, with one audit row per child shown."""
    if status:
        qs = qs.filter(status=status)
    if child_id is not None:
        qs = qs.filter(child_id=child_id)
    return audit.page_of_reads(principal, qs.order_by(*order), listed, page, per_page)


def outreach_get(principal: Principal, request_id: int, *, action: str = "view") -> OutreachRequest:
    request = outreach_policy.get_or_404(
        principal,
        action,
        OutreachRequest.objects.select_related("child", "setting", "local_authority"),
        pk=request_id,
    )
    audit.record(principal, TargetedAudit.OUTREACH_VIEWED, child_id=request.child_id, obj=request)
    return request


@dataclasses.dataclass(frozen=True)
class ServiceTimes:
    service: str
    label: str
    answered: int
    median_days: float | None
    p90_days: float | None
    declined: int
    waiting: int


# Percentiles by linear interpolation between closest ranks (PostgreSQL's percentile_cont):
# position h = p * (n - 1) counted from 0; the values at floor(h) and ceil(h) are needed.
PERCENTILES = {"median": Fraction(1, 2), "p90": Fraction(9, 10)}


def _needed_rows(p: Fraction) -> Q:
    """Rows whose 0-based rank r satisfies |r - p(n-1)| < 1, in integers: |b·r - a(n-1)| < b."""
    a, b = p.numerator, p.denominator
    return Q(**{f"r{b}__gt": (F("n") - 1) * a - b, f"r{b}__lt": (F("n") - 1) * a + b})


def _interpolate(values: dict[int, int], n: int, p: Fraction) -> float:
    h = p * (n - 1)
    lo = int(h)  # floor, h >= 0
    hi = lo if h == lo else lo + 1
    return float(values[lo] + (values[hi] - values[lo]) * (h - lo))


def outreach_times(
    principal: Principal, *, since: dt.date, until: dt.date, la_ids: list[int] | None = None
) -> list[ServiceTimes]:
    """Median and 90th percentile days from request to answer, per service, for answers given
    between `since` and `until` (inclusive), in the LAs this principal may see.

    One windowed query fetches only the rows the percentiles need (at most two per percentile and
    service), so the work in Python does not grow with the number of answers; two grouped counts
    give the declined and waiting numbers. Works alike on SQLite and PostgreSQL.
    """
    allowed = outreach_policy.times_la_ids(principal)
    if la_ids is not None:
        allowed = [i for i in allowed if i in la_ids]
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(since, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    answered = OutreachRequest.objects.filter(
        local_authority_id__in=allowed,
        status=OutreachStatus.ANSWERED,
        answered_at__gte=start,
        answered_at__lt=end,
    )
    ranked = answered.annotate(
        rank=Window(RowNumber(), partition_by=[F("service")], order_by=[F("days_to_answer").asc()]) - 1,
        n=Window(Count("id"), partition_by=[F("service")]),
    )
    ranked = ranked.annotate(**{f"r{p.denominator}": F("rank") * p.denominator for p in PERCENTILES.values()})
    wanted = Q()
    for p in PERCENTILES.values():
        wanted |= _needed_rows(p)
    rows = ranked.filter(wanted).order_by().values_list("service", "rank", "n", "days_to_answer")
    by_service: dict[str, dict[int, int]] = defaultdict(dict)  # service -> rank -> days
    counts: dict[str, int] = {}
    for service, rank, n, days in rows:
        by_service[service][rank] = days or 0
        counts[service] = n
    declined = dict(
        OutreachRequest.objects.filter(
            local_authority_id__in=allowed,
            status=OutreachStatus.DECLINED,
            decided_at__gte=start,
            decided_at__lt=end,
        )
        .values_list("service")
        .annotate(c=Count("id"))
        .values_list("service", "c")
    )
    waiting = dict(
        OutreachRequest.objects.filter(
            local_authority_id__in=allowed,
            status__in=[OutreachStatus.REQUESTED, OutreachStatus.ACCEPTED],
            requested_at__lt=end,
        )
        .values_list("service")
        .annotate(c=Count("id"))
        .values_list("service", "c")
    )
    audit.record(
        principal,
        TargetedAudit.OUTREACH_TIMES_VIEWED,
        detail={"since": since.isoformat(), "until": until.isoformat(), "la_ids": allowed},
    )
    result = []
    for service in OutreachService:
        n = counts.get(service, 0)
        values = by_service.get(service, {})
        result.append(
            ServiceTimes(
                service=service.value,
                label=str(service.label),
                answered=n,
                median_days=_interpolate(values, n, PERCENTILES["median"]) if n else None,
                p90_days=_interpolate(values, n, PERCENTILES["p90"]) if n else None,
                declined=declined.get(service, 0),
                waiting=waiting.get(service, 0),
            )
        )
    return result


# Alternative provision -------------------------------------------------------------------------


def placements_visible(principal: Principal) -> QuerySet[APPlacement]:
    return placement_policy.visible(principal, APPlacement.objects.all())


def placement_page(
    principal: Principal,
    *,
    status: str = "",
    child_id: int | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> Page:
    qs = placements_visible(principal).select_related("child", "provider", "referring_organisation")
    return _audited_page(
        principal, qs, ("-start_on", "-id"), TargetedAudit.PLACEMENT_LISTED, status, child_id, page, per_page
    )


def placement_get(principal: Principal, placement_id: int, *, action: str = "view") -> APPlacement:
    qs = APPlacement.objects.select_related(
        "child", "provider", "referring_organisation", "outcome_setting", "local_authority"
    ).prefetch_related(Prefetch("reviews", queryset=APReview.objects.order_by("reviewed_on", "id")))
    placement = placement_policy.get_or_404(principal, action, qs, pk=placement_id)
    audit.record(principal, TargetedAudit.PLACEMENT_VIEWED, child_id=placement.child_id, obj=placement)
    return placement


def settings_for_child(child: Child) -> QuerySet[Organisation]:
    """Education settings in the child's LA area: providers and settings for outcomes."""
    return Organisation.objects.filter(
        kind=OrganisationKind.EDUCATION_SETTING, local_authority_id=child.responsible_la_id
    ).order_by("name")


def child_get(principal: Principal, child_id: int) -> Child:
    """A child this principal may see through the roles these pages admit; audited as a read."""
    who = narrowed(principal, STAFF_ROLES | FAMILY_ROLES)
    child = None
    if who.grants and principal.allows_scope("children:read"):
        child = (
            Child.objects.filter(child_policy.visible_q(who))
            .select_related("responsible_la", "current_setting")
            .filter(pk=child_id)
            .first()
        )
    if child is None:
        raise Http404("Page not found")
    audit.record(principal, AuditAction.CHILD_VIEWED, child_id=child.pk, obj=child)
    return child


def can_see_child_page(principal: Principal, child: Child) -> bool:
    """Whether `child_get` would let this principal open the child's targeted-help page (no audit)."""
    who = narrowed(principal, STAFF_ROLES | FAMILY_ROLES)
    if not who.grants or not principal.allows_scope("children:read"):
        return False
    return Child.objects.filter(child_policy.visible_q(who), pk=child.pk).exists()
