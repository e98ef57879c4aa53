"""Ordinarily available provision (OAP): the national description as data, plus an LA's local items.

The national description is a TOML file in `data/` (one per version, picked by `effective_from`, as
rule sets are); local additions are `LocalProvisionItem` rows. A plan's provision item refers to
one of these by `ref` ("national:<id>" or "local:<pk>"), or to none when it goes beyond them.
"""

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .codes import BroadArea

DATA_DIR = Path(__file__).resolve().parent / "data"
ALL_AREAS = "all"


@dataclass(frozen=True, slots=True)
class OapItem:
    ref: str
    area: str  # a BroadArea value, or "all"
    title: str
    description: str
    local: bool = False

    @property
    def area_label(self) -> str:
        return "Every area of need" if self.area == ALL_AREAS else str(BroadArea(self.area).label)


@dataclass(frozen=True)
class OapDescription:
    id: str
    title: str
    effective_from: dt.date
    provenance: str
    items: tuple[OapItem, ...]


def _parse(data: dict[str, Any], name: str) -> OapDescription:
    items: list[OapItem] = []
    seen: set[str] = set()
    for raw in data["items"]:
        if raw["area"] != ALL_AREAS and raw["area"] not in BroadArea.values:
            raise ValueError(f"{name}: item {raw['id']} has unknown area {raw['area']!r}")
        if raw["id"] in seen:
            raise ValueError(f"{name}: item {raw['id']} appears twice")
        seen.add(raw["id"])
        items.append(
            OapItem(f"national:{raw['id']}", raw["area"], raw["title"], " ".join(raw["description"].split()))
        )
    return OapDescription(data["id"], data["title"], data["effective_from"], data["provenance"], tuple(items))


@functools.lru_cache(maxsize=1)
def national_descriptions() -> tuple[OapDescription, ...]:
    found = []
    for path in sorted(DATA_DIR.glob("oap-*.toml")):
        with path.open("rb") as handle:
            found.append(_parse(tomllib.load(handle), path.name))
    return tuple(sorted(found, key=lambda d: d.effective_from))


def national_in_force(on: dt.date) -> OapDescription:
    """The national description in force on a day (the earliest one before any was published)."""
    descriptions = national_descriptions()
    current = descriptions[0]
    for description in descriptions:
        if description.effective_from <= on:
            current = description
    return current


def catalogue(*, local_authority_id: int | None, on: dt.date) -> list[OapItem]:
    """National items in force on `on`, then the LA's active local items."""
    from .models import LocalProvisionItem

    items = list(national_in_force(on).items)
    if local_authority_id is not None:
        items.extend(
            OapItem(f"local:{row.pk}", row.area, row.title, row.description, local=True)
            for row in LocalProvisionItem.objects.filter(local_authority_id=local_authority_id, active=True)
        )
    return items


def by_area(items: list[OapItem]) -> list[tuple[str, list[OapItem]]]:
    order = [ALL_AREAS, *BroadArea.values]
    grouped = [(area, [i for i in items if i.area == area]) for area in order]
    return [
        ("Every area of need" if area == ALL_AREAS else str(BroadArea(area).label), rows)
        for area, rows in grouped
        if rows
    ]
