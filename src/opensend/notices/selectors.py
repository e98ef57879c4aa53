"""Every read of notices: scoped by the policy, and audited because a notice is a child's data."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.casework.models import AssessmentRequest
from opensend.children.models import Child
from opensend.children.policies import child_policy

from .audit import NoticesAudit
from .models import DETAIL_FIELDS, CouncilDetails, DecisionNotice
from .policies import council_details_policy, notice_policy

PAGE_SIZE = 25


def _notices() -> "QuerySet[DecisionNotice]":
    # `html` is the whole letter: lists never need it.
    return DecisionNotice.objects.select_related("local_authority", "superseded_by").defer("html")


def notice_get(principal: Principal, notice_id: int) -> DecisionNotice:
    notice = notice_policy.get_or_404(
        principal,
        "view",
        DecisionNotice.objects.select_related("child", "local_authority", "case", "plan", "superseded_by"),
        pk=notice_id,
    )
    audit.record(principal, NoticesAudit.NOTICE_VIEWED, child_id=notice.child_id, obj=notice)
    return notice


def child_for_notices(principal: Principal, child_id: int) -> Child:
    """The child, if this person may see their record; the same 404 otherwise."""
    return child_policy.get_or_404(principal, "view", Child.objects.all(), pk=child_id)


def notices_for_child(
    principal: Principal, child: Child, *, page: int = 1, per_page: int = PAGE_SIZE
) -> Page:
    """A child's notices, newest first, that this person may read: one page, one audit row."""
    qs = notice_policy.visible(principal, _notices().filter(child=child)).order_by("-created_at", "-id")
    result = Paginator(qs, per_page).get_page(page)
    if result.object_list:
        audit.record(principal, NoticesAudit.NOTICES_LISTED, child_id=child.pk)
    return result


def notices_for_case(principal: Principal, case: AssessmentRequest) -> list[DecisionNotice]:
    """A case's notices (a handful at most: one per decision and its corrections), audited once."""
    rows = list(notice_policy.visible(principal, _notices().filter(case=case)).order_by("-created_at", "-id"))
    if rows:
        audit.record(principal, NoticesAudit.NOTICES_LISTED, child_id=case.child_id)
    return rows


def councils_for_details(principal: Principal) -> "QuerySet[Organisation]":
    return council_details_policy.visible(
        principal, Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    ).order_by("name")


def council_details_get(principal: Principal, council_id: int) -> tuple[Organisation, CouncilDetails | None]:
    """The council and its details (None before the first save), or the same 404 for anyone else."""
    council = councils_for_details(principal).filter(pk=council_id).first()
    if council is None or not council_details_policy.can(principal, "view", council):
        raise Http404("Page not found")
    return council, CouncilDetails.objects.filter(local_authority=council).first()


def details_values(details: CouncilDetails | None) -> dict[str, Any]:
    return {name: getattr(details, name) if details is not None else "" for name in DETAIL_FIELDS}
