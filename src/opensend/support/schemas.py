"""The API's input and output shapes for SEN support (`support.api`)."""

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from opensend.core.schemas import ChildRef


class RegisterEntryOut(Schema):
    id: int
    child: ChildRef
    setting_id: int
    provision: str
    primary_need: str
    secondary_need: str
    starts_on: dt.date
    ends_on: dt.date | None
    version: int


class RegisterPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[RegisterEntryOut]


class RegisterEntryIn(Schema):
    child_id: int
    provision: str = Field(description="School Census SENprovision: K (SEN support) or E (EHC plan)")
    primary_need: str = Field(description="School Census SENtype code, for example SLCN, ASD, DS or NSA")
    secondary_need: str = ""
    starts_on: dt.date


class EndIn(Schema):
    ends_on: dt.date
    version: int


class CensusRowOut(Schema):
    code: str
    label: str
    sen_support: int
    ehc_plan: int


class CensusOut(Schema):
    on: dt.date
    sen_support: int
    ehc_plan: int
    rows: list[CensusRowOut]


class ConcernIn(Schema):
    child_id: int
    kind: str
    observed_on: dt.date
    areas: list[str]
    summary: str
    raised_by: str


class ConcernOut(Schema):
    id: int
    child: ChildRef
    kind: str
    observed_on: dt.date
    areas: list[str]
    summary: str
    raised_by: str
    status: str
    register_entry_id: int | None


class EscalateIn(Schema):
    primary_need: str
    secondary_need: str = ""
    starts_on: dt.date


class OutcomeOut(Schema):
    id: int
    area: str
    description: str
    target_on: dt.date


class ProvisionOut(Schema):
    id: int
    area: str
    what: str
    who: str
    how_often: str
    how_long: str
    cost_pounds: Decimal
    ordinarily_available: bool
    oap_ref: str


class ProgressOut(Schema):
    outcome_id: int
    rating: str
    note: str


class ReviewOut(Schema):
    id: int
    reviewed_on: dt.date
    summary: str
    family_views: str
    child_views: str
    next_step: str
    progress: list[ProgressOut]


class PlanOut(Schema):
    id: int
    setting_id: int
    setting_name: str
    cycle: int
    status: str
    starts_on: dt.date
    review_due_on: dt.date
    closed_on: dt.date | None
    areas: list[str]
    needs: str
    family_views: str
    child_views: str
    outcomes: list[OutcomeOut]
    provision: list[ProvisionOut]
    reviews: list[ReviewOut]


class PlanIn(Schema):
    starts_on: dt.date
    review_due_on: dt.date
    areas: list[str]
    needs: str
    family_views: str = ""
    child_views: str = ""


class OutcomeIn(Schema):
    area: str
    description: str
    target_on: dt.date | None = Field(None, description="Required: an outcome without a date is refused")


class ProvisionIn(Schema):
    area: str
    what: str
    who: str
    how_often: str
    how_long: str
    cost_pounds: Decimal = Decimal(0)
    oap_ref: str = Field("", description="An item of /ordinarily-available, or empty when beyond it")


class ProgressIn(Schema):
    outcome_id: int
    rating: str
    note: str = ""


class ReviewIn(Schema):
    reviewed_on: dt.date
    summary: str
    progress: list[ProgressIn]
    next_step: str
    family_views: str = ""
    child_views: str = ""


class HistoryEntryOut(Schema):
    id: int
    setting_id: int
    setting_name: str
    provision: str
    primary_need: str
    secondary_need: str
    starts_on: dt.date
    ends_on: dt.date | None


class HistoryOut(Schema):
    child_id: int
    register_entries: list[HistoryEntryOut]
    plans: list[PlanOut]


class LaRowOut(Schema):
    id: int
    child: ChildRef
    setting_id: int
    setting_name: str
    provision: str
    primary_need: str
    secondary_need: str
    starts_on: dt.date


class LaPageOut(Schema):
    page: int
    has_next: bool
    results: list[LaRowOut]


class LaQuery(Schema):
    setting_id: int | None = None
    need: str = ""
    provision: str = Field("K", description="K, E, or empty for both")
    page: int = Field(1, ge=1)
    per_page: int = Field(25, ge=1, le=100)


class SencoIn(Schema):
    name: str
    qualification: str
    achieved_on: dt.date | None = None


class SencoOut(Schema):
    name: str
    qualification: str
    achieved_on: dt.date | None


class OapItemOut(Schema):
    ref: str
    area: str
    title: str
    description: str
    local: bool
