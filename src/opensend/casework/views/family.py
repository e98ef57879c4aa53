"""The family's view: each of their children's requests, in plain English, with the dates."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.access.policy import policy_required, principal_of
from opensend.casework import selectors
from opensend.casework.policies import case_policy
from opensend.casework.sections import render_sections
from opensend.core import clock


@policy_required(case_policy, "view_family")
def family_list(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    return render(
        request,
        "casework/family_list.html",
        {
            "cases": selectors.family_cases(principal),
            "drafts": selectors.drafts_for(principal),
            "can_request": case_policy.can(principal, "request"),
            "today": clock.today(),
        },
    )


@policy_required(case_policy, "view_family")
def family_case(request: HttpRequest, case_id: int) -> HttpResponse:
    principal = principal_of(request)
    family, view = selectors.family_case(principal, case_id)
    return render(
        request,
        "casework/family_case.html",
        {
            "family": family,
            "view": view,
            "case": family.case,
            "today": clock.today(),
            "sections": render_sections(request, principal, family.case, "family"),
        },
    )
