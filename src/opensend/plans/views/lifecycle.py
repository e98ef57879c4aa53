"""A plan in force: reviews, amendments, ceasing, phase transfers and transfer between councils."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from opensend.access import audit
from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.core.http import page_number
from opensend.plans import selectors, services
from opensend.plans.audit import PlansAudit
from opensend.plans.deadlines import appeal_window_end
from opensend.plans.lifecycle_forms import (
    AppealConcludedForm,
    AppealLodgedForm,
    CeaseForm,
    ConfirmForm,
    ContributionForm,
    DecisionForm,
    FamilyToldForm,
    MeetingForm,
    PhaseForm,
    ReassessForm,
    ScheduleForm,
    TransferCancelForm,
    TransferForm,
)
from opensend.plans.models import Ceasing, Phase, Plan, PlanStatus
from opensend.plans.policies import plan_policy
from opensend.plans.schema import validate_document
from opensend.plans.services.issuing import QualityFailed
from opensend.rulebook.engine import due_date


def _form_page(
    request: HttpRequest, plan: Plan, form: Any, heading: str, button: str, **extra: Any
) -> HttpResponse:
    context = {
        "plan": plan,
        "form": form,
        "heading": heading,
        "button": button,
        "back": extra.pop("back", reverse("plans:overview", args=[plan.pk])),
        **extra,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/lifecycle/form_page.html", context, status=status)


@policy_required(plan_policy, "report")
def reviews_due(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    today = clock.today()
    page = audit.page_of_reads(
        principal, selectors.reviews_due(principal, today), PlansAudit.LISTED, page_number(request)
    )
    return render(request, "plans/lifecycle/reviews_due.html", {"page": page, "today": today})


@policy_required(plan_policy, "report")
def phases_due(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    due = selectors.phase_transfers_due(principal, clock.today())
    page = audit.page_of_reads(principal, due, PlansAudit.LISTED, page_number(request))
    today = clock.today()
    rows = [(p, selectors.phase_warning(p, today)) for p in page.object_list]
    return render(request, "plans/lifecycle/phases_due.html", {"page": page, "rows": rows})


@policy_required(plan_policy, "review")
def overview(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_overview(principal, plan_id)
    today = clock.today()
    reviews = selectors.reviews_of(plan)
    status = selectors.effective_status(plan, today)
    return render(
        request,
        "plans/lifecycle/overview.html",
        {
            "plan": plan,
            "today": today,
            "status_label": PlanStatus(status).label,
            "status_key": status,
            "reviews": reviews,
            "open_review": next((r for r in reviews if r.status in selectors.OPEN_REVIEW), None),
            "amendment": selectors.amendment_of(plan),
            "ceasing": selectors.ceasing_of(plan),
            "phase_label": Phase(plan.next_phase).label if plan.next_phase else "",
            "phase_warning": selectors.phase_warning(plan, today),
            "can_decide": plan_policy.can(principal, "decide", plan),
            "can_transfer": plan_policy.can(principal, "transfer", plan),
            "sent": plan.transfers_out.select_related("to_la").first(),
        },
    )


@policy_required(plan_policy, "review")
def review_schedule(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_overview(principal, plan_id)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_schedule(
                by=principal, plan=plan, meeting_on=form.cleaned_data["meeting_on"]
            )
            messages.success(request, "Review meeting arranged and invitations sent")
            return redirect("plans:review", review.pk)
        except ApplicationError as exc:
            form.add_application_error(exc)
    due = plan.next_review_due
    intro = [f"The review is due by {due:%-d %B %Y}."] if due else []
    intro.append(
        "The family, the SENCo of the named setting and professionals working with the child are invited."
    )
    return _form_page(request, plan, form, "Arrange the review meeting", "Arrange the meeting", intro=intro)


@policy_required(plan_policy, "view")
def review(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    can_contribute = r.status in selectors.OPEN_REVIEW and plan_policy.can(principal, "contribute", r)
    form = ContributionForm(request.POST or None)
    if request.method == "POST":
        if not can_contribute:
            return redirect("plans:review", r.pk)
        if form.is_valid():
            try:
                services.review_contribute(by=principal, review=r, text=form.cleaned_data["text"])
                messages.success(request, "Your views have been sent")
                return redirect("plans:review", r.pk)
            except ApplicationError as exc:
                form.add_application_error(exc)
    staff = plan_policy.can(principal, "review", r.plan)
    return render(
        request,
        "plans/lifecycle/review.html",
        {
            "review": r,
            "plan": r.plan,
            "form": form,
            "staff": staff,
            "can_decide": plan_policy.can(principal, "decide", r.plan),
            "can_contribute": can_contribute,
            **selectors.review_detail(r),
        },
        status=400 if request.method == "POST" else 200,
    )


@policy_required(plan_policy, "review")
def review_meeting(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record_meeting(by=principal, review=r, **form.cleaned_data)
            messages.success(request, "Meeting recorded")
            return redirect("plans:review", r.pk)
        except ApplicationError as exc:
            form.add_application_error(exc)
    intro = [
        "The report goes to everyone invited within 2 weeks (R4); the council decides within 4 weeks (R5)."
    ]
    back = reverse("plans:review", args=[r.pk])
    return _form_page(
        request, r.plan, form, "Record the review meeting", "Save the meeting record", intro=intro, back=back
    )


@policy_required(plan_policy, "decide")
def review_decide(request: HttpRequest, review_id: int) -> HttpResponse:
    principal = principal_of(request)
    r = selectors.review_get(principal, review_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_decide(by=principal, review=r, **form.cleaned_data)
            messages.success(request, "Decision recorded and the family told")
            return redirect("plans:overview", r.plan_id)
        except ApplicationError as exc:
            form.add_application_error(exc)
    intro = [
        f"Due by {r.decision_due:%-d %B %Y} (R5, 4 weeks after the meeting)." if r.decision_due else "",
        "A decision cannot be changed once it is recorded.",
    ]
    back = reverse("plans:review", args=[r.pk])
    return _form_page(
        request, r.plan, form, "The council's decision", "Record the decision", intro=intro, back=back
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
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.amended_final_issue if final else services.amendment_notice_issue
            version = issue(by=principal, plan=plan)
            messages.success(request, f"{version.get_kind_display()} issued")
            return redirect("plans:version", version.pk)
        except QualityFailed as exc:
            problems = exc.extra["problems"]  # type: ignore[assignment]
        except ApplicationError as exc:
            form.add_application_error(exc)
    today = clock.today()
    if final:
        heading, button = "Issue the amended plan", "Issue the amended plan"
        intro = ["The amended plan replaces the plan in force. It keeps the date the plan was first made."]
    else:
        heading, button = "Send the amendment notice", "Send the amendment notice"
        intro = [
            f"The family will have until {due_date('R6', today).due:%-d %B %Y} to comment "
            "(15 days, beginning "
            "with today: regulation 22(2)).",
            f"The amended plan must be issued by {due_date('R7', today).due:%-d %B %Y} (8 weeks: R7).",
        ]
    return _form_page(request, plan, form, heading, button, intro=intro, problems=problems)


@policy_required(plan_policy, "decide")
def cease(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = CeaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cease_decide(
                by=principal,
                plan=plan,
                reason=form.cleaned_data["cease_reason"],
                reasons=form.cleaned_data["reasons"],
            )
            messages.success(request, "Decision to cease recorded and the family told")
            return redirect("plans:overview", plan.pk)
        except ApplicationError as exc:
            form.add_application_error(exc)
    until = appeal_window_end(clock.today())
    intro = [
        f"The plan is kept until the family's time to appeal ends on {until:%-d %B %Y}, "
        "and while any appeal goes on."
    ]
    return _form_page(request, plan, form, "Decide to stop the plan", "Record the decision", intro=intro)


@policy_required(plan_policy, "decide")
def phase(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_transfer_set(by=principal, plan=plan, **form.cleaned_data)
            messages.success(request, "Phase transfer recorded")
            return redirect("plans:overview", plan.pk)
        except ApplicationError as exc:
            form.add_application_error(exc)
    intro = ["The review before the move names the next school or college through an amendment."]
    return _form_page(request, plan, form, "Move to the next phase", "Save", intro=intro)


@policy_required(plan_policy, "transfer")
def transfer(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_overview(principal, plan_id)
    if not plan_policy.can(principal, "transfer", plan):
        raise Http404("Page not found")
    form = TransferForm(request.POST or None, councils=selectors.councils_except(0))
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_start(by=principal, plan=plan, **form.cleaned_data)
            messages.success(request, "Plan sent to the new council")
            return redirect("plans:transfers")
        except ApplicationError as exc:
            form.add_application_error(exc)
    intro = ["Send the plan on the day of the move, or within 15 working days of finding out about it (X1)."]
    return _form_page(
        request, plan, form, "Transfer the plan to another council", "Send the plan", intro=intro
    )


@policy_required(plan_policy, "transfer")
def transfers(request: HttpRequest) -> HttpResponse:
    incoming, outgoing = selectors.transfers_for(principal_of(request))
    return render(request, "plans/lifecycle/transfers.html", {"incoming": incoming, "outgoing": outgoing})


@policy_required(plan_policy, "receive")
def transfer_receive(request: HttpRequest, transfer_id: int) -> HttpResponse:
    principal = principal_of(request)
    t = selectors.transfer_get(principal, transfer_id)
    if not plan_policy.can(principal, "receive", t):
        raise Http404("Page not found")
    error = ""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        import json

        doc, errors = validate_document(json.loads(t.version.canonical))
        if doc is not None:
            try:
                plan = services.transfer_receive(
                    by=principal, transfer=t, doc=doc, source="OpenSEND transfer"
                )
                messages.success(request, "Plan received: this council is now responsible for the child")
                return redirect("plans:overview", plan.pk)
            except ApplicationError as exc:
                error = exc.message
        else:
            error = "The plan does not meet the schema"
    today = clock.today()
    return render(
        request,
        "plans/lifecycle/transfer_receive.html",
        {
            "transfer": t,
            "error": error,
            "errors": errors,
            "x2_due": due_date("X2", today).due,
            "x3_due": due_date(
                "X3", t.plan.last_review_meeting_on or t.plan.made_on or today, second=today
            ).due,
        },
        status=400 if error else 200,
    )


def _ceasing(request: HttpRequest, ceasing_id: int) -> Ceasing:
    ceasing = Ceasing.objects.select_related("plan").filter(pk=ceasing_id).first()
    if ceasing is None:
        raise Http404("Page not found")
    selectors.plan_for_editing(principal_of(request), ceasing.plan_id)  # checks "draft" and audits
    if not plan_policy.can(principal_of(request), "decide", ceasing.plan):
        raise Http404("Page not found")
    return ceasing


@policy_required(plan_policy, "decide")
def cease_appeal(request: HttpRequest, ceasing_id: int) -> HttpResponse:
    """The family has lodged an appeal against the decision to cease: the plan is kept meanwhile."""
    principal = principal_of(request)
    ceasing = _ceasing(request, ceasing_id)
    form = AppealLodgedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cease_appeal_lodged(
                by=principal, ceasing=ceasing, lodged_on=form.cleaned_data["lodged_on"]
            )
            messages.success(request, "Appeal recorded: the plan is kept while it goes on")
            return redirect("plans:overview", ceasing.plan_id)
        except ApplicationError as exc:
            form.add_application_error(exc)
    intro = [
        f"The council decided on {ceasing.notice_on:%-d %B %Y} to stop the plan. The family may appeal "
        f"until {ceasing.appeal_by:%-d %B %Y} (T1).",
        "While the appeal goes on, the plan is kept and its provision continues (regulation 31).",
    ]
    return _form_page(request, ceasing.plan, form, "Record an appeal against stopping the plan",
                      "Record the appeal", intro=intro)  # fmt: skip


@policy_required(plan_policy, "decide")
def cease_appeal_end(request: HttpRequest, ceasing_id: int) -> HttpResponse:
    """The appeal ended: upheld (the plan continues) or dismissed (the plan stops that day)."""
    principal = principal_of(request)
    ceasing = _ceasing(request, ceasing_id)
    form = AppealConcludedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.cease_appeal_concluded(
                by=principal,
                ceasing=ceasing,
                concluded_on=form.cleaned_data["concluded_on"],
                outcome=form.cleaned_data["outcome"],
            )
            messages.success(
                request,
                "The plan continues" if plan.status == PlanStatus.FINAL_ISSUED else "The plan has stopped",
            )
            return redirect("plans:overview", plan.pk)
        except ApplicationError as exc:
            form.add_application_error(exc)
    lodged = f"{ceasing.appeal_lodged_on:%-d %B %Y}" if ceasing.appeal_lodged_on else "not recorded"
    intro = [
        f"Appeal lodged: {lodged}.",
        "If the appeal was dismissed the plan stops on the date the appeal ended; if it was upheld the "
        "plan continues as it is.",
    ]
    return _form_page(request, ceasing.plan, form, "Record how the appeal ended", "Record the outcome",
                      intro=intro)  # fmt: skip


@policy_required(plan_policy, "cancel")
def transfer_cancel(request: HttpRequest, transfer_id: int) -> HttpResponse:
    principal = principal_of(request)
    t = selectors.transfer_get(principal, transfer_id)
    if not plan_policy.can(principal, "cancel", t):
        raise Http404("Page not found")
    form = TransferCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_cancel(by=principal, transfer=t, reason=form.cleaned_data["reason"])
            messages.success(
                request, f"Transfer to {t.to_la.name} cancelled: the plan stays with this council"
            )
            return redirect("plans:transfers")
        except ApplicationError as exc:
            form.add_application_error(exc)
    intro = [
        f"The plan was sent to {t.to_la.name} on {t.sent_on:%-d %B %Y} and they have not received it yet.",
        "If you cancel, they can no longer receive it and this council keeps the plan.",
    ]
    return _form_page(request, t.plan, form, "Cancel the transfer", "Cancel the transfer", intro=intro,
                      back=reverse("plans:transfers"))  # fmt: skip


@policy_required(plan_policy, "family_told")
def transfer_family_told(request: HttpRequest, transfer_id: int) -> HttpResponse:
    principal = principal_of(request)
    t = selectors.transfer_get(principal, transfer_id)
    if not plan_policy.can(principal, "family_told", t) or t.new_plan is None:
        raise Http404("Page not found")
    form = FamilyToldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            t = services.transfer_family_told(by=principal, transfer=t, told_on=form.cleaned_data["told_on"])
            met = "within" if t.x2_met else "after"
            messages.success(request, f"Recorded: the family was told {met} the 6 weeks (X2)")
            return redirect("plans:transfers")
        except ApplicationError as exc:
            form.add_application_error(exc)
    intro = [
        f"The plan was received on {t.received_on:%-d %B %Y}. The family must be told by "
        f"{t.x2_due:%-d %B %Y} (X2: 6 weeks)."
        if t.received_on and t.x2_due
        else "",
    ]
    return _form_page(request, t.new_plan, form, "Family told about the transfer", "Save", intro=intro,
                      back=reverse("plans:transfers"))  # fmt: skip


@policy_required(plan_policy, "decide")
def reassess(request: HttpRequest, plan_id: int) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    form = ReassessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reassessment_start(by=principal, plan=plan, notified_on=form.cleaned_data["notified_on"])
            messages.success(request, "Re-assessment started")
            return redirect("plans:overview", plan.pk)
        except ApplicationError as exc:
            form.add_application_error(exc)
    today = clock.today()
    intro = [
        "Record the day the council told the family it would re-assess (regulation 27).",
        f"If that was today, the amended plan is due by {due_date('RA2', today).due:%-d %B %Y} "
        "(RA2: 14 weeks). "
        "The outcome is issued through an amendment notice and an amended plan.",
    ]
    return _form_page(request, plan, form, "Start a re-assessment", "Start the re-assessment", intro=intro)
