"""Transfer between councils in the API: send (X1), the lists, one transfer and its document,
receive (the new council, token scope `plans:transfer`), cancel, and the family told (X2)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from opensend.access.policy import caller, policy_required
from opensend.core.errors import ApplicationError
from opensend.plans import selectors, services
from opensend.plans.policies import plan_policy

from .common import document_from_body
from .schemas import TransferOut

router = Router(tags=["plan reviews and transfers"])


class TransferIn(Schema):
    to_la_id: int
    aware_on: dt.date
    moved_on: dt.date | None = None


@router.post(
    "/{int:plan_id}/transfer", response={201: TransferOut}, summary="Send the plan to a new council (X1)"
)
@policy_required(plan_policy, "transfer")
def transfer_start(request: HttpRequest, plan_id: int, payload: TransferIn) -> Any:
    who = caller(request)
    plan = selectors.plan_to_change(who, plan_id, "transfer")
    t = services.transfer_start(
        by=who,
        plan=plan,
        to_la=selectors.council_get(payload.to_la_id),
        aware_on=payload.aware_on,
        moved_on=payload.moved_on,
    )
    return 201, TransferOut.of(t)


@router.get("/transfers", response=list[TransferOut], summary="Transfers to and from your councils")
@policy_required(plan_policy, "transfer")
def transfers(request: HttpRequest) -> list[TransferOut]:
    incoming, outgoing = selectors.transfers_for(caller(request))
    return [TransferOut.of(t) for t in incoming + outgoing]


@router.get("/transfers/{int:transfer_id}", response=TransferOut, summary="One transfer")
@policy_required(plan_policy, "receive")
def transfer_get(request: HttpRequest, transfer_id: int) -> TransferOut:
    return TransferOut.of(selectors.transfer_get(caller(request), transfer_id))


@router.get("/transfers/{int:transfer_id}/document", summary="The plan sent, as a schema document")
@policy_required(plan_policy, "receive")
def transfer_document(request: HttpRequest, transfer_id: int) -> HttpResponse:
    t = selectors.transfer_document(caller(request), transfer_id)
    response = HttpResponse(t.version.canonical, content_type="application/json")
    response["Digest"] = f"sha-256={t.content_hash}"
    return response


@router.post(
    "/transfers/{int:transfer_id}/receive",
    response={201: TransferOut, 422: dict},
    summary="The new council receives the plan (body: the schema document; token scope plans:transfer)",
)
@policy_required(plan_policy, "receive")
def transfer_receive(request: HttpRequest, transfer_id: int) -> Any:
    who = caller(request)
    t = selectors.transfer_get(who, transfer_id, "receive")
    doc = document_from_body(request)
    try:
        services.transfer_receive(by=who, transfer=t, doc=doc, source="API transfer")
    except services.DocumentRefused as exc:
        raise ApplicationError(exc.message, fields={str(exc.extra["pointer"]): [exc.message]}) from exc
    return 201, TransferOut.of(selectors.transfer_get(who, transfer_id))


class CancelIn(Schema):
    reason: str = ""


@router.post(
    "/transfers/{int:transfer_id}/cancel",
    response=TransferOut,
    summary="The old council cancels a transfer not yet received",
)
@policy_required(plan_policy, "cancel")
def transfer_cancel(request: HttpRequest, transfer_id: int, payload: CancelIn) -> TransferOut:
    who = caller(request)
    t = selectors.transfer_get(who, transfer_id, "cancel")
    return TransferOut.of(services.transfer_cancel(by=who, transfer=t, reason=payload.reason))


class FamilyToldIn(Schema):
    told_on: dt.date


@router.post(
    "/transfers/{int:transfer_id}/family-told",
    response=TransferOut,
    summary="The new council records the day it wrote to the family (X2)",
)
@policy_required(plan_policy, "family_told")
def transfer_family_told(request: HttpRequest, transfer_id: int, payload: FamilyToldIn) -> TransferOut:
    who = caller(request)
    t = selectors.transfer_get(who, transfer_id, "family_told")
    return TransferOut.of(services.transfer_family_told(by=who, transfer=t, told_on=payload.told_on))
