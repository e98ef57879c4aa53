"""Reads that turn stored facts into the deadline engine's inputs."""

from dataclasses import dataclass

from django.http import Http404

from opensend.access import audit
from opensend.access.models import AuditAction
from opensend.accounts.models import Organisation
from opensend.accounts.principal import Principal
from opensend.children.models import Child
from opensend.children.policies import child_policy

from .exceptions import Closure, ExceptionFact
from .models import ClosurePeriod
from .models import ExceptionFact as ExceptionFactRow


@dataclass(frozen=True, slots=True)
class DeadlineInputs:
    """What `engine.due_date` needs besides the rule and the trigger."""

    exceptions: tuple[ExceptionFact, ...] = ()
    closures: tuple[Closure, ...] = ()


def closures_for(organisation: Organisation | None) -> tuple[Closure, ...]:
    """A setting's own closure periods; if it has none, its local authority's (the defaults).

    Closure dates are not personal data, so this read needs no principal.
    """
    if organisation is None:
        return ()
    rows = list(ClosurePeriod.objects.filter(organisation=organisation).order_by("starts_on"))
    if not rows and organisation.local_authority_id is not None:
        rows = list(
            ClosurePeriod.objects.filter(organisation_id=organisation.local_authority_id).order_by(
                "starts_on"
            )
        )
    return tuple(row.as_closure() for row in rows)


def deadline_inputs(
    principal: Principal, child: Child, *, setting: Organisation | None = None
) -> DeadlineInputs:
    """A child's recorded exception facts, and the closures of the setting asked for advice.

    `setting` defaults to the child's current setting. The principal must be allowed to view the
    child; otherwise this raises the same 404 as a missing child.
    """
    if not child_policy.can(principal, "view", child):
        raise Http404("Page not found")
    facts = ExceptionFactRow.objects.filter(child=child).order_by("starts_on", "id")
    audit.record(principal, AuditAction.CHILD_EXCEPTIONS_VIEWED, child_id=child.pk, obj=child)
    if setting is None and child.current_setting_id is not None:
        setting = child.current_setting
    return DeadlineInputs(
        exceptions=tuple(row.as_fact() for row in facts),
        closures=closures_for(setting),
    )
