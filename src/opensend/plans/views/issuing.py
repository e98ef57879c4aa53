"""Issuing the draft and the final: check the plan, then issue."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock, http
from opensend.plans import selectors, services
from opensend.plans.forms import FinalForm
from opensend.plans.policies import plan_policy

from .common import refused_is_400


@policy_required(plan_policy, "issue")
def issue(request: HttpRequest, plan_id: int, kind: str) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    if kind not in ("draft", "final"):
        raise Http404("Page not found")
    final = kind == "final"
    service = services.final_issue if final else services.draft_issue
    page = selectors.issue_page(plan, final, clock.today())
    response = http.form_page(
        request,
        FinalForm(request.POST or None),
        lambda: service(by=principal, plan=plan),
        template="plans/issue.html",
        context={
            "plan": plan,
            "final": final,
            "problems": page.problems,
            "reply_by": page.reply_by,
            "draft": page.draft,
            "comments": page.comments,
            "finished": page.finished,
        },
        message=lambda version: f"{version.get_kind_display()} issued",
        done=lambda version: redirect("plans:version", version.pk),
    )
    return refused_is_400(request, response)
