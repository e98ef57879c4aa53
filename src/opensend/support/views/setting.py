"""A setting's SEN register, census figures, concerns and SENCo."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of, signed_in
from opensend.core import clock
from opensend.core.http import form_page, page_number
from opensend.support import selectors, services
from opensend.support.codes import Provision
from opensend.support.forms import ConcernForm, EndEntryForm, EscalateForm, RegisterEntryForm, SencoForm
from opensend.support.policies import (
    concern_policy,
    la_ids,
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

    def add():
        data = dict(form.cleaned_data)
        data["child"] = selectors.child_on_roll(principal, setting, data["child"], field="child")
        return services.register_entry_add(by=principal, setting=setting, **data)

    return form_page(
        request,
        form,
        add,
        template="support/form.html",
        context={
            "setting": setting,
            "title": "Add a child to the SEN register",
            "back": ("support:register", setting.pk),
            "button": "Add to register",
        },
        message=lambda entry: f"{entry.child.full_name} added to the SEN register",
        done=lambda _: redirect("support:register", setting_id=setting.pk),
    )


@policy_required(register_policy, "edit")
@require_http_methods(["GET", "POST"])
def register_end(request: HttpRequest, entry_id: int) -> HttpResponse:
    principal = principal_of(request)
    entry = selectors.register_entry_get(principal, entry_id, action="edit")
    form = EndEntryForm(request.POST or None, initial={"version": entry.version, "ends_on": clock.today()})
    return form_page(
        request,
        form,
        lambda: services.register_entry_end(
            by=principal,
            entry_id=entry.pk,
            ends_on=form.cleaned_data["ends_on"],
            expected_version=form.cleaned_data["version"],
        ),
        template="support/form.html",
        context={
            "setting": entry.setting,
            "caption": entry.child.full_name,
            "title": f"Take {entry.child.full_name} off the SEN register",
            "back": ("support:register", entry.setting_id),
            "button": "Take off register",
        },
        message=f"{entry.child.full_name} taken off the SEN register",
        done=lambda _: redirect("support:register", setting_id=entry.setting_id),
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

    def record():
        data = dict(form.cleaned_data)
        data["child"] = selectors.child_on_roll(principal, setting, data["child"], field="child")
        return services.concern_record(by=principal, setting=setting, **data)

    return form_page(
        request,
        form,
        record,
        template="support/form.html",
        context={
            "setting": setting,
            "title": "Record a concern or screening",
            "back": ("support:concerns", setting.pk),
            "button": "Record concern",
        },
        message=lambda concern: f"Concern recorded for {concern.child.full_name}",
        done=lambda _: redirect("support:concerns", setting_id=setting.pk),
    )


@policy_required(concern_policy, "escalate")
@require_http_methods(["GET", "POST"])
def concern_escalate(request: HttpRequest, concern_id: int) -> HttpResponse:
    principal = principal_of(request)
    concern = selectors.concern_get(principal, concern_id, action="escalate")
    form = EscalateForm(request.POST or None, initial={"starts_on": clock.today()})
    return form_page(
        request,
        form,
        lambda: services.concern_escalate(by=principal, concern_id=concern.pk, **form.cleaned_data),
        template="support/escalate.html",
        context={
            "concern": concern,
            "setting": concern.setting,
            "title": f"Move {concern.child.full_name} to SEN support",
            "back": ("support:concerns", concern.setting_id),
            "button": "Move to SEN support",
        },
        message=f"{concern.child.full_name} is on SEN support, and the family has been told",
        done=lambda _: redirect("support:register", setting_id=concern.setting_id),
    )


@policy_required(setting_policy, "view")
@require_http_methods(["GET", "POST"])
def senco(request: HttpRequest, setting_id: int) -> HttpResponse:
    principal = principal_of(request)
    setting = selectors.setting_get(principal, setting_id)
    current = selectors.senco_current(setting)
    context = {"setting": setting, "current": current}
    if not setting_policy.can(principal, "edit", setting):
        if request.method == "POST":
            raise Http404("Page not found")
        return render(request, "support/senco.html", {**context, "form": None})
    initial = (
        {"name": current.name, "qualification": current.qualification, "achieved_on": current.achieved_on}
        if current
        else {}
    )
    form = SencoForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.senco_record_set(by=principal, setting=setting, **form.cleaned_data),
        template="support/senco.html",
        context=context,
        message="SENCo details saved",
        done=lambda _: redirect("support:senco", setting_id=setting.pk),
    )
