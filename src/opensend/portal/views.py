from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.access.policy import principal_of, public, signed_in
from opensend.accounts.roles import ANALYST_ROLES, Role
from opensend.casework.policies import case_policy
from opensend.children.policies import child_policy
from opensend.rulebook.policies import closure_policy


@public
def start(request: HttpRequest) -> HttpResponse:
    if principal_of(request).is_authenticated:
        return home(request)
    return render(request, "portal/start.html")


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    roles = principal.roles()
    return render(
        request,
        "portal/home.html",
        {
            "grants": [
                (Role(g.role).label, g.organisation_name) for g in principal.grants if g.organisation_id
            ],
            "is_family": bool(roles & {Role.PARENT_CARER, Role.YOUNG_PERSON}),
            "is_analyst": bool(roles & ANALYST_ROLES),
            "can_list_children": child_policy.can(principal, "list"),
            "can_request_assessment": case_policy.can(principal, "request"),
            "can_edit_closures": closure_policy.can(principal, "edit"),
            "role_labels": sorted(Role(r).label for r in roles),
        },
    )


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/cookies.html")
