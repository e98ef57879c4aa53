"""Pages for targeted help (outreach and advice) and alternative provision placements."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.accounts.principal import Principal
from opensend.accounts.roles import FAMILY_ROLES
from opensend.core import clock
from opensend.core.forms import submit
from opensend.core.http import page_number

from . import forms, selectors, services
from .models import OutreachStatus, PlacementStatus
from .policies import outreach_policy, placement_policy


def _form_page(request: HttpRequest, form: Any, context: dict[str, Any]) -> HttpResponse:
    return render(request, "targeted/form.html", {"form": form, **context})


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


@policy_required(outreach_policy, "create")
@require_http_methods(["GET", "POST"])
def outreach_create(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id)
    if not outreach_policy.can(principal, "create", child):
        raise Http404("Page not found")
    form = forms.OutreachRequestForm(request.POST or None)
    if request.method == "POST":
        created = submit(
            form, lambda: services.outreach_request_create(by=principal, child=child, **form.cleaned_data)
        )
        if created is not None:
            messages.success(request, f"Request sent to {created.service_label.lower()}")
            return redirect("targeted:outreach-detail", request_id=created.pk)
    return _form_page(
        request,
        form,
        {
            "title": "Ask for outreach or advice",
            "caption": child.full_name,
            "back": ("targeted:child", child.pk),
            "button": "Send request",
        },
    )


@policy_required(outreach_policy, "decide")
@require_http_methods(["GET", "POST"])
def outreach_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    principal = principal_of(request)
    outreach = selectors.outreach_get(principal, request_id, action="decide")
    form = forms.DecisionForm(request.POST or None, initial={"version": outreach.version})
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.outreach_decide(
                by=principal,
                request_id=outreach.pk,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if done is not None:
            messages.success(request, f"Request {done.get_status_display().lower()}")
            return redirect("targeted:outreach-detail", request_id=outreach.pk)
    return _form_page(
        request,
        form,
        {
            "title": "Accept or decline the request",
            "caption": f"{outreach.service_label} for {outreach.child.full_name}",
            "back": ("targeted:outreach-detail", outreach.pk),
            "button": "Save decision",
            "outreach": outreach,
        },
    )


@policy_required(outreach_policy, "answer")
@require_http_methods(["GET", "POST"])
def outreach_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    principal = principal_of(request)
    outreach = selectors.outreach_get(principal, request_id, action="answer")
    form = forms.AnswerForm(request.POST or None, initial={"version": outreach.version})
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.outreach_answer(
                by=principal,
                request_id=outreach.pk,
                kind=form.cleaned_data["kind"],
                answer=form.cleaned_data["answer"],
                visited_on=form.cleaned_data["visited_on"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if done is not None:
            messages.success(request, "Answer sent to the setting")
            return redirect("targeted:outreach-detail", request_id=outreach.pk)
    return _form_page(
        request,
        form,
        {
            "title": "Answer the request",
            "caption": f"{outreach.service_label} for {outreach.child.full_name}",
            "back": ("targeted:outreach-detail", outreach.pk),
            "button": "Send answer",
            "outreach": outreach,
        },
    )


@policy_required(outreach_policy, "withdraw")
@require_http_methods(["GET", "POST"])
def outreach_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    principal = principal_of(request)
    outreach = selectors.outreach_get(principal, request_id, action="withdraw")
    form = forms.WithdrawForm(request.POST or None, initial={"version": outreach.version})
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.outreach_withdraw(
                by=principal,
                request_id=outreach.pk,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if done is not None:
            messages.success(request, "Request withdrawn")
            return redirect("targeted:outreach-detail", request_id=outreach.pk)
    return _form_page(
        request,
        form,
        {
            "title": "Withdraw the request",
            "caption": f"{outreach.service_label} for {outreach.child.full_name}",
            "back": ("targeted:outreach-detail", outreach.pk),
            "button": "Withdraw request",
            "warning": True,
        },
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


# Alternative provision -------------------------------------------------------------------------


@policy_required(placement_policy, "list")
def placement_list(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    status = request.GET.get("status", "")
    if status not in PlacementStatus.values:
        status = ""
    page = selectors.placement_page(principal, status=status, page=page_number(request))
    return render(
        request,
        "targeted/placement_list.html",
        {"page": page, "status": status, "statuses": PlacementStatus.choices},
    )


@policy_required(placement_policy, "view")
def placement_detail(request: HttpRequest, placement_id: int) -> HttpResponse:
    principal = principal_of(request)
    placement = selectors.placement_get(principal, placement_id)
    can_manage = placement_policy.can(principal, "manage", placement)
    return render(
        request,
        "targeted/placement_detail.html",
        {
            "placement": placement,
            "reviews": list(placement.reviews.all()),
            "can_start": can_manage and placement.status == PlacementStatus.REFERRED,
            "can_cancel": can_manage and placement.status == PlacementStatus.REFERRED,
            "can_review": can_manage and placement.status == PlacementStatus.ACTIVE,
            "can_end": can_manage and placement.status == PlacementStatus.ACTIVE,
        },
    )


@policy_required(placement_policy, "refer")
@require_http_methods(["GET", "POST"])
def placement_refer(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id)
    if not placement_policy.can(principal, "refer", child):
        raise Http404("Page not found")
    providers = selectors.settings_for_child(child)
    form = forms.ReferralForm(request.POST or None, providers=providers)
    if request.method == "POST":

        def refer() -> Any:
            data = dict(form.cleaned_data)
            data["provider"] = providers.filter(pk=data["provider"]).first()
            return services.placement_refer(by=principal, child=child, **data)

        created = submit(form, refer)
        if created is not None:
            messages.success(request, f"Referral to {created.provider.name} recorded")
            return redirect("targeted:placement-detail", placement_id=created.pk)
    return _form_page(
        request,
        form,
        {
            "title": "Refer to alternative provision",
            "caption": child.full_name,
            "back": ("targeted:child", child.pk),
            "button": "Record referral",
        },
    )


def _placement_form(
    request: HttpRequest,
    placement_id: int,
    *,
    form_class: type,
    title: str,
    button: str,
    done_message: str,
    run: Callable[[Principal, Any, dict[str, Any]], Any],
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None,
) -> HttpResponse:
    principal = principal_of(request)
    placement = selectors.placement_get(principal, placement_id, action="manage")
    extra = form_kwargs(placement) if form_kwargs else {}
    form = form_class(request.POST or None, initial={"version": placement.version}, **extra)
    if request.method == "POST":
        data_run = submit(form, lambda: run(principal, placement, form.cleaned_data))
        if data_run is not None:
            messages.success(request, done_message)
            return redirect("targeted:placement-detail", placement_id=placement.pk)
    return _form_page(
        request,
        form,
        {
            "title": title,
            "caption": f"{placement.provider.name} for {placement.child.full_name}",
            "back": ("targeted:placement-detail", placement.pk),
            "button": button,
            "placement": placement,
        },
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_start(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_form(
        request,
        placement_id,
        form_class=forms.StartForm,
        title="Record that the placement started",
        button="Save",
        done_message="Placement started",
        run=lambda by, p, d: services.placement_start(
            by=by, placement_id=p.pk, started_on=d["started_on"], expected_version=d["version"]
        ),
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_review(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_form(
        request,
        placement_id,
        form_class=forms.ReviewForm,
        title="Record a review",
        button="Save review",
        done_message="Review recorded",
        run=lambda by, p, d: services.placement_review(
            by=by,
            placement_id=p.pk,
            reviewed_on=d["reviewed_on"],
            progress=d["progress"],
            decision=d["decision"],
            new_planned_end_on=d["new_planned_end_on"],
            expected_version=d["version"],
        ),
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_end(request: HttpRequest, placement_id: int) -> HttpResponse:
    def run(by: Principal, placement: Any, d: dict[str, Any]) -> Any:
        setting = (
            selectors.settings_for_child(placement.child).filter(pk=d["outcome_setting"]).first()
            if d["outcome_setting"]
            else None
        )
        return services.placement_end(
            by=by,
            placement_id=placement.pk,
            ended_on=d["ended_on"],
            outcome=d["outcome"],
            outcome_setting=setting,
            outcome_notes=d["outcome_notes"],
            expected_version=d["version"],
        )

    return _placement_form(
        request,
        placement_id,
        form_class=forms.EndForm,
        title="End the placement",
        button="End placement",
        done_message="Placement ended",
        run=run,
        form_kwargs=lambda p: {"settings_qs": selectors.settings_for_child(p.child)},
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_cancel(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_form(
        request,
        placement_id,
        form_class=forms.CancelForm,
        title="Cancel the referral",
        button="Cancel referral",
        done_message="Referral cancelled",
        run=lambda by, p, d: services.placement_cancel(
            by=by, placement_id=p.pk, reason=d["reason"], expected_version=d["version"]
        ),
    )
