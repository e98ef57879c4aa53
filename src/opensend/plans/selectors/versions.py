"""Reads of issued versions and of a child's plans: pages, the API, exports."""

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import F, Prefetch, Q
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.children.models import Child
from opensend.children.policies import child_policy
from opensend.plans import deadlines, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import FINAL_KINDS, CommentKind, Plan, PlanComment, PlanVersion, Rendering, Review
from opensend.plans.policies import plan_policy


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


def version_export(principal: Principal, version_id: int) -> PlanVersion:
    """A version taken away as JSON: audited as an export as well as a view."""
    version = version_get(principal, version_id)
    audit.record(principal, PlansAudit.EXPORTED, child_id=version.plan.child_id, obj=version)
    return version


def versions_of(principal: Principal, plan: Plan) -> list[PlanVersion]:
    return list(plan_policy.visible(principal, plan.versions.select_related("plan")).order_by("number"))


def document(version: PlanVersion) -> dict[str, Any]:
    return json.loads(version.canonical)


def comments(version: PlanVersion) -> list[PlanComment]:
    return list(version.comments.all())


def family_finished(version: PlanVersion) -> bool:
    return version.comments.filter(kind=CommentKind.FINISHED).exists()


def review_by(version: PlanVersion) -> dt.date | None:
    made = version.plan.made_on
    return deadlines.review_due(made) if made and version.kind in FINAL_KINDS else None


@dataclasses.dataclass(frozen=True)
class VersionPage:
    v: PlanVersion
    others: list[PlanVersion]
    pdf_ready: bool
    can_comment: bool
    staff: bool
    comments: list[PlanComment]


def version_page(principal: Principal, version_id: int) -> VersionPage:
    v = version_get(principal, version_id)
    staff = plan_policy.can(principal, "draft", v.plan)
    return VersionPage(
        v=v,
        others=[o for o in versions_of(principal, v.plan) if o.pk != v.pk],
        pdf_ready=Rendering.objects.filter(version=v, status=Rendering.Status.DONE).exists(),
        can_comment=plan_policy.can(principal, "comment", v),
        staff=staff,
        comments=comments(v) if staff else [],
    )


def version_pdf(principal: Principal, version_id: int) -> tuple[PlanVersion, bytes | None]:
    """The version and its PDF, or None while it is being made."""
    v = version_get(principal, version_id)
    rendering = Rendering.objects.filter(version=v, status=Rendering.Status.DONE).first()
    return v, bytes(rendering.pdf) if rendering is not None and rendering.pdf else None


def plans_page(principal: Principal, page: int, per_page: int) -> tuple[list[Plan], bool]:
    """The API's list: plans this principal may see, oldest first, each with the versions they may
    see as `visible_versions` (two queries for the page); (rows, has_next)."""
    versions = plan_policy.visible(principal, PlanVersion.objects.order_by("number"))
    qs = (
        plan_policy.visible(principal, Plan.objects.all())
        .prefetch_related(Prefetch("versions", queryset=versions, to_attr="visible_versions"))
        .order_by("id")
    )
    rows = list(qs[(page - 1) * per_page : page * per_page + 1])
    audit.record_reads(principal, PlansAudit.LISTED, [p.child_id for p in rows[:per_page]])
    return rows[:per_page], len(rows) > per_page


def plan_get(principal: Principal, plan_id: int) -> Plan:
    plan = plan_policy.get_or_404(principal, "view", Plan.objects.select_related("child"), pk=plan_id)
    audit.record(principal, PlansAudit.VIEWED, child_id=plan.child_id, obj=plan)
    return plan


def child_to_import_for(principal: Principal, child_id: int) -> Child:
    """A child whose record this principal may change, to import a plan for (the import is audited)."""
    return child_policy.get_or_404(principal, "edit", Child.objects.all(), pk=child_id)


def child_has_plans(principal: Principal, child: Child) -> bool:
    return plan_policy.visible(principal, Plan.objects.filter(child=child)).exists()


def child_plans(principal: Principal, child_id: int) -> list[Plan]:
    plans = list(
        plan_policy.visible(
            principal, Plan.objects.filter(child_id=child_id).select_related("current_version", "child")
        )
    )
    if plans:
        audit.record_reads(principal, PlansAudit.LISTED, [child_id])
    return plans


def review_result(review: Review, dated: bool = True) -> str:
    """What came of a review, in words: the decision (and its date), or why there is none."""
    decision = getattr(review, "decision", None)
    if decision is not None:
        outcome = str(decision.get_outcome_display())
        return f"{outcome} ({decision.decided_on:%-d %B %Y})" if dated else outcome
    return "Not decided yet" if review.status in workflow.OPEN_REVIEW else review.get_status_display()


def child_reviews(principal: Principal, plans: list[Plan]) -> dict[int, list[Review]]:
    """Each plan's reviews this person may open, newest first: all of them for the council, the
    setting holding the review and the family; the ones they were invited to for anyone else.
    Two queries whatever the number of plans and reviews. Each review carries `result`."""
    if not plans:
        return {}
    everything = [
        p.pk for p in plans if plan_policy.can(principal, "review", p) or plan_policy.is_family(principal, p)
    ]
    q = Q(plan_id__in=everything)
    if principal.user is not None:
        q |= Q(plan_id__in=[p.pk for p in plans], invitations__user=principal.user)
    rows = Review.objects.filter(q).select_related("decision").distinct().order_by("-meeting_on", "-id")
    out: dict[int, list[Review]] = {p.pk: [] for p in plans}
    for r in rows:
        r.result = review_result(r)  # type: ignore[attr-defined]
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
