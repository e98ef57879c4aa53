"""Issuing the draft and the final: check the plan, then issue."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.forms import submit
from opensend.plans import selectors, services
from opensend.plans.forms import FinalForm
from opensend.plans.policies import plan_policy


@policy_required(plan_policy, "issue")
def issue(request: HttpRequest, plan_id: int, kind: str) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    if kind not in ("draft", "final"):
        raise Http404("Page not found")
    final = kind == "final"
    form = FinalForm(request.POST or None)
    if request.method == "POST":
        service = services.final_issue if final else services.draft_issue
        version = submit(form, lambda: service(by=principal, plan=plan))
        if version is not None:
            messages.success(request, f"{version.get_kind_display()} issued")
            return redirect("plans:version", version.pk)
    page = selectors.issue_page(plan, final, clock.today())
    return render(
        request,
        "plans/issue.html",
        {
            "plan": plan,
            "final": final,
            "form": form,
            "problems": page.problems,
            "reply_by": page.reply_by,
            "draft": page.draft,
            "comments": page.comments,
            "finished": page.finished,
        },
        status=400 if request.method == "POST" else 200,
    )
