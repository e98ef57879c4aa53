"""The status tables. A status change anywhere but through `advance` is a bug."""

from django.db import models

from opensend.core.errors import ApplicationError

from .models import OutreachStatus, PlacementStatus

OUTREACH_TRANSITIONS: dict[OutreachStatus, frozenset[OutreachStatus]] = {
    OutreachStatus.REQUESTED: frozenset(
        {OutreachStatus.ACCEPTED, OutreachStatus.DECLINED, OutreachStatus.WITHDRAWN}
    ),
    OutreachStatus.ACCEPTED: frozenset({OutreachStatus.ANSWERED, OutreachStatus.WITHDRAWN}),
    OutreachStatus.DECLINED: frozenset(),
    OutreachStatus.ANSWERED: frozenset(),
    OutreachStatus.WITHDRAWN: frozenset(),
}

PLACEMENT_TRANSITIONS: dict[PlacementStatus, frozenset[PlacementStatus]] = {
    PlacementStatus.REFERRED: frozenset({PlacementStatus.ACTIVE, PlacementStatus.CANCELLED}),
    PlacementStatus.ACTIVE: frozenset({PlacementStatus.ENDED}),
    PlacementStatus.ENDED: frozenset(),
    PlacementStatus.CANCELLED: frozenset(),
}

# What a person sees when a change is not allowed from the current status.
_VERBS = {
    OutreachStatus.ACCEPTED: "accepted",
    OutreachStatus.DECLINED: "declined",
    OutreachStatus.ANSWERED: "answered",
    OutreachStatus.WITHDRAWN: "withdrawn",
    PlacementStatus.ACTIVE: "started",
    PlacementStatus.ENDED: "ended",
    PlacementStatus.CANCELLED: "cancelled",
}


Table = dict[OutreachStatus, frozenset[OutreachStatus]] | dict[PlacementStatus, frozenset[PlacementStatus]]


def check_transition(
    table: Table,
    current: str,
    to: models.TextChoices,
    *,
    noun: str,
) -> None:
    allowed: frozenset[str] = table[current]  # type: ignore[index]
    if to not in allowed:
        status_label = dict(type(to).choices)[current].lower()
        hint = ""
        if to == OutreachStatus.ANSWERED and current == OutreachStatus.REQUESTED:
            hint = ". Accept it first"
        raise ApplicationError(f"This {noun} is {status_label}, so it cannot be {_VERBS[to]}{hint}")
