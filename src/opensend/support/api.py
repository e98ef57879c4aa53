"""SEN support in the API: the same services, selectors and policies as the pages."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router

from opensend.access.policy import caller as _principal
from opensend.access.policy import policy_required, public
from opensend.accounts.models import Organisation
from opensend.core import clock
from opensend.core.errors import NotFound
from opensend.core.schemas import ChildRef

from . import oap, selectors, services
from .policies import concern_policy, la_ids, plan_policy, register_policy, setting_policy
from .schemas import (
    CensusOut,
    CensusRowOut,
    ConcernIn,
    ConcernOut,
    EndIn,
    EscalateIn,
    HistoryOut,
    LaPageOut,
    LaQuery,
    LaRowOut,
    OapItemOut,
    OutcomeIn,
    OutcomeOut,
    PlanIn,
    PlanOut,
    ProvisionIn,
    ProvisionOut,
    RegisterEntryIn,
    RegisterEntryOut,
    RegisterPageOut,
    ReviewIn,
    SencoIn,
    SencoOut,
)

router = Router(tags=["support"])


def _setting(request: HttpRequest, setting_id: int, action: str = "view") -> Organisation:
    return selectors.setting_get(_principal(request), setting_id, action=action)


def _plan_out(plan) -> PlanOut:
    record = selectors.plan_record(plan)
    return PlanOut.model_validate(record, from_attributes=True)


@router.get("/settings/{setting_id}/register", response=RegisterPageOut, summary="A setting's SEN register")
@policy_required(setting_policy, "view")
def get_register(request: HttpRequest, setting_id: int, page: int = 1) -> RegisterPageOut:
    result = selectors.register_page(_principal(request), _setting(request, setting_id), page=page)
    return RegisterPageOut(
        count=result.paginator.count,
        page=result.number,
        pages=result.paginator.num_pages,
        results=[RegisterEntryOut.from_orm(e) for e in result.object_list],
    )


@router.post(
    "/settings/{setting_id}/register", response={201: RegisterEntryOut}, summary="Add a child to the register"
)
@policy_required(register_policy, "create")
def add_register_entry(request: HttpRequest, setting_id: int, payload: RegisterEntryIn):
    setting = _setting(request, setting_id, "edit")
    data = payload.dict()
    child = selectors.child_on_roll(_principal(request), setting, data.pop("child_id"), field="child_id")
    entry = services.register_entry_add(by=_principal(request), child=child, setting=setting, **data)
    return 201, RegisterEntryOut.from_orm(entry)


@router.post("/register/{entry_id}/end", response=RegisterEntryOut, summary="End a register entry")
@policy_required(register_policy, "edit")
def end_register_entry(request: HttpRequest, entry_id: int, payload: EndIn) -> RegisterEntryOut:
    entry = services.register_entry_end(
        by=_principal(request), entry_id=entry_id, ends_on=payload.ends_on, expected_version=payload.version
    )
    return RegisterEntryOut.from_orm(entry)


def _census_out(summary: selectors.CensusSummary) -> CensusOut:
    return CensusOut(
        on=summary.on,
        sen_support=summary.sen_support,
        ehc_plan=summary.ehc_plan,
        rows=[
            CensusRowOut(code=r.code, label=r.label, sen_support=r.sen_support, ehc_plan=r.ehc_plan)
            for r in summary.rows
        ],
    )


@router.get("/settings/{setting_id}/census", response=CensusOut, summary="A setting's census figures")
@policy_required(setting_policy, "view")
def get_census(request: HttpRequest, setting_id: int, on: dt.date | None = None) -> CensusOut:
    setting = _setting(request, setting_id)
    return _census_out(selectors.census_summary(_principal(request), on=on or clock.today(), setting=setting))


@router.get("/settings/{setting_id}/concerns", response=list[ConcernOut], summary="A setting's concerns")
@policy_required(concern_policy, "list")
def list_concerns(request: HttpRequest, setting_id: int) -> list[ConcernOut]:
    rows = selectors.concern_list(_principal(request), _setting(request, setting_id))
    return [ConcernOut.from_orm(c) for c in rows]


@router.post(
    "/settings/{setting_id}/concerns", response={201: ConcernOut}, summary="Record a concern or screening"
)
@policy_required(concern_policy, "create")
def add_concern(request: HttpRequest, setting_id: int, payload: ConcernIn):
    setting = _setting(request, setting_id, "edit")
    data = payload.dict()
    child = selectors.child_on_roll(_principal(request), setting, data.pop("child_id"), field="child_id")
    concern = services.concern_record(by=_principal(request), child=child, setting=setting, **data)
    return 201, ConcernOut.from_orm(concern)


@router.post(
    "/concerns/{concern_id}/escalate", response=RegisterEntryOut, summary="Move a concern to SEN support"
)
@policy_required(concern_policy, "escalate")
def escalate_concern(request: HttpRequest, concern_id: int, payload: EscalateIn) -> RegisterEntryOut:
    entry = services.concern_escalate(by=_principal(request), concern_id=concern_id, **payload.dict())
    return RegisterEntryOut.from_orm(entry)


@router.get("/settings/{setting_id}/senco", response=SencoOut | None, summary="A setting's SENCo")
@policy_required(setting_policy, "view")
def get_senco(request: HttpRequest, setting_id: int):
    record = selectors.senco_current(_setting(request, setting_id))
    return SencoOut.from_orm(record) if record else None


@router.put("/settings/{setting_id}/senco", response=SencoOut, summary="Record a setting's SENCo")
@policy_required(setting_policy, "edit")
def put_senco(request: HttpRequest, setting_id: int, payload: SencoIn) -> SencoOut:
    setting = _setting(request, setting_id, "edit")
    return SencoOut.from_orm(
        services.senco_record_set(by=_principal(request), setting=setting, **payload.dict())
    )


@router.get("/children/{child_id}/plans", response=list[PlanOut], summary="A child's SEN support plans")
@policy_required(plan_policy, "list")
def list_plans(request: HttpRequest, child_id: int) -> list[PlanOut]:
    child = selectors.child_get_for_plans(_principal(request), child_id)
    return [_plan_out(p) for p in selectors.child_plans(_principal(request), child)]


@router.post("/children/{child_id}/plans", response={201: PlanOut}, summary="Start a SEN support plan")
@policy_required(plan_policy, "create")
def open_plan(request: HttpRequest, child_id: int, payload: PlanIn):
    principal = _principal(request)
    child = selectors.child_get_for_plans(principal, child_id)
    if child.current_setting is None:
        raise NotFound()
    plan = services.plan_open(by=principal, child=child, setting=child.current_setting, **payload.dict())
    return 201, _plan_out(selectors.plan_get(principal, plan.pk))


@router.get("/plans/{plan_id}", response=PlanOut, summary="One SEN support plan with its reviews")
@policy_required(plan_policy, "view")
def get_plan(request: HttpRequest, plan_id: int) -> PlanOut:
    return _plan_out(selectors.plan_get(_principal(request), plan_id))


@router.post("/plans/{plan_id}/outcomes", response={201: OutcomeOut}, summary="Add an outcome")
@policy_required(plan_policy, "edit")
def add_outcome(request: HttpRequest, plan_id: int, payload: OutcomeIn):
    outcome = services.plan_outcome_add(by=_principal(request), plan_id=plan_id, **payload.dict())
    return 201, OutcomeOut.from_orm(outcome)


@router.post("/plans/{plan_id}/provision", response={201: ProvisionOut}, summary="Add provision")
@policy_required(plan_policy, "edit")
def add_provision(request: HttpRequest, plan_id: int, payload: ProvisionIn):
    item = services.plan_provision_add(
        by=_principal(request), plan_id=plan_id, item=services.ProvisionInput(**payload.dict())
    )
    return 201, ProvisionOut.from_orm(item)


@router.post("/plans/{plan_id}/reviews", response={201: PlanOut}, summary="Review a plan")
@policy_required(plan_policy, "review")
def add_review(request: HttpRequest, plan_id: int, payload: ReviewIn):
    principal = _principal(request)
    services.plan_review_record(
        by=principal,
        plan_id=plan_id,
        reviewed_on=payload.reviewed_on,
        summary=payload.summary,
        progress={p.outcome_id: (p.rating, p.note) for p in payload.progress},
        next_step=payload.next_step,
        family_views=payload.family_views,
        child_views=payload.child_views,
    )
    return 201, _plan_out(selectors.plan_get(principal, plan_id))


@router.get("/children/{child_id}/history", response=HistoryOut, summary="A child's SEN support history")
@policy_required(plan_policy, "list")
def get_history(request: HttpRequest, child_id: int) -> HistoryOut:
    principal = _principal(request)
    child = selectors.child_get_for_plans(principal, child_id)
    return HistoryOut.model_validate(selectors.support_history(principal, child), from_attributes=True)


@router.get("/area", response=LaPageOut, summary="Children on SEN support across your LA")
@policy_required(register_policy, "la_view")
def la_view(request: HttpRequest, filters: Query[LaQuery]) -> LaPageOut:
    page = selectors.la_view_page(
        _principal(request),
        selectors.LaViewFilters(
            setting_id=filters.setting_id, need=filters.need, provision=filters.provision
        ),
        page=filters.page,
        per_page=filters.per_page,
    )
    return LaPageOut(
        page=page.number,
        has_next=page.has_next,
        results=[
            LaRowOut(
                id=e.pk,
                child=ChildRef.from_orm(e.child),
                setting_id=e.setting_id,
                setting_name=e.setting.name,
                provision=e.provision,
                primary_need=e.primary_need,
                secondary_need=e.secondary_need,
                starts_on=e.starts_on,
            )
            for e in page.object_list
        ],
    )


@router.get("/area/census", response=CensusOut, summary="Census figures across your LA's settings")
@policy_required(register_policy, "la_view")
def la_census(request: HttpRequest, on: dt.date | None = None) -> CensusOut:
    principal = _principal(request)
    return _census_out(
        selectors.census_summary(principal, on=on or clock.today(), local_authority_id=la_ids(principal)[0])
    )


@router.get(
    "/ordinarily-available", response=list[OapItemOut], auth=None, summary="Ordinarily available provision"
)
@public
def list_oap(request: HttpRequest, local_authority_id: int | None = None) -> list[OapItemOut]:
    items = oap.catalogue(local_authority_id=local_authority_id, on=clock.today())
    return [
        OapItemOut(ref=i.ref, area=i.area, title=i.title, description=i.description, local=i.local)
        for i in items
    ]
