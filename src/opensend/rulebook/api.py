"""The rule book in the API: every rule, and a due-date calculator. Public: no personal data."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from opensend.access.policy import policy_required, public
from opensend.accounts.models import Organisation

from . import services
from .engine import DueDate
from .errors import UnknownRule
from .inputs import answer
from .models import ClosurePeriod
from .policies import closure_policy
from .rules import Rule, RuleSet, default_rulebook
from .units import Count

router = Router(tags=["rulebook"])


class CountOut(Schema):
    trigger: str
    trigger_label: str
    unit: str
    offset: int
    words: str = Field(description='How the law words the period: "within", "beginning with", ...')
    period_text: str = Field(description="The regulation's own phrase for the period")
    month: int | None = None
    day: int | None = None


class ExceptionTermOut(Schema):
    kind: str
    text: str = Field(description="The regulation's words for this circumstance")
    min_days: int = Field(description="The shortest closure or absence that counts; 0 where none")


class RuleOut(Schema):
    id: str
    stage: str
    stage_title: str
    title: str
    description: str
    summary: str
    reference: str
    provenance: str = Field(description="C: confirmed from the source named; M: to be checked; D: derived")
    unit: str
    words: str = Field(
        description='"within", "beginning with", "starting with", "before" or "at least before"'
    )
    period_text: str
    counts: list[CountOut]
    exceptions: list[str]
    exceptions_reference: str
    exception_terms: list[ExceptionTermOut]
    time_rule: str | None
    in_force_from: dt.date | None
    needs_second_date: bool


class RuleSetOut(Schema):
    id: str
    title: str
    effective_from: dt.date
    sources: list[str]


class RuleListOut(Schema):
    rule_set: RuleSetOut
    rules: list[RuleOut]


class DueDateQuery(Schema):
    rule: str = Field(description="A rule id, for example A8")
    trigger: str = Field(description="The trigger date, YYYY-MM-DD")
    second: str | None = Field(None, description="The second date, for T1 and X3 only")


class DueDateOut(Schema):
    due: dt.date
    rule: str
    title: str
    reference: str
    rule_set: str
    trigger: dt.date
    second: dt.date | None
    words: str
    explanation: str


def _count_out(count: Count) -> CountOut:
    fixed = count.unit == "fixed_date"
    return CountOut(
        trigger=count.trigger,
        trigger_label=count.trigger_label,
        unit=count.unit.value,
        offset=count.offset,
        words=count.words.value,
        period_text=count.period_text,
        month=count.month if fixed else None,
        day=count.day if fixed else None,
    )


def _rule_out(rule: Rule, rule_set: RuleSet) -> RuleOut:
    stage_titles = {stage.id: stage.title for stage in rule_set.stages}
    return RuleOut(
        id=rule.id,
        stage=rule.stage,
        stage_title=stage_titles[rule.stage],
        title=rule.title,
        description=rule.description,
        summary=rule.summary(),
        reference=rule.reference,
        provenance=rule.provenance,
        unit=rule.unit,
        words=rule.words,
        period_text=rule.period_text,
        counts=[_count_out(count) for count in rule.counts],
        exceptions=[kind.value for kind in rule.exceptions.kinds],
        exceptions_reference=rule.exceptions.reference,
        exception_terms=[
            ExceptionTermOut(kind=term.kind.value, text=term.text, min_days=term.min_days)
            for term in rule.exceptions.terms
        ],
        time_rule=rule.time_rule.value if rule.time_rule else None,
        in_force_from=rule.in_force_from,
        needs_second_date=rule.needs_second_date,
    )


@router.get("/rules", response=RuleListOut, auth=None, summary="Every statutory timescale in force today")
@public
def rule_list(request: HttpRequest) -> RuleListOut:
    rule_set = default_rulebook().current()
    return RuleListOut(
        rule_set=RuleSetOut(
            id=rule_set.id,
            title=rule_set.title,
            effective_from=rule_set.effective_from,
            sources=list(rule_set.sources),
        ),
        rules=[_rule_out(rule, rule_set) for rule in rule_set],
    )


@router.get("/rules/{rule_id}", response=RuleOut, auth=None, summary="One statutory timescale")
@public
def rule_detail(request: HttpRequest, rule_id: str) -> RuleOut:
    rule_set = default_rulebook().current()
    try:
        rule = rule_set.rule(rule_id)
    except UnknownRule:
        raise Http404("Not found") from None
    return _rule_out(rule, rule_set)


@router.get("/due-date", response=DueDateOut, auth=None, summary="Compute a statutory due date")
@public
def due_date_compute(request: HttpRequest, query: Query[DueDateQuery]) -> DueDateOut:
    """The due date for a rule from a trigger date (and a second date for T1 and X3).

    Bad input (an unknown rule, a date not written YYYY-MM-DD, a missing or unneeded second date,
    a second date before the first, a date before the rule came into force) gets a 422 naming the
    field.
    """
    result: DueDate = answer(query.rule, query.trigger, query.second)
    return DueDateOut(
        due=result.due,
        rule=result.rule_id,
        title=result.rule.title,
        reference=result.reference,
        rule_set=result.rule_set_id,
        trigger=result.trigger,
        second=result.second,
        words=result.words,
        explanation=result.explanation,
    )


# Closure dates ---------------------------------------------------------------------------------


class ClosureIn(Schema):
    starts_on: dt.date
    ends_on: dt.date
    description: str = Field("", max_length=200)


class ClosureOut(Schema):
    id: int
    organisation_id: int
    starts_on: dt.date
    ends_on: dt.date
    description: str


def _editable_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    principal = request.auth  # type: ignore[attr-defined]
    organisation = Organisation.objects.filter(
        closure_policy.editable_q(principal), pk=organisation_id
    ).first()
    if organisation is None:
        raise Http404("Not found")
    return organisation


@router.get(
    "/closures/{organisation_id}", response=list[ClosureOut], summary="An organisation's closure dates"
)
@policy_required(closure_policy, "edit")
def list_closures(request: HttpRequest, organisation_id: int) -> list[ClosurePeriod]:
    organisation = _editable_organisation(request, organisation_id)
    return list(ClosurePeriod.objects.filter(organisation=organisation).order_by("starts_on"))


@router.post("/closures/{organisation_id}", response={201: ClosureOut}, summary="Add a closure period")
@policy_required(closure_policy, "edit")
def add_closure(request: HttpRequest, organisation_id: int, payload: ClosureIn) -> tuple[int, ClosurePeriod]:
    organisation = _editable_organisation(request, organisation_id)
    period = services.closure_add(by=request.auth, organisation=organisation, **payload.dict())  # type: ignore[attr-defined]
    return 201, period


@router.delete("/closures/{organisation_id}/{period_id}", response={204: None}, summary="Remove a closure")
@policy_required(closure_policy, "edit")
def remove_closure(request: HttpRequest, organisation_id: int, period_id: int) -> tuple[int, None]:
    organisation = _editable_organisation(request, organisation_id)
    period = ClosurePeriod.objects.filter(organisation=organisation, pk=period_id).first()
    if period is None:
        raise Http404("Not found")
    services.closure_remove(by=request.auth, period=period)  # type: ignore[attr-defined]
    return 204, None
