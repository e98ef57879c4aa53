"""Annual review pages: arrange the meeting, the review itself (everyone invited reads it and sends
views), the meeting record and the council's decision."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from opensend.access.policy import policy_required, principal_of
from opensend.core import http
from opensend.plans import selectors, services
from opensend.plans.forms import ContributionForm, DecisionForm, MeetingForm, ScheduleForm
from opensend.plans.policies import plan_policy
from opensend.plans.selectors import ReviewAction

from .common import plan_form_page, refused_is_400


@policy_required(plan_policy, "review")
def review_schedule(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_overview(principal, plan_id)
    form = ScheduleForm(request.POST or None)
    due = plan.next_review_due
    intro = [f"The review is due by {due:%-d %B %Y}."] if due else []
    intro.append(
        "The family, the SENCo of the named setting and professionals working with the child are invited."
    )
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.review_schedule(by=principal, plan=plan, meeting_on=form.cleaned_data["meeting_on"]),
        heading="Arrange the review meeting",
        button="Arrange the meeting",
        intro=intro,
        message="Review meeting arranged and invitations sent",
        done=lambda review: redirect("plans:review", review.pk),
    )


@policy_required(plan_policy, "view")
def review(request: HttpRequest, review_id: int) -> HttpResponse:
    """The review, and the form to send views for those who may (a POST from anyone else goes back)."""
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    context = selectors.review_page(principal, r)
    if request.method == "POST" and ReviewAction.CONTRIBUTE not in context["actions"]:
        return redirect("plans:review", r.pk)
    form = ContributionForm(request.POST or None)
    response = http.form_page(
        request,
        form,
        lambda: services.review_contribute(by=principal, review=r, text=form.cleaned_data["text"]),
        template="plans/in_force/review.html",
        context=context,
        message="Your views have been sent",
        done=lambda _: redirect("plans:review", r.pk),
    )
    return refused_is_400(request, response)


@policy_required(plan_policy, "review")
def review_meeting(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    form = MeetingForm(request.POST or None)
    return plan_form_page(
        request,
        r.plan,
        form,
        lambda: services.review_record_meeting(by=principal, review=r, **form.cleaned_data),
        heading="Record the review meeting",
        button="Save the meeting record",
        intro=[
            "The report goes to everyone invited within 2 weeks (R4); "
            "the council decides within 4 weeks (R5)."
        ],
        back=reverse("plans:review", args=[r.pk]),
        message="Meeting recorded",
        done=lambda _: redirect("plans:review", r.pk),
    )


@policy_required(plan_policy, "decide")
def review_decide(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    form = DecisionForm(request.POST or None)
    return plan_form_page(
        request,
        r.plan,
        form,
        lambda: services.review_decide(by=principal, review=r, **form.cleaned_data),
        heading="The council's decision",
        button="Record the decision",
        intro=[
            f"Due by {r.decision_due:%-d %B %Y} (R5, 4 weeks after the meeting)." if r.decision_due else "",
            "A decision cannot be changed once it is recorded.",
        ],
        back=reverse("plans:review", args=[r.pk]),
        message="Decision recorded and the family told",
        done=lambda _: redirect("plans:overview", r.plan_id),
    )
