"""A plan document from elsewhere (another council, another system) becomes a plan here.

Wave 2 builds transfer between councils (X1-X3) on this: the plan keeps its original `made_on`.
"""

from django.db import transaction

from opensend.access import audit
from opensend.accounts.principal import Principal
from opensend.children.models import Child
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import NotFound
from opensend.plans.audit import PlansAudit
from opensend.plans.models import FINAL_KINDS, Plan, PlanSection, PlanStatus, PlanVersion, SectionStatus
from opensend.plans.policies import plan_policy
from opensend.plans.schema.document import SECTION_KEYS, PlanDocument

from .issuing import record_version


@transaction.atomic
def plan_import(*, by: Principal, child: Child, doc: PlanDocument, source: str = "") -> PlanVersion:
    """Record a validated document as a new plan of the child's council, as the version it says it is.
    The document is kept exactly as sent (its `issued_on` and `made_on` included)."""
    probe = Plan(local_authority_id=child.responsible_la_id, child=child)
    if not plan_policy.can(by, "import", probe):
        raise NotFound()
    kind = doc.plan.kind
    is_final = kind in FINAL_KINDS
    plan = Plan.objects.create(
        child=child,
        local_authority_id=child.responsible_la_id,
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
        kind=kind,
        issued_on=doc.plan.issued_on or clock.today(),
        comments_due_on=None,
        stamp=False,
    )
    plan.save(update_fields=["current_version", "updated_at"])
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
