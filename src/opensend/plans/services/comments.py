"""The family's answer to a draft plan: comments by section, a meeting, a personal budget, a setting."""

from django.db import transaction

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.plans.audit import PlansAudit
from opensend.plans.models import CommentKind, PlanComment, PlanVersion
from opensend.plans.policies import plan_policy
from opensend.plans.schema.document import SECTION_KEYS


@transaction.atomic
def comment_add(
    *,
    by: Principal,
    version: PlanVersion,
    kind: str,
    section: str = "",
    text: str = "",
    setting: Organisation | None = None,
) -> PlanComment:
    """Keep what the family says. After the 15 days it is still kept, and marked late."""
    version = PlanVersion.objects.select_related("plan", "plan__child").get(pk=version.pk)
    if not plan_policy.can(by, "comment", version):
        raise NotFound()
    try:
        comment_kind = CommentKind(kind)
    except ValueError:
        raise ApplicationError("Choose what you want to tell the council", field="kind") from None
    text = text.replace("\x00", "").strip()
    if comment_kind == CommentKind.SECTION:
        if section not in SECTION_KEYS:
            raise ApplicationError("Choose the section of the plan", field="section")
        if not text:
            raise ApplicationError("Enter your comments on this section", field="text")
    if comment_kind == CommentKind.PREFERRED_SETTING and not (text or setting):
        raise ApplicationError("Enter the name of the school or college", field="text")
    if len(text) > 10_000:
        raise ApplicationError("Your comments must be 10,000 characters or fewer", field="text")
    today = clock.today()
    comment = PlanComment.objects.create(
        version=version,
        kind=comment_kind,
        section=section if comment_kind == CommentKind.SECTION else "",
        text=text,
        setting=setting,
        author=by.user,
        author_name=actor_name(by),
        late=bool(version.comments_due_on and today > version.comments_due_on),
    )
    audit.record(
        by,
        PlansAudit.COMMENTED,
        child_id=version.plan.child_id,
        obj=comment,
        detail={"kind": comment_kind.value, "section": comment.section, "late": comment.late},
    )
    return comment
