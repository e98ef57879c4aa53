"""The API's input and output shapes for targeted help and alternative provision (`targeted.api`)."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from opensend.core.schemas import ChildRef, Ref


class OutreachOut(Schema):
    id: int
    child: ChildRef
    setting: Ref
    local_authority: Ref
    service: str
    service_label: str
    service_other: str
    question: str
    tried: str
    urgency: str
    status: str
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    decision_reason: str
    answered_at: dt.datetime | None
    answer_kind: str
    answer: str
    visited_on: dt.date | None
    days_to_answer: int | None
    withdrawn_at: dt.datetime | None
    version: int


class OutreachPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[OutreachOut]


class ListQuery(Schema):
    status: str = Field("", max_length=20)
    page: int = Field(1, ge=1)
    per_page: int = Field(25, ge=1, le=100)


class OutreachIn(Schema):
    child_id: int
    service: str = Field(
        description="specialist_teaching, educational_psychology, speech_and_language or other"
    )
    service_other: str = ""
    question: str
    tried: str
    urgency: str = Field("routine", description="routine, soon or urgent")


class DecisionIn(Schema):
    accept: bool
    reason: str = ""
    version: int | None = None


class AnswerIn(Schema):
    kind: str = Field(description="advice or visit")
    answer: str
    visited_on: dt.date | None = None
    version: int | None = None


class WithdrawIn(Schema):
    reason: str = ""
    version: int | None = None


class TimesQuery(Schema):
    since: dt.date | None = None
    until: dt.date | None = None


class ServiceTimesOut(Schema):
    service: str
    label: str
    answered: int
    median_days: float | None
    p90_days: float | None
    declined: int
    waiting: int


class TimesOut(Schema):
    since: dt.date
    until: dt.date
    services: list[ServiceTimesOut]


class ReviewOut(Schema):
    id: int
    reviewed_on: dt.date
    progress: str
    decision: str
    new_planned_end_on: dt.date | None
    recorded_by_name: str


class PlacementSummaryOut(Schema):
    id: int
    child: ChildRef
    provider: Ref
    referring_organisation: Ref
    referred_by_kind: str
    tier: str
    purpose: str
    start_on: dt.date
    planned_end_on: dt.date
    actual_end_on: dt.date | None
    status: str
    outcome: str
    outcome_setting: Ref | None
    outcome_notes: str
    cancelled_reason: str
    version: int


class PlacementOut(PlacementSummaryOut):
    reviews: list[ReviewOut]


class PlacementPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[PlacementSummaryOut]


class PlacementIn(Schema):
    child_id: int
    tier: str = Field(description="tier_1, tier_2 or tier_3")
    purpose: str
    provider_id: int
    start_on: dt.date
    planned_end_on: dt.date


class StartIn(Schema):
    started_on: dt.date
    version: int | None = None


class ReviewIn(Schema):
    reviewed_on: dt.date
    progress: str
    decision: str = Field(description="continue, extend or end")
    new_planned_end_on: dt.date | None = None
    version: int | None = None


class EndIn(Schema):
    ended_on: dt.date
    outcome: str = Field(description="return_to_mainstream, onward_placement or other")
    outcome_setting_id: int | None = None
    outcome_notes: str = ""
    version: int | None = None


class CancelIn(Schema):
    reason: str
    version: int | None = None
