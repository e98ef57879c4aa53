"""Reads that turn stored facts into the deadline engine's inputs.

The rule book sits below the domain apps and imports none of them (docs/architecture.md): a
child's deadline inputs are gathered by `opensend.children.selectors.deadline_inputs`, which asks
this module for the facts.
"""

from dataclasses import dataclass

from opensend.accounts.models import Organisation

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


def exception_facts_for(child_id: int) -> tuple[ExceptionFact, ...]:
    """The exception facts recorded on a child, oldest first, for the deadline engine.

    The rule book does not know who may see a child: callers ask through
    `opensend.children.selectors.deadline_inputs`, which checks the child's policy and audits the read.
    """
    rows = ExceptionFactRow.objects.filter(child_id=child_id).order_by("starts_on", "id")
    return tuple(row.as_fact() for row in rows)
