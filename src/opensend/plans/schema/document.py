"""Sections A to K of an EHC plan (SEND Regulations 2014, regulation 12; Code of Practice 9.62).

Needs (B, C, D), outcomes (E), provision (F, G, H1, H2), direct payments (J) and advice (K) are
items with ids that stay the same for the life of the plan, so that outcomes and provision can
point at the needs they meet and a comparison can follow an item from one version to the next.
Every field a draft may still lack is optional here: the quality checks (`plans.quality`) say
what must be filled in before a plan is issued; the schema says only what is well formed.
"""

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "opensend-ehc-plan/1.0"
SCHEMA_PATH = "/standards/ehc-plan/1.0/schema.json"

ItemId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]{0,3}-[0-9]{1,4}$", description="Stable id, e.g. B-1")]
# No NUL characters: PostgreSQL cannot store them, and no plan needs them (found by the property test).
Text = Annotated[str, Field(max_length=20_000, pattern=r"^[^\x00]*$")]
Short = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class NeedArea(StrEnum):
    """The four broad areas of need (Code of Practice 6.28-6.35)."""

    COMMUNICATION = "communication_interaction"
    COGNITION = "cognition_learning"
    SEMH = "social_emotional_mental_health"
    SENSORY_PHYSICAL = "sensory_physical"


class PfaArea(StrEnum):
    """Preparing for adulthood outcome areas (Code of Practice chapter 8)."""

    EMPLOYMENT = "employment"
    INDEPENDENT_LIVING = "independent_living"
    COMMUNITY = "community"
    HEALTH = "health"


class Per(StrEnum):
    DAY = "day"
    WEEK = "week"
    FORTNIGHT = "fortnight"
    HALF_TERM = "half_term"
    TERM = "term"
    YEAR = "year"


class Funding(StrEnum):
    SETTING_NOTIONAL = "setting_notional"
    LA_HIGH_NEEDS = "la_high_needs"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    PERSONAL_BUDGET = "personal_budget"
    OTHER = "other"


class Child(_Model):
    given_name: Short = ""
    family_name: Short = ""
    date_of_birth: dt.date | None = None
    upn: Annotated[str, Field(max_length=13)] = ""
    school_year: Annotated[int, Field(ge=-3, le=14)] | None = Field(
        None, description="National curriculum year on the date of issue (Reception is 0)"
    )


class Council(_Model):
    name: Short = ""
    la_code: Annotated[str, Field(pattern=r"^([0-9]{3})?$")] = Field("", description="DfE 3-digit code")


class Header(_Model):
    reference: Short = ""
    child: Child = Field(default_factory=Child)  # type: ignore[arg-type]
    local_authority: Council = Field(default_factory=Council)  # type: ignore[arg-type]
    made_on: dt.date | None = Field(
        None, description="The day the first final plan was issued; kept on transfer"
    )
    kind: Literal["draft", "final", "amendment_draft", "amended_final"] = "draft"
    issued_on: dt.date | None = None


class SectionA(_Model):
    """A: the views, interests and aspirations of the child and their parents, or the young person."""

    about_me: Text = ""
    whats_important: Text = ""
    aspirations: Text = ""
    how_best_to_support: Text = ""
    communication: Text = ""


class Need(_Model):
    id: ItemId
    area: NeedArea | None = None
    description: Text = ""


class NeedsSection(_Model):
    needs: list[Need] = Field(default_factory=list, max_length=200)


class Outcome(_Model):
    """E: a specific, measurable, dated outcome that meets one or more needs (Code of Practice 9.66)."""

    id: ItemId
    need_ids: list[ItemId] = Field(default_factory=list)
    description: Text = ""
    measure: Text = Field("", description="How everyone will know it has been achieved")
    by_date: dt.date | None = None
    pfa_area: PfaArea | None = None


class SectionE(_Model):
    outcomes: list[Outcome] = Field(default_factory=list, max_length=200)
    short_term_targets: Text = Field("", description="Arrangements for setting shorter-term targets")


class Provision(_Model):
    """One quantified piece of provision (Code of Practice 9.69): what, who, how much, how long."""

    id: ItemId
    need_ids: list[ItemId] = Field(default_factory=list)
    outcome_ids: list[ItemId] = Field(default_factory=list)
    what: Text = ""
    delivered_by: Short = ""
    qualification: Short = ""
    group_size: Annotated[int, Field(ge=1, le=60)] | None = None
    sessions: Annotated[int, Field(ge=1, le=50)] | None = Field(None, description="How many sessions...")
    per: Per | None = Field(None, description="...per day, week, term or year")
    minutes: Annotated[int, Field(ge=1, le=1440)] | None = Field(None, description="Minutes per session")
    weeks_per_year: Annotated[int, Field(ge=1, le=52)] | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    funding: Funding | None = None


