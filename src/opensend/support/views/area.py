"""The LA's view across its settings, and the ordinarily available provision pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of, public
from opensend.accounts.roles import Role
from opensend.core import clock
from opensend.core.http import form_page, page_number
from opensend.support import oap, selectors, services
from opensend.support.codes import NeedCode, Provision
from opensend.support.forms import LaViewFilterForm, LocalProvisionForm
from opensend.support.policies import local_provision_policy, register_policy


@policy_required(register_policy, "la_view")
def la_view(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la = selectors.area_local_authority(principal)
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
    return render(
        request,
        "support/la_view.html",
        {"la": la, "form": form, "page": page, "need_labels": dict(NeedCode.choices)},
    )


@policy_required(register_policy, "la_view")
def la_census(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la = selectors.area_local_authority(principal)
    summary = selectors.census_summary(principal, on=clock.today(), local_authority_id=la.pk)
    return render(request, "support/census.html", {"summary": summary, "scope": la.name, "la": la})


@public
def ordinarily_available(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la = selectors.own_local_authority(principal)
    today = clock.today()
    items = oap.catalogue(local_authority_id=la.pk if la else None, on=today)
    return render(
        request,
        "support/oap.html",
        {
            "description": oap.national_in_force(today),
            "groups": oap.by_area(items),
            "la": la,
            "can_add": local_provision_policy.can(principal, "add")
            and principal.has_role(Role.LA_SEND_MANAGER),
        },
    )


@policy_required(local_provision_policy, "add")
@require_http_methods(["GET", "POST"])
def local_provision_add(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la = selectors.managed_local_authority(principal)
    form = LocalProvisionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.local_provision_add(by=principal, local_authority=la, **form.cleaned_data),
        template="support/form.html",
        context={
            "caption": la.name,
            "title": "Add local ordinarily available provision",
            "back": ("support:oap", None),
            "button": "Add",
        },
        message="Local provision added",
        done=lambda _: redirect("support:oap"),
    )
