"""A plan in force: the council's lists (reviews due, phase transfers due), the plan's page of
reviews and changes, and the forms that change it: amendment notice and amended plan, phase
transfer, re-assessment, the decision to cease and the appeal against it."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.forms import submit
from opensend.core.http import page_number
from opensend.plans import selectors, services
from opensend.plans.forms import (
    AppealConcludedForm,
    AppealLodgedForm,
    CeaseForm,
    ConfirmForm,
    PhaseForm,
    ReassessForm,
)
from opensend.plans.models import PlanStatus
from opensend.plans.policies import plan_policy

from .common import form_page


@policy_required(plan_policy, "report")
def reviews_due(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    today = clock.today()
    page = selectors.reviews_due_page(principal, today, page_number(request))
    return render(request, "plans/lifecycle/reviews_due.html", {"page": page, "today": today})


@policy_required(plan_policy, "report")
def phases_due(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    page = selectors.phase_transfers_page(principal, clock.today(), page_number(request))
    return render(request, "plans/lifecycle/phases_due.html", {"page": page})


@policy_required(plan_policy, "review")
def overview(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_overview(principal, plan_id)
    today = clock.today()
    return render(
        request,
        "plans/lifecycle/overview.html",
        {"o": selectors.overview(principal, plan, today), "plan": plan, "today": today},
    )


@policy_required(plan_policy, "decide")
def amend(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    """`notice`: send the proposed changes (R6, R7); `final`: issue the amended plan."""
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    final = step == "final"
    if step not in ("notice", "final"):
        raise Http404("Page not found")
    form = ConfirmForm(request.POST or None)
    problems: list[object] = []
    if request.method == "POST":
        issue = services.amended_final_issue if final else services.amendment_notice_issue
        version = submit(form, lambda: issue(by=principal, plan=plan))
        if version is not None:
            messages.success(request, f"{version.get_kind_display()} issued")
            return redirect("plans:version", version.pk)
        if form.is_valid():  # refused by the service: show the quality problems, if that was why
            problems = list(selectors.issue_problems(plan, final=True))
    if final:
        heading, button = "Issue the amended plan", "Issue the amended plan"
        intro = ["The amended plan replaces the plan in force. It keeps the date the plan was first made."]
    else:
        heading, button = "Send the amendment notice", "Send the amendment notice"
        dates = selectors.amendment_notice_dates(plan, clock.today())
        intro = [
            f"The family will have until {dates.representations_due:%-d %B %Y} to comment "
            "(15 days, beginning with today: regulation 22(2)).",
            f"The amended plan must be issued by {dates.final_due:%-d %B %Y} ({dates.final_rule}).",
        ]
    return form_page(request, plan, form, heading, button, intro=intro, problems=problems)


@policy_required(plan_policy, "decide")
def cease(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = CeaseForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.cease_decide(
                by=principal,
                plan=plan,
                reason=form.cleaned_data["cease_reason"],
                reasons=form.cleaned_data["reasons"],
            ),
        )
        if done is not None:
            messages.success(request, "Decision to cease recorded and the family told")
            return redirect("plans:overview", plan.pk)
    until = selectors.cease_appeal_by(clock.today())
    intro = [
        f"The plan is kept until the family's time to appeal ends on {until:%-d %B %Y}, "
        "and while any appeal goes on."
    ]
    return form_page(request, plan, form, "Decide to stop the plan", "Record the decision", intro=intro)


@policy_required(plan_policy, "decide")
def phase(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = PhaseForm(request.POST or None)
    if request.method == "POST":
        done = submit(form, lambda: services.phase_transfer_set(by=principal, plan=plan, **form.cleaned_data))
        if done is not None:
            messages.success(request, "Phase transfer recorded")
            return redirect("plans:overview", plan.pk)
    intro = ["The review before the move names the next school or college through an amendment."]
    return form_page(request, plan, form, "Move to the next phase", "Save", intro=intro)


@policy_required(plan_policy, "decide")
def reassess(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = ReassessForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.reassessment_start(
                by=principal, plan=plan, notified_on=form.cleaned_data["notified_on"]
            ),
        )
        if done is not None:
            messages.success(request, "Re-assessment started")
            return redirect("plans:overview", plan.pk)
    due = selectors.reassessment_due(clock.today())
    intro = [
        "Record the day the council told the family it would re-assess (regulation 27).",
        f"If that was today, the amended plan is due by {due:%-d %B %Y} (RA2: 14 weeks). "
        "The outcome is issued through an amendment notice and an amended plan.",
    ]
    return form_page(request, plan, form, "Start a re-assessment", "Start the re-assessment", intro=intro)


@policy_required(plan_policy, "decide")
def cease_appeal(request: HttpRequest, ceasing_id: int) -> HttpResponse:
    """The family has lodged an appeal against the decision to cease: the plan is kept meanwhile."""
    principal = principal_of(request)
    ceasing = selectors.ceasing_get(principal, ceasing_id)
    form = AppealLodgedForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.cease_appeal_lodged(
                by=principal, ceasing=ceasing, lodged_on=form.cleaned_data["lodged_on"]
            ),
        )
        if done is not None:
            messages.success(request, "Appeal recorded: the plan is kept while it goes on")
            return redirect("plans:overview", ceasing.plan_id)
    intro = [
        f"The council decided on {ceasing.notice_on:%-d %B %Y} to stop the plan. The family may appeal "
        f"until {ceasing.appeal_by:%-d %B %Y} (T1).",
        "While the appeal goes on, the plan is kept and its provision continues (regulation 31).",
    ]
    return form_page(request, ceasing.plan, form, "Record an appeal against stopping the plan",
                     "Record the appeal", intro=intro)  # fmt: skip


@policy_required(plan_policy, "decide")
def cease_appeal_end(request: HttpRequest, ceasing_id: int) -> HttpResponse:
    """The appeal ended: upheld (the plan continues) or dismissed (the plan stops that day)."""
    principal = principal_of(request)
    ceasing = selectors.ceasing_get(principal, ceasing_id)
    form = AppealConcludedForm(request.POST or None)
    if request.method == "POST":
        plan = submit(
            form,
            lambda: services.cease_appeal_concluded(
                by=principal,
                ceasing=ceasing,
                concluded_on=form.cleaned_data["concluded_on"],
                outcome=form.cleaned_data["outcome"],
            ),
        )
        if plan is not None:
            continues = plan.status == PlanStatus.FINAL_ISSUED
            messages.success(request, "The plan continues" if continues else "The plan has stopped")
            return redirect("plans:overview", plan.pk)
    lodged = f"{ceasing.appeal_lodged_on:%-d %B %Y}" if ceasing.appeal_lodged_on else "not recorded"
    intro = [
        f"Appeal lodged: {lodged}.",
        "If the appeal was dismissed the plan stops on the date the appeal ended; if it was upheld the "
        "plan continues as it is.",
    ]
    return form_page(request, ceasing.plan, form, "Record how the appeal ended", "Record the outcome",
                     intro=intro)  # fmt: skip
