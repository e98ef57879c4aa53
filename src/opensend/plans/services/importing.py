"""A plan document from elsewhere (another system, or another council through
`council_transfers.transfer_receive`) becomes a plan here, as the version it says it is: the plan
keeps the document's `made_on` and `issued_on`.
"""

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import NotFound
from opensend.plans import deadlines
from opensend.plans.audit import PlansAudit
from opensend.plans.models import FINAL_KINDS, Plan, PlanSection, PlanStatus, PlanVersion, SectionStatus
from opensend.plans.policies import plan_policy
from opensend.plans.schema.document import SECTION_KEYS, PlanDocument

from .issuing import record_version
from .transitions import plan_create


def create_from_document(
    *, by: Principal, child: Child, local_authority: Organisation, doc: PlanDocument, source: str
) -> Plan:
    """A new plan of `local_authority` holding the document as its current version, as sent."""
    is_final = doc.plan.kind in FINAL_KINDS
    plan = plan_create(
        child=child,
        local_authority=local_authority,
        status=PlanStatus.FINAL_ISSUED if is_final else PlanStatus.DRAFT_ISSUED,
        made_on=doc.plan.made_on,
        imported_from=source[:200],
    )
    data = doc.model_dump(mode="json", by_alias=True)
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, key=key, content=data["sections"][key], status=SectionStatus.COMPLETED)
        for key in SECTION_KEYS
    )
    version = record_version(
        by=by,
        plan=plan,
        doc=doc,
        kind=doc.plan.kind,
        issued_on=doc.plan.issued_on or clock.today(),
        comments_due_on=None,
        stamp=False,
    )
    if is_final:
        plan.in_force_version = version
        plan.next_review_due = deadlines.review_due_or_none(plan.made_on)
    plan.save(update_fields=["current_version", "in_force_version", "next_review_due", "updated_at"])
    return plan


@transaction.atomic
def plan_import(*, by: Principal, child: Child, doc: PlanDocument, source: str = "") -> PlanVersion:
    """Record a validated document as a new plan of the child's council, as the version it says it is.
    The document is kept exactly as sent (its `issued_on` and `made_on` included)."""
    probe = Plan(local_authority_id=child.responsible_la_id, child=child)
    if not plan_policy.can(by, "import", probe):
        raise NotFound()
    plan = create_from_document(
        by=by, child=child, local_authority=child.responsible_la, doc=doc, source=source
    )
    version = plan.current_version
    assert version is not None
    timeline_append(
        child=child,
        kind="plans.imported",
        title="EHC plan received from another system",
        by=by,
        visible_to_family=False,
    )
    audit.record(
        by,
        PlansAudit.IMPORTED,
        child_id=child.pk,
        obj=version,
        detail={"source": source, "hash": version.content_hash},
    )
    return version
