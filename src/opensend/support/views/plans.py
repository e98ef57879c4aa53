"""A child's SEN support plans: starting one, adding outcomes and provision, reviewing it."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.http import form_page
from opensend.support import oap, selectors, services
from opensend.support.forms import OutcomeForm, PlanForm, ProvisionForm, ReviewForm
from opensend.support.models import SupportPlan
from opensend.support.policies import plan_policy


@policy_required(plan_policy, "list")
def child_plans(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get_for_plans(principal, child_id)
    can_open = child.current_setting_id is not None and plan_policy.may_write_for(
        principal, child.current_setting_id
    )
    return render(
        request,
        "support/child_plans.html",
        {
            "child": child,
            "plans": selectors.child_plans(principal, child),
            "can_open": can_open,
        },
    )


@policy_required(plan_policy, "create")
@require_http_methods(["GET", "POST"])
def plan_open(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get_for_plans(principal, child_id)
    setting = child.current_setting
    if setting is None or not plan_policy.may_write_for(principal, setting.pk):
        raise Http404("Page not found")
    form = PlanForm(request.POST or None, initial={"starts_on": clock.today()})
    return form_page(
        request,
        form,
        lambda: services.plan_open(by=principal, child=child, setting=setting, **form.cleaned_data),
        template="support/form.html",
        context={
            "setting": setting,
            "caption": child.full_name,
            "title": "Start a SEN support plan",
            "back": ("support:child-plans", child.pk),
            "button": "Start plan",
        },
        message="Support plan started. Now add outcomes and provision",
        done=lambda plan: redirect("support:plan", plan_id=plan.pk),
    )


@policy_required(plan_policy, "view")
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_get(principal, plan_id)
    outcomes = list(plan.outcomes.all())
    provision = list(plan.provision.all())
    return render(
        request,
        "support/plan.html",
        {
            "plan": plan,
            "outcomes": outcomes,
            "provision": provision,
            "reviews": list(plan.reviews.all()),
            "can_edit": plan.status == "active" and plan_policy.can(principal, "edit", plan),
            "beyond_cost": sum(p.cost_pounds for p in provision if not p.ordinarily_available),
            "total_cost": sum(p.cost_pounds for p in provision),
        },
    )


def _plan_form_page(
    request: HttpRequest,
    plan_id: int,
    *,
    action: str,
    make_form: Callable[[SupportPlan, Any], Any],
    run: Callable[[SupportPlan, Any], Any],
    title: str,
    button: str,
    message: str,
) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_get(principal, plan_id, action=action)
    form = make_form(plan, request.POST or None)
    return form_page(
        request,
        form,
        lambda: run(plan, form),
        template="support/form.html",
        context={
            "setting": plan.setting,
            "caption": f"{plan.child.full_name}: support plan {plan.cycle}",
            "title": title,
            "back": ("support:plan", plan.pk),
            "button": button,
        },
        message=message,
        done=lambda _: redirect("support:plan", plan_id=plan.pk),
    )


@policy_required(plan_policy, "edit")
@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    return _plan_form_page(
        request,
        plan_id,
        action="edit",
        make_form=lambda plan, data: OutcomeForm(data, areas=plan.areas),
        run=lambda plan, form: services.plan_outcome_add(by=principal, plan_id=plan.pk, **form.cleaned_data),
        title="Add an outcome",
        button="Add outcome",
        message="Outcome added",
    )


@policy_required(plan_policy, "edit")
@require_http_methods(["GET", "POST"])
def provision_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)

    def make_form(plan: SupportPlan, data: Any) -> ProvisionForm:
        items = oap.catalogue(local_authority_id=plan.setting.local_authority_id, on=plan.starts_on)
        return ProvisionForm(data, areas=plan.areas, items=items)

    return _plan_form_page(
        request,
        plan_id,
        action="edit",
        make_form=make_form,
        run=lambda plan, form: services.plan_provision_add(
            by=principal, plan_id=plan.pk, item=services.ProvisionInput(**form.cleaned_data)
        ),
        title="Add provision",
        button="Add provision",
        message="Provision added",
    )


@policy_required(plan_policy, "review")
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)

    def run(plan: SupportPlan, form: ReviewForm) -> Any:
        d = form.cleaned_data
        return services.plan_review_record(
            by=principal,
            plan_id=plan.pk,
            reviewed_on=d["reviewed_on"],
            summary=d["summary"],
            progress=form.progress(),
            next_step=d["next_step"],
            family_views=d["family_views"],
            child_views=d["child_views"],
        )

    return _plan_form_page(
        request,
        plan_id,
        action="review",
        make_form=lambda plan, data: ReviewForm(
            data, outcomes=list(plan.outcomes.all()), initial={"reviewed_on": clock.today()}
        ),
        run=run,
        title="Review the plan",
        button="Save review",
        message="Review saved",
    )
