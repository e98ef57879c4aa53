"""Transfer between councils: send a plan, the two lists, receive, cancel, and the new council's
letter to the family (X2)."""

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.plans import selectors, services
from opensend.plans.forms import FamilyToldForm, TransferCancelForm, TransferForm
from opensend.plans.policies import plan_policy
from opensend.plans.schema import validate_document

from .common import plan_form_page


@policy_required(plan_policy, "transfer")
def transfer(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for(principal, plan_id, "transfer")
    form = TransferForm(request.POST or None, councils=selectors.councils_except(0))
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.transfer_start(by=principal, plan=plan, **form.cleaned_data),
        heading="Transfer the plan to another council",
        button="Send the plan",
        intro=[
            "Send the plan on the day of the move, or within 15 working days of finding out about it (X1)."
        ],
        message="Plan sent to the new council",
        done=lambda _: redirect("plans:transfers"),
    )


@policy_required(plan_policy, "transfer")
def transfers(request: HttpRequest) -> HttpResponse:
    incoming, outgoing = selectors.transfers_for(principal_of(request))
    return render(request, "plans/in_force/transfers.html", {"incoming": incoming, "outgoing": outgoing})


@policy_required(plan_policy, "receive")
def transfer_receive(request: HttpRequest, transfer_id: int) -> HttpResponse:
    """No form to bind: the plan received is the document that was sent, checked against the schema
    before the service takes it."""
    principal = principal_of(request)
    t = selectors.transfer_get(principal, transfer_id, "receive")
    error = ""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        doc, errors = validate_document(json.loads(t.version.canonical))
        if doc is not None:
            try:
                plan = services.transfer_receive(
                    by=principal, transfer=t, doc=doc, source="OpenSEND transfer"
                )
                messages.success(request, "Plan received: this council is now responsible for the child")
                return redirect("plans:overview", plan.pk)
            except ApplicationError as exc:
                error = exc.message
        else:
            error = "The plan does not meet the schema"
    return render(
        request,
        "plans/in_force/transfer_receive.html",
        {"transfer": t, "error": error, "errors": errors, "dates": selectors.receive_dates(t, clock.today())},
        status=400 if error else 200,
    )


@policy_required(plan_policy, "cancel")
def transfer_cancel(request: HttpRequest, transfer_id: int) -> HttpResponse:
    principal = principal_of(request)
    t = selectors.transfer_get(principal, transfer_id, "cancel")
    form = TransferCancelForm(request.POST or None)
    return plan_form_page(
        request,
        t.plan,
        form,
        lambda: services.transfer_cancel(by=principal, transfer=t, reason=form.cleaned_data["reason"]),
        heading="Cancel the transfer",
        button="Cancel the transfer",
        intro=[
            f"The plan was sent to {t.to_la.name} on {t.sent_on:%-d %B %Y} "
            "and they have not received it yet.",
            "If you cancel, they can no longer receive it and this council keeps the plan.",
        ],
        back=reverse("plans:transfers"),
        message=f"Transfer to {t.to_la.name} cancelled: the plan stays with this council",
        done=lambda _: redirect("plans:transfers"),
    )


@policy_required(plan_policy, "family_told")
def transfer_family_told(request: HttpRequest, transfer_id: int) -> HttpResponse:
    principal = principal_of(request)
    t = selectors.transfer_get(principal, transfer_id, "family_told")
    if t.new_plan is None:
        raise Http404("Page not found")  # not received yet: nothing to record
    form = FamilyToldForm(request.POST or None)
    return plan_form_page(
        request,
        t.new_plan,
        form,
        lambda: services.transfer_family_told(by=principal, transfer=t, told_on=form.cleaned_data["told_on"]),
        heading="Family told about the transfer",
        button="Save",
        intro=[
            f"The plan was received on {t.received_on:%-d %B %Y}. The family must be told by "
            f"{t.x2_due:%-d %B %Y} (X2: 6 weeks)."
            if t.received_on and t.x2_due
            else "",
        ],
        back=reverse("plans:transfers"),
        message=lambda done: (
            f"Recorded: the family was told {'within' if done.x2_met else 'after'} the 6 weeks (X2)"
        ),
        done=lambda _: redirect("plans:transfers"),
    )
