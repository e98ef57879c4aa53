"""Outreach and advice requests: the list, one request, asking, deciding, answering, withdrawing,
and how long services take; and the child's targeted help page."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.accounts.roles import FAMILY_ROLES
from opensend.core import clock
from opensend.core.http import form_page, page_number
from opensend.targeted import forms, selectors, services
from opensend.targeted.models import OutreachStatus
from opensend.targeted.policies import outreach_policy, placement_policy

# Outreach -------------------------------------------------------------------------------------


@policy_required(outreach_policy, "list")
def outreach_list(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    status = request.GET.get("status", "")
    if status not in OutreachStatus.values:
        status = ""
    page = selectors.outreach_page(principal, status=status, page=page_number(request))
    return render(
        request,
        "targeted/outreach_list.html",
        {
            "page": page,
            "status": status,
            "statuses": OutreachStatus.choices,
            "is_family": principal.roles() <= FAMILY_ROLES,
            "can_see_times": outreach_policy.can(principal, "view_times"),
        },
    )


@policy_required(outreach_policy, "view")
def outreach_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    principal = principal_of(request)
    outreach = selectors.outreach_get(principal, request_id)
    return render(
        request,
        "targeted/outreach_detail.html",
        {
            "outreach": outreach,
            "is_family": principal.roles() <= FAMILY_ROLES,
            "can_decide": outreach.status == OutreachStatus.REQUESTED
            and outreach_policy.can(principal, "decide", outreach),
            "can_answer": outreach.status == OutreachStatus.ACCEPTED
            and outreach_policy.can(principal, "answer", outreach),
            "can_withdraw": outreach.is_open and outreach_policy.can(principal, "withdraw", outreach),
        },
    )


def _outreach_form(
    request: HttpRequest,
    request_id: int,
    *,
    action: str,
    form_class: type,
    run: Any,
    with_outreach: bool = True,
    **context: Any,
) -> HttpResponse:
    """A step on one request (decide, answer, withdraw): the form, the service, back to the request."""
    principal = principal_of(request)
    outreach = selectors.outreach_get(principal, request_id, action=action)
    form = form_class(request.POST or None, initial={"version": outreach.version})
    message = context.pop("message")
    if with_outreach:
        context["outreach"] = outreach
    return form_page(
        request,
        form,
        lambda: run(principal, outreach, form.cleaned_data),
        template="targeted/form.html",
        context={
            "caption": f"{outreach.service_label} for {outreach.child.full_name}",
            "back": ("targeted:outreach-detail", outreach.pk),
            **context,
        },
        message=message,
        done=lambda _: redirect("targeted:outreach-detail", request_id=outreach.pk),
    )


@policy_required(outreach_policy, "create")
@require_http_methods(["GET", "POST"])
def outreach_create(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id)
    if not outreach_policy.can(principal, "create", child):
        raise Http404("Page not found")
    form = forms.OutreachRequestForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.outreach_request_create(by=principal, child=child, **form.cleaned_data),
        template="targeted/form.html",
        context={
            "title": "Ask for outreach or advice",
            "caption": child.full_name,
            "back": ("targeted:child", child.pk),
            "button": "Send request",
        },
        message=lambda created: f"Request sent to {created.service_label.lower()}",
        done=lambda created: redirect("targeted:outreach-detail", request_id=created.pk),
    )


@policy_required(outreach_policy, "decide")
@require_http_methods(["GET", "POST"])
def outreach_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    return _outreach_form(
        request,
        request_id,
        action="decide",
        form_class=forms.DecisionForm,
        run=lambda by, outreach, d: services.outreach_decide(
            by=by,
            request_id=outreach.pk,
            accept=d["decision"] == "accept",
            reason=d["reason"],
            expected_version=d["version"],
        ),
        message=lambda done: f"Request {done.get_status_display().lower()}",
        title="Accept or decline the request",
        button="Save decision",
    )


@policy_required(outreach_policy, "answer")
@require_http_methods(["GET", "POST"])
def outreach_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    return _outreach_form(
        request,
        request_id,
        action="answer",
        form_class=forms.AnswerForm,
        run=lambda by, outreach, d: services.outreach_answer(
            by=by,
            request_id=outreach.pk,
            kind=d["kind"],
            answer=d["answer"],
            visited_on=d["visited_on"],
            expected_version=d["version"],
        ),
        message="Answer sent to the setting",
        title="Answer the request",
        button="Send answer",
    )


@policy_required(outreach_policy, "withdraw")
@require_http_methods(["GET", "POST"])
def outreach_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    return _outreach_form(
        request,
        request_id,
        action="withdraw",
        form_class=forms.WithdrawForm,
        run=lambda by, outreach, d: services.outreach_withdraw(
            by=by, request_id=outreach.pk, reason=d["reason"], expected_version=d["version"]
        ),
        message="Request withdrawn",
        title="Withdraw the request",
        button="Withdraw request",
        warning=True,
        with_outreach=False,
    )


def _default_period() -> tuple[dt.date, dt.date]:
    today = clock.today()
    return today - dt.timedelta(days=364), today


@policy_required(outreach_policy, "view_times")
def outreach_times(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    since, until = _default_period()
    asked = "since_day" in request.GET
    form = forms.PeriodForm(request.GET if asked else None, initial={"since": since, "until": until})
    if asked and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    rows = selectors.outreach_times(principal, since=since, until=until)
    return render(
        request,
        "targeted/outreach_times.html",
        {"form": form, "rows": rows, "since": since, "until": until},
    )


# The child's targeted help -----------------------------------------------------------------------


@policy_required(outreach_policy, "list")
def child_targeted(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id)
    return render(
        request,
        "targeted/child.html",
        {
            "child": child,
            "outreach_page": selectors.outreach_page(principal, child_id=child.pk, per_page=50),
            "placement_page": selectors.placement_page(principal, child_id=child.pk, per_page=50),
            "can_ask": outreach_policy.can(principal, "create", child),
            "can_refer": placement_policy.can(principal, "refer", child),
        },
    )
