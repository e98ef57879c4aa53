"""Notification categories and the registry of notification kinds ("templates as code").

A kind is one email that OpenSEND sends: its id (what callers pass to `notify()`), its category
(what a person can switch off), its subject (a one-line Django template string) and its body (a
text template file, `notify/email/<kind id>.txt` unless named). Apps register their own kinds in
`AppConfig.ready()`; the kinds for the EHC needs assessment journey are in `catalogue.py`.
"""

import dataclasses
from collections.abc import Iterator

from django.db import models


class Category(models.TextChoices):
    STATUTORY = "statutory", "Decisions and statutory notices"
    CASEWORK = "casework", "Updates on assessments and plans"
    MESSAGES = "messages", "Messages"
    REMINDERS = "reminders", "Reminders"
    ACCESS = "access", "Changes to who can see records"


@dataclasses.dataclass(frozen=True)
class CategoryInfo:
    category: Category
    description: str
    # Mandatory categories cannot be switched off; the reason is shown to the person (ADR 0050).
    mandatory_reason: str = ""

    @property
    def id(self) -> str:
        return str(self.category.value)

    @property
    def label(self) -> str:
        return str(self.category.label)

    @property
    def mandatory(self) -> bool:
        return bool(self.mandatory_reason)


CATEGORIES: dict[str, CategoryInfo] = {
    info.id: info
    for info in (
        CategoryInfo(
            Category.STATUTORY,
            "Decisions about an assessment or plan, the reasons, and your right to appeal.",
            mandatory_reason=(
                "The law says the council must tell you about these decisions and the deadlines "
                "that follow them, so you always get these emails."
            ),
        ),
        CategoryInfo(
            Category.CASEWORK,
            "When a case moves to its next stage, and when advice or evidence is asked for or received.",
        ),
        CategoryInfo(Category.MESSAGES, "When someone sends you a message in OpenSEND."),
        CategoryInfo(Category.REMINDERS, "Reminders about something you need to do before a deadline."),
        CategoryInfo(
            Category.ACCESS,
            "When someone is given a role or access to a child's record, or loses it, in an organisation "
            "you manage, and when you are given a role yourself.",
            mandatory_reason=(
                "These tell you who can see children's records. You always get them, so that nobody "
                "gains access without someone responsible knowing."
            ),
        ),
    )
}


def category(category_id: str) -> CategoryInfo:
    return CATEGORIES[category_id]


@dataclasses.dataclass(frozen=True)
class Kind:
    """One notification that OpenSEND can send.

    `required` names the context keys the templates need: `notify()` refuses a call without them,
    so that no email goes out with a blank where a child's name or a date should be.
    """

    id: str
    category: Category
    subject: str
    required: tuple[str, ...] = ()
    body_template: str = ""
    description: str = ""

    @property
    def template_name(self) -> str:
        return self.body_template or f"notify/email/{self.id}.txt"

    @property
    def mandatory(self) -> bool:
        return CATEGORIES[str(self.category.value)].mandatory


_KINDS: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    for kind in kinds:
        existing = _KINDS.get(kind.id)
        if existing is not None and existing != kind:
            raise ValueError(f"Notification kind {kind.id!r} is already registered differently")
        if str(kind.category.value) not in CATEGORIES:
            raise ValueError(f"Notification kind {kind.id!r} has an unknown category")
        _KINDS[kind.id] = kind


def unregister(kind_id: str) -> None:
    """For tests that register a kind of their own."""
    _KINDS.pop(kind_id, None)


def get(kind_id: str) -> Kind:
    try:
        return _KINDS[kind_id]
    except KeyError:
        raise LookupError(
            f"Unknown notification kind {kind_id!r}: register it with opensend.notify.registry.register"
        ) from None


def kinds() -> Iterator[Kind]:
    yield from sorted(_KINDS.values(), key=lambda k: k.id)
