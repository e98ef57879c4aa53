"""Helpers shared by the casework services."""

from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.casework.models import AssessmentRequest, CaseEvent
from opensend.children.services import timeline_append


def case_event(
    *,
    case: AssessmentRequest,
    by: Principal,
    kind: str,
    title: str,
    body: str = "",
    from_status: str = "",
    to_status: str = "",
    visible_to_family: bool = True,
) -> CaseEvent:
    """One entry on the case's timeline and the same on the child's."""
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        title=title,
        body=body,
        from_status=from_status,
        to_status=to_status,
        actor=by.user,
        actor_name=actor_name(by),
        visible_to_family=visible_to_family,
    )
    timeline_append(
        child=case.child,
        kind=f"casework.{kind}",
        title=title,
        body=body,
        by=by,
        visible_to_family=visible_to_family,
    )
    return event
