"""Requesting an assessment online (family, SENCo), one question per page, and LA staff recording one."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opensend.access.policy import policy_required, principal_of
from opensend.access.principal import Principal
from opensend.casework import forms, selectors, services
from opensend.casework.codes import RequestSource
from opensend.casework.models import RequestDraft
from opensend.casework.policies import case_policy
from opensend.casework.services.requests import check_can_request, online_source
from opensend.children.models import Child
from opensend.children.selectors import child_get
from opensend.core import clock
from opensend.core.errors import ApplicationError


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.GovukForm]
    title: str  # the page title (the question, short)
    field: str


STEPS: tuple[Step, ...] = (
    Step("needs", forms.NeedsForm, "The child's needs", "reasons"),
    Step("support", forms.SupportForm, "Help so far", "support_so_far"),
    Step("views", forms.ViewsForm, "What you would like to happen", "family_views"),
    Step("custody", forms.CustodyForm, "Youth custody", "in_youth_accommodation"),
    Step("evidence", forms.EvidenceForm, "Evidence", "file"),
    Step("consent", forms.ConsentForm, "Agreement", "consent_given"),
)
BY_SLUG = {s.slug: s for s in STEPS}


def _is_setting(principal: Principal, child: Child) -> bool:
    return online_source(principal, child) == RequestSource.SETTING


def _form_class(step: Step, setting: bool) -> type[forms.GovukForm]:
    if step.slug == "consent" and setting:
        return forms.SettingConsentForm
    return step.form


def _next_url(child_id: int, slug: str, *, changing: bool) -> str:
    index = [s.slug for s in STEPS].index(slug)
    if changing or index == len(STEPS) - 1:
        return reverse("casework:request-check", args=[child_id])
    return reverse("casework:request-step", args=[child_id, STEPS[index + 1].slug])


def _back_url(child_id: int, slug: str) -> str:
    index = [s.slug for s in STEPS].index(slug)
    if index == 0:
        return reverse("casework:request-start")
    return reverse("casework:request-step", args=[child_id, STEPS[index - 1].slug])


def _requestable_child(principal: Principal, child_id: int) -> Child:
    child = case_policy.requestable_children(principal).filter(pk=child_id).first()
    if child is None:
        raise Http404("Page not found")
    return child_get(principal, child.pk)


@policy_required(case_policy, "request")
@require_http_methods(["GET", "POST"])
def request_start(request: HttpRequest) -> HttpResponse:
    """Which child: only the person's own children, or those at the SENCo's setting."""
    principal = principal_of(request)
    children = list(
        case_policy.requestable_children(principal).order_by("last_name", "first_name", "id")[:200]
    )
    form = forms.ChildChoiceForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        child = next(c for c in children if c.pk == form.cleaned_data["child"])
        try:
            check_can_request(child, clock.today())
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            services.draft_get_or_start(by=principal, child=child)
            return redirect("casework:request-step", child_id=child.pk, step=STEPS[0].slug)
    return render(
        request,
        "casework/request/start.html",
        {"form": form, "children": children, "drafts": selectors.drafts_for(principal)},
    )


def _draft(principal: Principal, child: Child) -> RequestDraft:
    return services.draft_get_or_start(by=principal, child=child)


@policy_required(case_policy, "request")
@require_http_methods(["GET", "POST"])
def request_step(request: HttpRequest, child_id: int, step: str) -> HttpResponse:
    principal = principal_of(request)
    if step not in BY_SLUG:
        raise Http404("Page not found")
    current = BY_SLUG[step]
    child = _requestable_child(principal, child_id)
    draft = _draft(principal, child)
    setting = _is_setting(principal, child)
    form_class = _form_class(current, setting)
    changing = request.GET.get("change") == "1"
    initial: dict[str, Any] = {}
    if current.field in draft.answers:
        value = draft.answers[current.field]
        initial[current.field] = ("yes" if value else "no") if current.slug == "custody" else value
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, initial=initial)
        if current.slug == "evidence":
            return _evidence_post(request, principal, child, draft, form, changing=changing)
        if "save_later" in request.POST:
            raw = request.POST.get(current.field, "")
            if current.slug not in ("custody", "consent"):
                services.draft_save(
                    by=principal, draft=draft, answers={current.field: raw[: forms.LONG_TEXT]}
                )
            messages.success(request, f"Your request for {child.full_name} has been saved")
            return redirect("casework:request-start")
        if form.is_valid():
            services.draft_save(
                by=principal, draft=draft, answers={current.field: form.cleaned_data[current.field]}
            )
            return redirect(_next_url(child.pk, step, changing=changing))
    else:
        form = form_class(initial=initial)
    return render(
        request,
        f"casework/request/{'evidence' if step == 'evidence' else 'question'}.html",
        {
            "form": form,
            "field": form[current.field],
            "step": current,
            "child": child,
            "setting": setting,
            "back_url": reverse("casework:request-check", args=[child.pk])
            if changing
            else _back_url(child.pk, step),
            "documents": list(draft.documents.all()),
        },
    )


def _evidence_post(
    request: HttpRequest,
    principal: Principal,
    child: Child,
    draft: RequestDraft,
    form: Any,
    *,
    changing: bool,
) -> HttpResponse:
    remove = request.POST.get("remove", "")
    if remove.isdigit():
        document = draft.documents.filter(pk=int(remove)).first()
        if document is not None:
            document.file.delete(save=False)
            document.delete()
        return redirect(request.get_full_path())
    if "upload" in request.POST and form.is_valid() and not form.cleaned_data.get("file"):
        form.add_error("file", "Choose a file to upload")
    elif form.is_valid() and form.cleaned_data.get("file"):
        try:
            document = services.document_upload(by=principal, file=form.cleaned_data["file"], draft=draft)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{document.name} uploaded")
            return redirect(request.get_full_path())
    elif form.is_valid():
        if "save_later" in request.POST:
            messages.success(request, f"Your request for {child.full_name} has been saved")
            return redirect("casework:request-start")
        return redirect(_next_url(child.pk, "evidence", changing=changing))
    return render(
        request,
        "casework/request/evidence.html",
        {
            "form": form,
            "field": form["file"],
            "step": BY_SLUG["evidence"],
            "child": child,
            "setting": _is_setting(principal, child),
            "back_url": _back_url(child.pk, "evidence"),
            "documents": list(draft.documents.all()),
        },
        status=400,
    )


@policy_required(case_policy, "request")
@require_http_methods(["GET", "POST"])
def request_check(request: HttpRequest, child_id: int) -> HttpResponse:
    """Check your answers, then send."""
    principal = principal_of(request)
    child = _requestable_child(principal, child_id)
    draft = _draft(principal, child)
    form = forms.GovukForm(request.POST if request.method == "POST" else None)
    missing = [s for s in STEPS if s.slug not in ("evidence", "views") and s.field not in draft.answers]
    if request.method == "POST" and form.is_valid():
        if missing:
            return redirect("casework:request-step", child_id=child.pk, step=missing[0].slug)
        try:
            case = services.request_submit(by=principal, draft=draft)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return redirect("casework:request-sent", case_id=case.pk)
    return render(
        request,
        "casework/request/check.html",
        {
            "form": form,
            "child": child,
            "answers": draft.answers,
            "documents": list(draft.documents.all()),
            "missing": missing,
            "setting": _is_setting(principal, child),
        },
    )


@policy_required(case_policy, "view")
def request_sent(request: HttpRequest, case_id: int) -> HttpResponse:
    principal = principal_of(request)
    case = selectors.case_get(principal, case_id)
    return render(
        request,
        "casework/request/sent.html",
        {"case": case, "is_family": case_policy.can(principal, "view_family", case)},
    )


@policy_required(case_policy, "request")
@require_POST
def draft_discard(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    draft = RequestDraft.objects.filter(user=principal.user, child_id=child_id).first()
    if draft is None:
        raise Http404("Page not found")
    services.draft_discard(by=principal, draft=draft)
    messages.success(request, "Your unfinished request has been deleted")
    return redirect("casework:request-start")


@policy_required(case_policy, "record")
@require_http_methods(["GET", "POST"])
def record_request(request: HttpRequest, child_id: int) -> HttpResponse:
    """LA staff: a request that came by post, phone or email, with the day it arrived."""
    principal = principal_of(request)
    child = child_get(principal, child_id)
    if not case_policy.can(principal, "record", child):
        raise Http404("Page not found")
    form = forms.RecordRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.request_receive(by=principal, child=child, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Request recorded: {case.reference}")
            return redirect("casework:case", case_id=case.pk)
    return render(request, "casework/record.html", {"form": form, "child": child})
