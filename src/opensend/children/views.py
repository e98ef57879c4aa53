from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opensend.access.policy import policy_required, principal_of
from opensend.accounts.roles import FAMILY_ROLES, LA_STAFF_ROLES
from opensend.core.errors import ApplicationError, Conflict
from opensend.core.http import form_page, page_number

from . import family, selectors, services
from .forms import ChildForm, FamilyLinkForm, InvolvementForm, YoungPersonLinkForm
from .links import links_for
from .models import Child
from .policies import child_policy


@policy_required(child_policy, "list")
def child_list(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    query = request.GET.get("q", "")[:100]
    page = selectors.child_page(principal, query=query, page=page_number(request))
    return render(
        request,
        "children/child_list.html",
        {
            "page": page,
            "query": query,
            "can_create": child_policy.can(principal, "create"),
            "family_view": principal.roles() <= FAMILY_ROLES,
        },
    )


@policy_required(child_policy, "view")
def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id)
    return render(
        request,
        "children/child_detail.html",
        {
            "child": child,
            "timeline": selectors.child_timeline(principal, child),
            "can_edit": child_policy.can(principal, "edit", child),
            "can_view_audit": child_policy.can(principal, "view_audit", child),
            "can_view_access_summary": child_policy.can(principal, "view_access_summary", child),
            "can_manage": child_policy.can(principal, "manage_relationships", child),
            "app_links": links_for(principal, child),
        },
    )


@policy_required(child_policy, "create")
@require_http_methods(["GET", "POST"])
def child_create(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
    form = ChildForm(request.POST or None, settings_qs=selectors.education_settings(la_ids))
    return form_page(
        request,
        form,
        lambda: services.child_create(
            by=principal, responsible_la=selectors.own_local_authority(principal), **form.values()
        ),
        template="children/child_form.html",
        context={"creating": True},
        message=lambda child: f"Record created for {child.full_name}",
        done=lambda child: redirect("children:detail", child_id=child.pk),
    )


@policy_required(child_policy, "edit")
@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id, action="edit")
    settings_qs = selectors.education_settings([child.responsible_la_id])
    initial = {f: getattr(child, f) for f in services.CHILD_FIELDS}
    initial["current_setting"] = child.current_setting_id
    initial["version"] = child.version
    form = ChildForm(request.POST or None, initial=initial, settings_qs=settings_qs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.child_update(
                by=principal,
                child_id=child.pk,
                expected_version=form.cleaned_data.get("version") or 0,
                **form.values(),
            )
        except Conflict as error:
            # Keep what was typed, and carry the saved version so that saving again is a choice.
            child.refresh_from_db()
            conflict = child
            data = request.POST.copy()
            data["version"] = str(child.version)
            form = ChildForm(data, initial=initial, settings_qs=settings_qs)
            form.is_valid()
            form.add_application_error(error)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Changes saved")
            return redirect("children:detail", child_id=child.pk)
    return render(
        request,
        "children/child_form.html",
        {
            "form": form,
            "child": child,
            "creating": False,
            "conflict": conflict,
        },
    )


@policy_required(child_policy, "view_audit")
def child_audit(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id, action="view_audit", audit_as=None)
    page = selectors.child_audit_page(principal, child, page=page_number(request))
    return render(request, "children/child_audit.html", {"child": child, "page": page})


@policy_required(child_policy, "view_access_summary")
def child_access_summary(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id, action="view_access_summary")
    rows = selectors.child_access_summary(principal, child)
    return render(request, "children/child_access_summary.html", {"child": child, "rows": rows})


@policy_required(child_policy, "manage_relationships")
@require_http_methods(["GET", "POST"])
def child_people(request: HttpRequest, child_id: int) -> HttpResponse:
    """Who is linked to the child: family, the young person, professionals with access."""
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id, action="manage_relationships")
    grant_orgs = selectors.granting_organisations()
    forms_by_name: dict[str, Any] = {
        "family": FamilyLinkForm(prefix="family"),
        "involvement": InvolvementForm(prefix="involvement", organisations=grant_orgs),
        "young_person": YoungPersonLinkForm(prefix="yp"),
    }
    action = request.POST.get("action", "")
    if request.method == "POST":
        try:
            if action == "family":
                form: Any = FamilyLinkForm(request.POST, prefix="family")
                forms_by_name["family"] = form
                if form.is_valid():
                    services.family_link_create(
                        by=principal,
                        child=child,
                        user=selectors.user_by_email(form.cleaned_data["email"]),
                        relationship=form.cleaned_data["relationship"],
                        has_parental_responsibility=form.cleaned_data["has_parental_responsibility"],
                    )
                    messages.success(request, "Parent or carer linked")
                    return redirect("children:people", child_id=child.pk)
            elif action == "involvement":
                form = InvolvementForm(request.POST, prefix="involvement", organisations=grant_orgs)
                forms_by_name["involvement"] = form
                if form.is_valid():
                    services.involvement_grant(
                        by=principal,
                        child=child,
                        user=selectors.user_by_email(form.cleaned_data["email"]),
                        organisation=grant_orgs.get(pk=form.cleaned_data["organisation"]),
                        reason=form.cleaned_data["reason"],
                        valid_to=form.cleaned_data["valid_to"],
                    )
                    messages.success(request, "Access given")
                    return redirect("children:people", child_id=child.pk)
            elif action == "young_person":
                form = YoungPersonLinkForm(request.POST, prefix="yp")
                forms_by_name["young_person"] = form
                if form.is_valid():
                    services.young_person_link(
                        by=principal, child=child, user=selectors.user_by_email(form.cleaned_data["email"])
                    )
                    messages.success(request, "Young person's account linked")
                    return redirect("children:people", child_id=child.pk)
        except ApplicationError as error:
            form.add_application_error(error)
    links, grants = selectors.child_people(child)
    return render(
        request,
        "children/child_people.html",
        {
            "child": child,
            "links": links,
            "grants": grants,
            "forms": forms_by_name,
            "posted": action,
            "young_person_from": family.young_person_from(child.date_of_birth),
            "parental_responsibility_until": family.parental_responsibility_until(child.date_of_birth),
        },
    )


@policy_required(child_policy, "manage_relationships")
@require_POST
def involvement_revoke(request: HttpRequest, child_id: int, grant_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id, action="manage_relationships")
    services.involvement_revoke(by=principal, grant=selectors.involvement_of(child, grant_id))
    messages.success(request, "Access removed")
    return redirect("children:people", child_id=child.pk)


@policy_required(child_policy, "manage_relationships")
@require_POST
def family_link_end(request: HttpRequest, child_id: int, link_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id, action="manage_relationships")
    services.family_link_end(by=principal, link=selectors.family_link_of(child, link_id))
    messages.success(request, "Link ended")
    return redirect("children:people", child_id=child.pk)


__all__ = ["Child"]
