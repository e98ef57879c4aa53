"""Annual review pages: arrange the meeting, the review itself (everyone invited reads it and sends
views), the meeting record and the council's decision."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from opensend.access.policy import policy_required, principal_of
from opensend.core.forms import submit
from opensend.plans import selectors, services
from opensend.plans.forms import ContributionForm, DecisionForm, MeetingForm, ScheduleForm
from opensend.plans.policies import plan_policy
from opensend.plans.selectors import ReviewAction

from .common import form_page


@policy_required(plan_policy, "review")
def review_schedule(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_overview(principal, plan_id)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        review = submit(
            form,
            lambda: services.review_schedule(
                by=principal, plan=plan, meeting_on=form.cleaned_data["meeting_on"]
            ),
        )
        if review is not None:
            messages.success(request, "Review meeting arranged and invitations sent")
            return redirect("plans:review", review.pk)
    due = plan.next_review_due
    intro = [f"The review is due by {due:%-d %B %Y}."] if due else []
    intro.append(
        "The family, the SENCo of the named setting and professionals working with the child are invited."
    )
    return form_page(request, plan, form, "Arrange the review meeting", "Arrange the meeting", intro=intro)


@policy_required(plan_policy, "view")
def review(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    context = selectors.review_page(principal, r)
    form = ContributionForm(request.POST or None)
    if request.method == "POST":
        if ReviewAction.CONTRIBUTE not in context["actions"]:
            return redirect("plans:review", r.pk)
        if submit(
            form, lambda: services.review_contribute(by=principal, review=r, text=form.cleaned_data["text"])
        ):
            messages.success(request, "Your views have been sent")
            return redirect("plans:review", r.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/lifecycle/review.html", {**context, "form": form}, status=status)


@policy_required(plan_policy, "review")
def review_meeting(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            form, lambda: services.review_record_meeting(by=principal, review=r, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, "Meeting recorded")
            return redirect("plans:review", r.pk)
    intro = [
        "The report goes to everyone invited within 2 weeks (R4); the council decides within 4 weeks (R5)."
    ]
    back = reverse("plans:review", args=[r.pk])
    return form_page(
        request, r.plan, form, "Record the review meeting", "Save the meeting record", intro=intro, back=back
    )


@policy_required(plan_policy, "decide")
def review_decide(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        done = submit(form, lambda: services.review_decide(by=principal, review=r, **form.cleaned_data))
        if done is not None:
            messages.success(request, "Decision recorded and the family told")
            return redirect("plans:overview", r.plan_id)
    intro = [
        f"Due by {r.decision_due:%-d %B %Y} (R5, 4 weeks after the meeting)." if r.decision_due else "",
        "A decision cannot be changed once it is recorded.",
    ]
    back = reverse("plans:review", args=[r.pk])
    return form_page(
        request, r.plan, form, "The council's decision", "Record the decision", intro=intro, back=back
    )
