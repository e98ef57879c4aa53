"""The administrators' page of scheduled jobs: each job, its last run and result, and "run now"."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opensend.access.policy import policy_required, principal_of

from . import selectors, services
from .jobs import BY_NAME
from .policies import operations_policy


@policy_required(operations_policy, "view_jobs")
def jobs(request: HttpRequest) -> HttpResponse:
    return render(request, "operations/jobs.html", {"states": selectors.job_states(by=principal_of(request))})


@policy_required(operations_policy, "view_jobs")
def job_detail(request: HttpRequest, name: str) -> HttpResponse:
    states = [s for s in selectors.job_states(by=principal_of(request)) if s.job.name == name]
    if not states:
        raise Http404("Page not found")
    runs = selectors.recent_runs(by=principal_of(request), job_name=name)
    return render(request, "operations/job.html", {"state": states[0], "runs": runs})


@require_POST
@policy_required(operations_policy, "run_job")
def job_run_now(request: HttpRequest, name: str) -> HttpResponse:
    if name not in BY_NAME:
        raise Http404("Page not found")
    services.job_run_now(by=principal_of(request), job_name=name)
    messages.success(request, "The job is queued. Its result shows here when a worker has run it.")
    return redirect("operations:job", name=name)