class ProvisionSection(_Model):
    provision: list[Provision] = Field(default_factory=list, max_length=300)


class Agreement(_Model):
    """Regulation 12(2): health provision agreed by the responsible commissioning body."""

    commissioning_body: Short = ""
    agreed_by: Short = ""
    agreed_on: dt.date | None = None


class SectionG(ProvisionSection):
    agreement: Agreement | None = None


class SectionI(_Model):
    """I: the setting named (blank in a draft)."""

    name: Short = ""
    setting_type: Short = ""
    urn: Annotated[str, Field(pattern=r"^([0-9]{6,7})?$")] = ""
    ukprn: Annotated[str, Field(pattern=r"^(1[0-9]{7})?$")] = ""
    sen2_setting_code: Annotated[str, Field(max_length=10)] = ""


class DirectPayment(_Model):
    id: ItemId
    provision_ids: list[ItemId] = Field(default_factory=list)
    need_ids: list[ItemId] = Field(default_factory=list)
    outcome_ids: list[ItemId] = Field(default_factory=list)
    description: Text = ""
    annual_amount_gbp: Annotated[int, Field(ge=0, le=1_000_000)] | None = None


class SectionJ(_Model):
    personal_budget_requested: bool = False
    annual_amount_gbp: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    arrangements: Text = ""
    direct_payments: list[DirectPayment] = Field(default_factory=list, max_length=50)


class AdviceItem(_Model):
    id: ItemId
    advice_type: Short = ""
    given_by: Short = ""
    given_on: dt.date | None = None
    reference: Short = ""


class SectionK(_Model):
    advice: list[AdviceItem] = Field(default_factory=list, max_length=100)


class Sections(_Model):
    a: SectionA = Field(default_factory=SectionA)
    b: NeedsSection = Field(default_factory=NeedsSection)
    c: NeedsSection = Field(default_factory=NeedsSection)
    d: NeedsSection = Field(default_factory=NeedsSection)
    e: SectionE = Field(default_factory=SectionE)  # type: ignore[arg-type]
    f: ProvisionSection = Field(default_factory=ProvisionSection)
    g: SectionG = Field(default_factory=SectionG)
    h1: ProvisionSection = Field(default_factory=ProvisionSection)
    h2: ProvisionSection = Field(default_factory=ProvisionSection)
    i: SectionI = Field(default_factory=SectionI)
    j: SectionJ = Field(default_factory=SectionJ)
    k: SectionK = Field(default_factory=SectionK)


class PlanDocument(_Model):
    """An EHC plan as one document: `schema` names this standard and its version."""

    schema_id: Literal["opensend-ehc-plan/1.0"] = Field(SCHEMA_ID, alias="schema")  # type: ignore[arg-type]
    plan: Header = Field(default_factory=Header)  # type: ignore[arg-type]
    sections: Sections = Field(default_factory=Sections)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, title="OpenSEND EHC plan 1.0")


SECTION_KEYS: tuple[str, ...] = ("a", "b", "c", "d", "e", "f", "g", "h1", "h2", "i", "j", "k")
SECTION_TITLES: dict[str, str] = {
    "a": "Views, interests and aspirations",
    "b": "Special educational needs",
    "c": "Health needs related to special educational needs",
    "d": "Social care needs",
    "e": "Outcomes",
    "f": "Special educational provision",
    "g": "Health provision",
    "h1": "Social care provision (Chronically Sick and Disabled Persons Act 1970)",
    "h2": "Other social care provision",
    "i": "Placement",
    "j": "Personal budget and direct payments",
    "k": "Advice and information",
}
# Which list each list section holds, and the id prefix of its items.
ITEM_LISTS: dict[str, tuple[str, str]] = {
    "b": ("needs", "B"),
    "c": ("needs", "C"),
    "d": ("needs", "D"),
    "e": ("outcomes", "E"),
    "f": ("provision", "F"),
    "g": ("provision", "G"),
    "h1": ("provision", "H1"),
    "h2": ("provision", "H2"),
    "j": ("direct_payments", "J"),
    "k": ("advice", "K"),
}
NEED_SECTIONS = ("b", "c", "d")
PROVISION_SECTIONS = ("f", "g", "h1", "h2")
# Which provision section meets the needs of which needs section (the "golden thread").
PROVISION_FOR: dict[str, tuple[str, ...]] = {"b": ("f",), "c": ("g", "f"), "d": ("h1", "h2")}
