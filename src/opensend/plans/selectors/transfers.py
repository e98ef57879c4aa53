"""Reads of transfers between councils: the two lists, one transfer, the document sent."""

import dataclasses
import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.plans import deadlines
from opensend.plans.audit import PlansAudit
from opensend.plans.models import PlanTransfer
from opensend.plans.policies import plan_policy

from .actions import transfer_actions
from .lists import council_ids

LIST_LIMIT = 200


def transfers_for(principal: Principal) -> tuple[list[PlanTransfer], list[PlanTransfer]]:
    """(incoming, outgoing) transfers of the principal's councils, open ones first, newest first; each
    carries the `actions` this principal may take on it."""
    la_ids = council_ids(principal)
    base = PlanTransfer.objects.select_related("child", "from_la", "to_la", "new_plan", "plan")
    incoming = list(base.filter(to_la_id__in=la_ids).order_by("status", "-sent_on", "-id")[:LIST_LIMIT])
    outgoing = list(base.filter(from_la_id__in=la_ids).order_by("status", "-sent_on", "-id")[:LIST_LIMIT])
    for t in incoming + outgoing:
        t.actions = transfer_actions(principal, t)  # type: ignore[attr-defined]
    audit.record_reads(principal, PlansAudit.LISTED, [t.child_id for t in incoming + outgoing])
    return incoming, outgoing


def transfer_get(principal: Principal, transfer_id: int, action: str = "view") -> PlanTransfer:
    """A transfer the principal may see (the two councils), and do `action` on; else a 404."""
    transfer = (
        PlanTransfer.objects.select_related("child", "from_la", "to_la", "version", "new_plan", "plan")
        .filter(pk=transfer_id)
        .first()
    )
    seen = transfer is not None and (
        plan_policy.can(principal, "view", transfer) or plan_policy.can(principal, "receive", transfer)
    )
    if (
        transfer is None
        or not seen
        or (action != "view" and not plan_policy.can(principal, action, transfer))
    ):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=transfer.child_id, obj=transfer)
    return transfer


def transfer_document(principal: Principal, transfer_id: int) -> PlanTransfer:
    """The plan sent, taken away as a schema document: audited as an export."""
    transfer = transfer_get(principal, transfer_id)
    audit.record(principal, PlansAudit.EXPORTED, child_id=transfer.child_id, obj=transfer.version)
    return transfer


@dataclasses.dataclass(frozen=True)
class ReceiveDates:
    x2_due: dt.date
    x3_due: dt.date


def receive_dates(transfer: PlanTransfer, today: dt.date) -> ReceiveDates:
    """X2 and X3 if the plan were received today."""
    plan = transfer.plan
    last = plan.last_review_meeting_on or plan.made_on or today
    return ReceiveDates(
        deadlines.transfer_family_told_by(today), deadlines.transferred_review_due(last, today)
    )


def councils_except(la_id: int) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).exclude(pk=la_id).order_by("name")
    )


def council_get(la_id: int) -> Organisation | None:
    """A council named by id in the API (no personal data); None if there is no such council."""
    return Organisation.objects.filter(pk=la_id).first()
