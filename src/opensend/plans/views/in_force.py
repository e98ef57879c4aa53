"""A plan in force: the council's lists (reviews due, phase transfers due), the plan's page of
reviews and changes, and the forms that change it: amendment notice and amended plan, phase
transfer, re-assessment, the decision to cease and the appeal against it."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
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

from .common import plan_form_page


@policy_required(plan_policy, "report")
def reviews_due(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    today = clock.today()
    page = selectors.reviews_due_page(principal, today, page_number(request))
    return render(request, "plans/in_force/reviews_due.html", {"page": page, "today": today})


@policy_required(plan_policy, "report")
def phases_due(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    page = selectors.phase_transfers_page(principal, clock.today(), page_number(request))
    return render(request, "plans/in_force/phases_due.html", {"page": page})


@policy_required(plan_policy, "review")
def overview(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_overview(principal, plan_id)
    today = clock.today()
    return render(
        request,
        "plans/in_force/overview.html",
        {"o": selectors.overview(principal, plan, today), "plan": plan, "today": today},
    )


@policy_required(plan_policy, "decide")
def amend(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    """`notice`: send the proposed changes (R6, R7); `final`: issue the amended plan."""
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    if step not in ("notice", "final"):
        raise Http404("Page not found")
    final = step == "final"
    issue = services.amended_final_issue if final else services.amendment_notice_issue
    if final:
        heading = "Issue the amended plan"
        intro = ["The amended plan replaces the plan in force. It keeps the date the plan was first made."]
    else:
        heading = "Send the amendment notice"
        dates = selectors.amendment_notice_dates(plan, clock.today())
        intro = [
            f"The family will have until {dates.representations_due:%-d %B %Y} to comment "
            "(15 days, beginning with today: regulation 22(2)).",
            f"The amended plan must be issued by {dates.final_due:%-d %B %Y} ({dates.final_rule}).",
        ]
    # The service refuses a plan with quality problems; after a POST the page lists them.
    problems = selectors.issue_problems(plan, final=True) if request.method == "POST" else []
    return plan_form_page(
        request,
        plan,
        ConfirmForm(request.POST or None),
        lambda: issue(by=principal, plan=plan),
        heading=heading,
        button=heading,
        intro=intro,
        problems=problems,
        message=lambda version: f"{version.get_kind_display()} issued",
        done=lambda version: redirect("plans:version", version.pk),
    )


@policy_required(plan_policy, "decide")
def cease(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = CeaseForm(request.POST or None)
    until = selectors.cease_appeal_by(clock.today())
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.cease_decide(
            by=principal,
            plan=plan,
            reason=form.cleaned_data["cease_reason"],
            reasons=form.cleaned_data["reasons"],
        ),
        heading="Decide to stop the plan",
        button="Record the decision",
        intro=[
            f"The plan is kept until the family's time to appeal ends on {until:%-d %B %Y}, "
            "and while any appeal goes on."
        ],
        message="Decision to cease recorded and the family told",
        done=lambda _: redirect("plans:overview", plan.pk),
    )


@policy_required(plan_policy, "decide")
def phase(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = PhaseForm(request.POST or None)
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.phase_transfer_set(by=principal, plan=plan, **form.cleaned_data),
        heading="Move to the next phase",
        button="Save",
        intro=["The review before the move names the next school or college through an amendment."],
        message="Phase transfer recorded",
        done=lambda _: redirect("plans:overview", plan.pk),
    )


@policy_required(plan_policy, "decide")
def reassess(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = ReassessForm(request.POST or None)
    due = selectors.reassessment_due(clock.today())
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.reassessment_start(
            by=principal, plan=plan, notified_on=form.cleaned_data["notified_on"]
        ),
        heading="Start a re-assessment",
        button="Start the re-assessment",
        intro=[
            "Record the day the council told the family it would re-assess (regulation 27).",
            f"If that was today, the amended plan is due by {due:%-d %B %Y} (RA2: 14 weeks). "
            "The outcome is issued through an amendment notice and an amended plan.",
        ],
        message="Re-assessment started",
        done=lambda _: redirect("plans:overview", plan.pk),
    )


@policy_required(plan_policy, "decide")
def cease_appeal(request: HttpRequest, ceasing_id: int) -> HttpResponse:
    """The family has lodged an appeal against the decision to cease: the plan is kept meanwhile."""
    principal = principal_of(request)
    ceasing = selectors.ceasing_get(principal, ceasing_id)
    form = AppealLodgedForm(request.POST or None)
    return plan_form_page(
        request,
        ceasing.plan,
        form,
        lambda: services.cease_appeal_lodged(
            by=principal, ceasing=ceasing, lodged_on=form.cleaned_data["lodged_on"]
        ),
        heading="Record an appeal against stopping the plan",
        button="Record the appeal",
        intro=[
            f"The council decided on {ceasing.notice_on:%-d %B %Y} to stop the plan. The family may appeal "
            f"until {ceasing.appeal_by:%-d %B %Y} (T1).",
            "While the appeal goes on, the plan is kept and its provision continues (regulation 31).",
        ],
        message="Appeal recorded: the plan is kept while it goes on",
        done=lambda _: redirect("plans:overview", ceasing.plan_id),
    )


@policy_required(plan_policy, "decide")
def cease_appeal_end(request: HttpRequest, ceasing_id: int) -> HttpResponse:
    """The appeal ended: upheld (the plan continues) or dismissed (the plan stops that day)."""
    principal = principal_of(request)
    ceasing = selectors.ceasing_get(principal, ceasing_id)
    form = AppealConcludedForm(request.POST or None)
    lodged = f"{ceasing.appeal_lodged_on:%-d %B %Y}" if ceasing.appeal_lodged_on else "not recorded"
    return plan_form_page(
        request,
        ceasing.plan,
        form,
        lambda: services.cease_appeal_concluded(
            by=principal,
            ceasing=ceasing,
            concluded_on=form.cleaned_data["concluded_on"],
            outcome=form.cleaned_data["outcome"],
        ),
        heading="Record how the appeal ended",
        button="Record the outcome",
        intro=[
            f"Appeal lodged: {lodged}.",
            "If the appeal was dismissed the plan stops on the date the appeal ended; if it was upheld the "
            "plan continues as it is.",
        ],
        message=lambda plan: (
            "The plan continues" if plan.status == PlanStatus.FINAL_ISSUED else "The plan has stopped"
        ),
        done=lambda plan: redirect("plans:overview", plan.pk),
    )
