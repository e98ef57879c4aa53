"""Section-by-section comparison of two plan documents, following items by their stable ids."""

import dataclasses
from typing import Any

from .schema.document import ITEM_LISTS, SECTION_KEYS, SECTION_TITLES


@dataclasses.dataclass(frozen=True)
class Change:
    what: str  # "added", "removed", "changed"
    where: str  # item id or field name
    field: str
    old: Any
    new: Any


@dataclasses.dataclass(frozen=True)
class SectionComparison:
    key: str
    title: str
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _fields(old: dict[str, Any], new: dict[str, Any], where: str) -> list[Change]:
    keys = list(dict.fromkeys([*old, *new]))
    return [Change("changed", where, k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]


def compare_section(key: str, old: dict[str, Any], new: dict[str, Any]) -> SectionComparison:
    changes: list[Change] = []
    list_field = ITEM_LISTS.get(key, (None, ""))[0]
    if list_field:
        old_items = {i["id"]: i for i in old.get(list_field, [])}
        new_items = {i["id"]: i for i in new.get(list_field, [])}
        for item_id in dict.fromkeys([*old_items, *new_items]):
            if item_id not in new_items:
                changes.append(Change("removed", item_id, "", old_items[item_id], None))
            elif item_id not in old_items:
                changes.append(Change("added", item_id, "", None, new_items[item_id]))
            else:
                changes.extend(_fields(old_items[item_id], new_items[item_id], item_id))
        old = {k: v for k, v in old.items() if k != list_field}
        new = {k: v for k, v in new.items() if k != list_field}
    for field in dict.fromkeys([*old, *new]):
        a, b = old.get(field), new.get(field)
        if a != b:
            if isinstance(a, dict) or isinstance(b, dict):
                changes.extend(_fields(a or {}, b or {}, field))
            else:
                changes.append(Change("changed", "", field, a, b))
    return SectionComparison(key, SECTION_TITLES[key], tuple(changes))


def compare(old_doc: dict[str, Any], new_doc: dict[str, Any]) -> list[SectionComparison]:
    """One entry per section A to K, in order, each saying what was added, removed or changed."""
    return [
        compare_section(key, old_doc["sections"].get(key, {}), new_doc["sections"].get(key, {}))
        for key in SECTION_KEYS
    ]
