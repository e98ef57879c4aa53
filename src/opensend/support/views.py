"""Pages for SEN support. Each view declares its policy; selectors scope and audit every read."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of, public, signed_in
from opensend.accounts.models import Organisation
from opensend.accounts.roles import LA_STAFF_ROLES, Role
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.core.http import page_number

from . import oap, selectors, services
from .codes import NeedCode, Provision
from .forms import (
    ConcernForm,
    EndEntryForm,
    EscalateForm,
    LaViewFilterForm,
    LocalProvisionForm,
    OutcomeForm,
    PlanForm,
    ProvisionForm,
    RegisterEntryForm,
    ReviewForm,
    SencoForm,
)
from .policies import (
    concern_policy,
    la_ids,
    local_provision_policy,
    plan_policy,
    register_policy,
    senco_setting_ids,
    setting_policy,
)


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    """Where SEN support starts for each role: the SENCo's setting, or the LA's area view."""
    principal = principal_of(request)
    settings = senco_setting_ids(principal)
    if len(settings) == 1:
        return redirect("support:register", setting_id=settings[0])
    if la_ids(principal):
        return redirect("support:la-view")
    return render(
        request,
        "support/home.html",
        {"settings": selectors.settings_visible(principal) if settings else []},
    )


# A setting's register, census, concerns and SENCo -------------------------------------------------


@policy_required(setting_policy, "view")
def register(request: HttpRequest, setting_id: int) -> HttpResponse:
    principal = principal_of(request)
    setting = selectors.setting_get(principal, setting_id)
    page = selectors.register_page(principal, setting, page=page_number(request))
    return render(
        request,
        "support/register.html",
        {
            "setting": setting,
            "page": page,
            "senco": selectors.senco_current(setting),
            "can_edit": register_policy.may_write_for(principal, setting.pk),
        },
    )


@policy_required(register_policy, "create")
@require_http_methods(["GET", "POST"])
def register_add(request: HttpRequest, setting_id: int) -> HttpResponse:
    principal = principal_of(request)
    setting = selectors.setting_get(principal, setting_id, action="edit")
    children = selectors.children_at_setting(principal, setting)
    form = RegisterEntryForm(request.POST or None, initial={"provision": Provision.SEN_SUPPORT})
    form.set_children(children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = children.filter(pk=data["child"]).first()
            if child is None:
                raise ApplicationError("Choose a child on the setting's roll", field="child")
            services.register_entry_add(
                by=principal,
                child=child,
                setting=setting,
                provision=data["provision"],
                primary_need=data["primary_need"],
                secondary_need=data["secondary_need"],
                starts_on=data["starts_on"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{child.full_name} added to the SEN register")
            return redirect("support:register", setting_id=setting.pk)
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "setting": setting,
            "title": "Add a child to the SEN register",
            "back": ("support:register", setting.pk),
            "button": "Add to register",
        },
    )


@policy_required(register_policy, "edit")
@require_http_methods(["GET", "POST"])
def register_end(request: HttpRequest, entry_id: int) -> HttpResponse:
    principal = principal_of(request)
    entry = selectors.register_entry_get(principal, entry_id, action="edit")
    form = EndEntryForm(request.POST or None, initial={"version": entry.version, "ends_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.register_entry_end(
                by=principal,
                entry_id=entry.pk,
                ends_on=form.cleaned_data["ends_on"],
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{entry.child.full_name} taken off the SEN register")
            return redirect("support:register", setting_id=entry.setting_id)
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "setting": entry.setting,
            "caption": entry.child.full_name,
            "title": f"Take {entry.child.full_name} off the SEN register",
            "back": ("support:register", entry.setting_id),
            "button": "Take off register",
        },
    )


@policy_required(setting_policy, "view")
def census(request: HttpRequest, setting_id: int) -> HttpResponse:
    principal = principal_of(request)
    setting = selectors.setting_get(principal, setting_id)
    summary = selectors.census_summary(principal, on=clock.today(), setting=setting)
    return render(
        request, "support/census.html", {"setting": setting, "summary": summary, "scope": setting.name}
    )


@policy_required(setting_policy, "view")
def concerns(request: HttpRequest, setting_id: int) -> HttpResponse:
    principal = principal_of(request)
    setting = selectors.setting_get(principal, setting_id)
    return render(
        request,
        "support/concerns.html",
        {
            "setting": setting,
            "concerns": selectors.concern_list(principal, setting),
            "can_edit": concern_policy.may_write_for(principal, setting.pk),
        },
    )


@policy_required(concern_policy, "create")
@require_http_methods(["GET", "POST"])
def concern_add(request: HttpRequest, setting_id: int) -> HttpResponse:
    principal = principal_of(request)
    setting = selectors.setting_get(principal, setting_id, action="edit")
    children = selectors.children_at_setting(principal, setting)
    form = ConcernForm(request.POST or None)
    form.set_children(children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = children.filter(pk=data["child"]).first()
        try:
            if child is None:
                raise ApplicationError("Choose a child on the setting's roll", field="child")
            services.concern_record(
                by=principal,
                child=child,
                setting=setting,
                kind=data["kind"],
                observed_on=data["observed_on"],
                areas=data["areas"],
                summary=data["summary"],
                raised_by=data["raised_by"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Concern recorded for {child.full_name}")
            return redirect("support:concerns", setting_id=setting.pk)
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "setting": setting,
            "title": "Record a concern or screening",
            "back": ("support:concerns", setting.pk),
            "button": "Record concern",
        },
    )


@policy_required(concern_policy, "escalate")
@require_http_methods(["GET", "POST"])
def concern_escalate(request: HttpRequest, concern_id: int) -> HttpResponse:
    principal = principal_of(request)
    concern = selectors.concern_get(principal, concern_id, action="escalate")
    form = EscalateForm(request.POST or None, initial={"starts_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_escalate(by=principal, concern_id=concern.pk, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request, f"{concern.child.full_name} is on SEN support, and the family has been told"
            )
            return redirect("support:register", setting_id=concern.setting_id)
    return render(
        request,
        "support/escalate.html",
        {
            "form": form,
            "concern": concern,
            "setting": concern.setting,
            "title": f"Move {concern.child.full_name} to SEN support",
            "back": ("support:concerns", concern.setting_id),
            "button": "Move to SEN support",
        },
    )


@policy_required(setting_policy, "view")
@require_http_methods(["GET", "POST"])
def senco(request: HttpRequest, setting_id: int) -> HttpResponse:
    principal = principal_of(request)
    setting = selectors.setting_get(principal, setting_id)
    current = selectors.senco_current(setting)
    can_edit = setting_policy.can(principal, "edit", setting)
    initial = (
        {"name": current.name, "qualification": current.qualification, "achieved_on": current.achieved_on}
        if current
        else {}
    )
    form = SencoForm(request.POST or None, initial=initial) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404("Page not found")
        if form.is_valid():
            try:
                services.senco_record_set(by=principal, setting=setting, **form.cleaned_data)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, "SENCo details saved")
                return redirect("support:senco", setting_id=setting.pk)
    return render(request, "support/senco.html", {"setting": setting, "current": current, "form": form})


# Plans -------------------------------------------------------------------------------------------


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
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_open(by=principal, child=child, setting=setting, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Support plan started. Now add outcomes and provision")
            return redirect("support:plan", plan_id=plan.pk)
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "setting": setting,
            "caption": child.full_name,
            "title": "Start a SEN support plan",
            "back": ("support:child-plans", child.pk),
            "button": "Start plan",
        },
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


def _plan_form_page(request: HttpRequest, plan_id: int, kind: str) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_get(principal, plan_id, action="edit" if kind != "review" else "review")
    data = request.POST or None
    form: Any
    if kind == "outcome":
        form = OutcomeForm(data, areas=plan.areas)
        title, button = "Add an outcome", "Add outcome"
    elif kind == "provision":
        items = oap.catalogue(local_authority_id=plan.setting.local_authority_id, on=plan.starts_on)
        form = ProvisionForm(data, areas=plan.areas, items=items)
        title, button = "Add provision", "Add provision"
    else:
        form = ReviewForm(data, outcomes=list(plan.outcomes.all()), initial={"reviewed_on": clock.today()})
        title, button = "Review the plan", "Save review"
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if kind == "outcome":
                services.plan_outcome_add(by=principal, plan_id=plan.pk, **d)
            elif kind == "provision":
                services.plan_provision_add(by=principal, plan_id=plan.pk, item=services.ProvisionInput(**d))
            else:
                services.plan_review_record(
                    by=principal,
                    plan_id=plan.pk,
                    reviewed_on=d["reviewed_on"],
                    summary=d["summary"],
                    progress=form.progress(),
                    next_step=d["next_step"],
                    family_views=d["family_views"],
                    child_views=d["child_views"],
                )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request,
                {"outcome": "Outcome added", "provision": "Provision added"}.get(kind, "Review saved"),
            )
            return redirect("support:plan", plan_id=plan.pk)
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "setting": plan.setting,
            "caption": f"{plan.child.full_name}: support plan {plan.cycle}",
            "title": title,
            "back": ("support:plan", plan.pk),
            "button": button,
        },
    )


@policy_required(plan_policy, "edit")
@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _plan_form_page(request, plan_id, "outcome")


@policy_required(plan_policy, "edit")
@require_http_methods(["GET", "POST"])
def provision_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _plan_form_page(request, plan_id, "provision")


@policy_required(plan_policy, "review")
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _plan_form_page(request, plan_id, "review")


# The LA's view -----------------------------------------------------------------------------------


def _la_of(request: HttpRequest) -> Organisation:
    ids = la_ids(principal_of(request))
    if not ids:
        raise Http404("Page not found")
    return Organisation.objects.get(pk=ids[0])


@policy_required(register_policy, "la_view")
def la_view(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la = _la_of(request)
    settings = list(selectors.settings_visible(principal).filter(local_authority=la))
    form = LaViewFilterForm(request.GET or None, settings=settings)
    filters = selectors.LaViewFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        provision = d["provision"] or Provision.SEN_SUPPORT
        filters = selectors.LaViewFilters(
            setting_id=d["setting"], need=d["need"], provision="" if provision == "all" else provision
        )
    page = selectors.la_view_page(principal, filters, page=page_number(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "support/la_view.html",
        {
            "la": la,
            "form": form,
            "page": page,
            "filter_query": query.urlencode(),
            "need_labels": dict(NeedCode.choices),
        },
    )


@policy_required(register_policy, "la_view")
def la_census(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la = _la_of(request)
    summary = selectors.census_summary(principal, on=clock.today(), local_authority_id=la.pk)
    return render(request, "support/census.html", {"summary": summary, "scope": la.name, "la": la})


# Ordinarily available provision ------------------------------------------------------------------


def _local_authority_for(request: HttpRequest) -> int | None:
    principal = principal_of(request)
    for grant in principal.grants:
        if grant.local_authority_id:
            return grant.local_authority_id
    return None


@public
def ordinarily_available(request: HttpRequest) -> HttpResponse:
    la_id = _local_authority_for(request)
    today = clock.today()
    items = oap.catalogue(local_authority_id=la_id, on=today)
    principal = principal_of(request)
    return render(
        request,
        "support/oap.html",
        {
            "description": oap.national_in_force(today),
            "groups": oap.by_area(items),
            "la": Organisation.objects.filter(pk=la_id).first() if la_id else None,
            "can_add": local_provision_policy.can(principal, "add")
            and principal.has_role(Role.LA_SEND_MANAGER),
        },
    )


@policy_required(local_provision_policy, "add")
@require_http_methods(["GET", "POST"])
def local_provision_add(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    grant = next(iter(principal.grants_for(Role.LA_SEND_MANAGER)), None)
    if grant is None:
        raise Http404("Page not found")
    la = Organisation.objects.get(pk=grant.organisation_id)
    form = LocalProvisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.local_provision_add(by=principal, local_authority=la, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Local provision added")
            return redirect("support:oap")
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "caption": la.name,
            "title": "Add local ordinarily available provision",
            "back": ("support:oap", None),
            "button": "Add",
        },
    )


__all__ = ["LA_STAFF_ROLES"]
