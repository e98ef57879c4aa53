"""England's local authorities, regions and the Department for Education, loaded from files we ship.

The list of LAs is the DfE's (the 153 in its 2025 EHC plan statistics); the d2i LA lookup adds
the current ONS code where the DfE file still carries a pre-reorganisation one. See data/README.md.

The loader takes the Organisation model as an argument so that the data migration can pass its
historical model. It writes only what differs, so running it again changes nothing.
"""

import csv
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .roles import OrganisationKind

DATA_DIR = Path(__file__).resolve().parent / "data"
DFE_HEADLINE_CSV = DATA_DIR / "la_ehcp_headline_2025.csv"
D2I_LOOKUP_CSV = DATA_DIR / "d2i_la_lookup_Provider_data_lookup.csv"

DFE_NAME = "Department for Education"

# ONS codes for England's nine regions. The d2i file carries them too, but a few of its rows give
# a neighbouring region's code (Buckinghamshire, for one), so we do not take them row by row.
REGION_CODES = {
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
}


@dataclasses.dataclass(frozen=True)
class LocalAuthorityRow:
    la_code_old: str
    la_code_new: str
    name: str
    region_name: str


@dataclasses.dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def local_authority_rows() -> list[LocalAuthorityRow]:
    """The DfE's LAs, each with the current ONS code from the d2i lookup where it has one."""
    current_codes = {
        row["la_code"].strip(): row["la_code_new"].strip()
        for row in _read_csv(D2I_LOOKUP_CSV)
        if row["la_code_new"].strip()
    }
    rows = []
    for row in _read_csv(DFE_HEADLINE_CSV):
        code = row["old_la_code"].strip()
        region = row["region_name"].strip()
        if region not in REGION_CODES:
            raise ValueError(f"LA {code} is in an unknown region {region!r}")
        rows.append(
            LocalAuthorityRow(
                la_code_old=code,
                la_code_new=current_codes.get(code) or row["new_la_code"].strip(),
                name=row["la_name"].strip(),
                region_name=region,
            )
        )
    return rows


def _upsert(model: Any, lookup: dict[str, Any], values: dict[str, Any]) -> tuple[Any, str]:
    """Like update_or_create, but saves only when something differs, so a rerun touches nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), "created"
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if not changed:
        return obj, "unchanged"
    for field in changed:
        setattr(obj, field, values[field])
    obj.save()
    return obj, "updated"


def load_reference_data(organisation_model: Any = None) -> LoadResult:
    """Create or bring up to date the DfE, the 9 regions and the 153 LAs. Keyed on stable codes."""
    if organisation_model is None:
        from .models import Organisation

        organisation_model = Organisation
    outcomes: list[str] = []
    _, outcome = _upsert(
        organisation_model, {"kind": OrganisationKind.NATIONAL_BODY, "name": DFE_NAME}, {"code": "DfE"}
    )
    outcomes.append(outcome)
    regions = {}
    for name, code in REGION_CODES.items():
        regions[name], outcome = _upsert(
            organisation_model, {"kind": OrganisationKind.REGION, "code": code}, {"name": name}
        )
        outcomes.append(outcome)
    for row in local_authority_rows():
        _, outcome = _upsert(
            organisation_model,
            {"la_code_old": row.la_code_old},
            {
                "kind": OrganisationKind.LOCAL_AUTHORITY,
                "name": row.name,
                "la_code_new": row.la_code_new,
                "region_id": regions[row.region_name].pk,
            },
        )
        outcomes.append(outcome)
    return LoadResult(created=outcomes.count("created"), updated=outcomes.count("updated"))
