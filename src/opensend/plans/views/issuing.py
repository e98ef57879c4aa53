"""Issuing the draft and the final: check the plan, then issue."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.plans import selectors, services
from opensend.plans.forms import FinalForm
from opensend.plans.models import PlanStatus
from opensend.plans.policies import plan_policy
from opensend.plans.services.issuing import QualityFailed, family_finished
from opensend.rulebook.engine import due_date


@policy_required(plan_policy, "issue")
def issue(request: HttpRequest, plan_id: int, kind: str) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    final = kind == "final"
    view = selectors.editor(plan)
    problems = view.problems if final else view.draft_problems
    form = FinalForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            version = (services.final_issue if final else services.draft_issue)(by=principal, plan=plan)
            messages.success(request, f"{version.get_kind_display()} issued")
            return redirect("plans:version", version.pk)
        except QualityFailed as exc:
            problems = exc.extra["problems"]  # type: ignore[assignment]
            form.add_application_error(exc)
        except ApplicationError as exc:
            form.add_application_error(exc)
            error = exc.message
    draft = plan.current_version if plan.status == PlanStatus.DRAFT_ISSUED else None
    return render(
        request,
        "plans/issue.html",
        {
            "plan": plan,
            "final": final,
            "problems": problems,
            "form": form,
            "error": error,
            "reply_by": due_date("A6", clock.today()).due,
            "draft": draft,
            "comments": selectors.comments(draft) if draft else [],
            "finished": family_finished(draft) if draft else False,
        },
        status=400 if request.method == "POST" else 200,
    )
