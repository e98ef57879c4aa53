"""Pages: the council asks for advice and records reuse; advisers write and submit; the overdue desk;
the family reads advice; both sides post in the case's thread (forms in the case page sections post here)."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opensend.access.policy import policy_required, principal_of
from opensend.casework import selectors as case_selectors
from opensend.casework.models import AssessmentRequest, CaseDocument
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict
from opensend.core.http import page_number

from . import selectors, services
from .codes import AdviceStatus, AdviceType, types_offered
from .forms import AdviceForm, CancelForm, CompleteForm, MessageForm, RequestAdviceForm, ReuseForm
from .models import Advice
from .policies import advice_policy


def _case(request: HttpRequest, case_id: int, action: str) -> AssessmentRequest:
    """The case, if this person may see it and do `action` on its advice; the same 404 otherwise."""
    principal = principal_of(request)
    case = case_selectors.case_get(principal, case_id, action="view")
    if not advice_policy.can(principal, action, case):
        raise Http404("Page not found")
    return case


def _case_url(request: HttpRequest, case: AssessmentRequest, anchor: str) -> str:
    principal = principal_of(request)
    name = "casework:case" if advice_policy.can(principal, "view_all", case) else "casework:family-case"
    return reverse(name, args=[case.pk]) + f"#{anchor}"


# The council ---------------------------------------------------------------------------------------


@policy_required(advice_policy, "request")
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, case_id: int) -> HttpResponse:
    """Ask a person or organisation for one type of advice (A3: due in 6 weeks)."""
    principal = principal_of(request)
    case = _case(request, case_id, "request")
    memberships = services.candidate_advisers(case)
    organisations = services.candidate_organisations(case)
    types = types_offered(case.child.date_of_birth, clock.today())
    kwargs: dict[str, Any] = {"types": types, "memberships": memberships, "organisations": organisations}
    form = RequestAdviceForm(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["adviser"]
        membership = next((m for m in memberships if f"m{m.pk}" == choice), None)
        organisation = next((o for o in organisations if f"o{o.pk}" == choice), None)
        try:
            made = services.advice_request(
                by=principal,
                case=case,
                advice_type=form.cleaned_data["advice_type"],
                question=form.cleaned_data["question"],
                adviser=membership.user if membership else None,
                organisation=membership.organisation if membership else organisation,
            )
            messages.success(
                request,
                f"{made.get_advice_type_display()} advice asked of {made.adviser_name}, "
                f"due {made.due_on:%-d %B %Y}",
            )
            return redirect(_case_url(request, case, "advice"))
        except ApplicationError as error:
            form.add_application_error(error)
    return render(
        request,
        "advice/request_new.html",
        {"case": case, "form": form, "types": types},
        status=400 if form.is_bound else 200,
    )


def _reuse_sources(case: AssessmentRequest) -> tuple[dict[str, Advice], dict[str, CaseDocument]]:
    advice = {
        f"a{a.pk}": a
        for a in Advice.objects.filter(request__child_id=case.child_id, status=AdviceStatus.SUBMITTED)
        .select_related("request", "request__organisation", "request__adviser")
        .order_by("-submitted_at")[:50]
    }
    documents = {
        f"d{d.pk}": d
        for d in CaseDocument.objects.filter(child_id=case.child_id).order_by("-uploaded_at")[:50]
    }
    return advice, documents


@policy_required(advice_policy, "reuse")
@require_http_methods(["GET", "POST"])
def reuse_new(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record existing advice as sufficient, with the three agreements Regulation 6(4) needs."""
    principal = principal_of(request)
    case = _case(request, case_id, "reuse")
    advice, documents = _reuse_sources(case)
    sources = [
        (
            k,
            f"{a.request.get_advice_type_display()} advice from {a.request.adviser_name}, "
            f"{a.submitted_at:%-d %B %Y}",
        )
        for k, a in advice.items()
    ] + [(k, f"Document: {d.name}") for k, d in documents.items()]
    types = types_offered(case.child.date_of_birth, clock.today())
    form = ReuseForm(request.POST or None, types=types, sources=sources)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.advice_reuse_record(
                by=principal,
                case=case,
                advice_type=data["advice_type"],
                source_description=data["source_description"],
                family_agreed_on=data["family_agreed_on"],
                family_agreed_by=data["family_agreed_by"],
                adviser_agreed_on=data["adviser_agreed_on"],
                adviser_agreed_by=data["adviser_agreed_by"],
                la_agreed_on=data["la_agreed_on"],
                source_advice=advice.get(data["source"]),
                source_document=documents.get(data["source"]),
            )
            messages.success(
                request, f"Reused {AdviceType(data['advice_type']).label.lower()} advice recorded"
            )
            return redirect(_case_url(request, case, "advice"))
        except ApplicationError as error:
            form.add_application_error(error)
    return render(
        request, "advice/reuse_new.html", {"case": case, "form": form}, status=400 if form.is_bound else 200
    )


@policy_required(advice_policy, "complete")
@require_POST
def complete(request: HttpRequest, case_id: int) -> HttpResponse:
    """All advice is in: move the case to "advice complete" (through casework's one transition service)."""
    principal = principal_of(request)
    case = _case(request, case_id, "complete")
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.advice_complete(by=principal, case=case, expected_version=form.cleaned_data["version"])
            messages.success(request, "All advice received: the case has moved to “Advice complete”")
            return redirect(_case_url(request, case, "advice"))
        except Conflict as error:
            form.add_application_error(error)
        except ApplicationError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "advice/problem.html",
        {"case": case, "form": form, "back": _case_url(request, case, "advice")},
        status=400,
    )


@policy_required(advice_policy, "request")
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, request_id: int) -> HttpResponse:
    principal = principal_of(request)
    advice_request = selectors.request_get(principal, request_id)
    case = advice_request.case
    if not advice_policy.can(principal, "request", case):
        raise Http404("Page not found")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_request_cancel(
                by=principal, request=advice_request, reason=form.cleaned_data["reason"]
            )
            messages.success(request, "Request for advice cancelled")
            return redirect(_case_url(request, case, "advice"))
        except ApplicationError as error:
            form.add_application_error(error)
    return render(
        request,
        "advice/cancel.html",
        {"case": case, "advice_request": advice_request, "form": form},
        status=400 if form.is_bound else 200,
    )


@policy_required(advice_policy, "overdue")
def overdue(request: HttpRequest) -> HttpResponse:
    """Overdue advice for the council's cases: counts per agency, then the requests, oldest first."""
    principal = principal_of(request)
    agency = request.GET.get("agency", "")
    organisation_id = int(agency) if agency.isdigit() else None
    agencies = selectors.overdue_by_agency(principal)
    page = selectors.overdue_page(principal, organisation_id=organisation_id, page=page_number(request))
    chosen = next((a for a in agencies if a.organisation_id == organisation_id), None)
    return render(
        request,
        "advice/overdue.html",
        {
            "agencies": agencies,
            "total": sum(a.overdue for a in agencies),
            "page": page,
            "chosen": chosen,
            "today": clock.today(),
        },
    )


# Advisers ------------------------------------------------------------------------------------------


@policy_required(advice_policy, "contribute")
def mine(request: HttpRequest) -> HttpResponse:
    """ "Advice requested from you"."""
    principal = principal_of(request)
    show = "done" if request.GET.get("show") == "done" else "open"
    page = selectors.my_requests(principal, show=show, page=page_number(request))
    return render(request, "advice/mine.html", {"page": page, "show": show, "today": clock.today()})


@policy_required(advice_policy, "view")
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    """One request: what is asked, about whom, and (for the adviser) the advice form."""
    principal = principal_of(request)
    advice_request = selectors.request_get(principal, request_id)
    view = selectors.request_view(principal, advice_request)
    form = AdviceForm(initial=AdviceForm.initial_for(view.draft))
    conflict = False
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if not view.can_write:
            raise Http404("Page not found")
        try:
            if action == "correct" and view.submitted:
                services.advice_correction_start(by=principal, advice=view.submitted[0])
                messages.success(request, "Correction started: change what you need to, then submit it")
                return redirect("advice:request", request_id=advice_request.pk)
            form = AdviceForm(request.POST, request.FILES)
            if form.is_valid():
                args: dict[str, Any] = {
                    "by": principal,
                    "request": advice_request,
                    "content": form.content(),
                    "file": form.cleaned_data["document"],
                    "expected_version": form.cleaned_data["version"],
                }
                if action == "submit":
                    services.advice_submit(**args)
                    messages.success(request, "Advice submitted. The council and the family have been told")
                else:
                    services.advice_draft_save(**args)
                    messages.success(request, "Draft saved. Only you can see it until you submit it")
                return redirect("advice:request", request_id=advice_request.pk)
        except Conflict as error:
            conflict = True
            form.add_application_error(error)
        except ApplicationError as error:
            form.add_application_error(error)
        status = 400
        view = selectors.request_view(principal, advice_request)
    return render(
        request,
        "advice/request_detail.html",
        {
            "view": view,
            "advice_request": advice_request,
            "case": advice_request.case,
            "child": advice_request.child,
            "form": form,
            "conflict": conflict,
            "today": clock.today(),
            "documents": selectors.request_documents(advice_request),
        },
        status=status,
    )


@policy_required(advice_policy, "view")
def advice_detail(request: HttpRequest, advice_id: int) -> HttpResponse:
    """One version of submitted advice, to read (the family, the council, the adviser)."""
    principal = principal_of(request)
    advice = selectors.advice_get(principal, advice_id)
    case = advice.request.case
    return render(
        request,
        "advice/advice_detail.html",
        {
            "advice": advice,
            "case": case,
            "back": _case_url(request, case, "advice")
            if advice_policy.can(principal, "view_all", case)
            or advice_policy.can(principal, "view_family", case)
            else reverse("advice:request", args=[advice.request_id]),
        },
    )


@policy_required(advice_policy, "view")
def advice_document(request: HttpRequest, advice_id: int) -> FileResponse:
    principal = principal_of(request)
    advice = selectors.advice_get(principal, advice_id)
    if not advice.document:
        raise Http404("Page not found")
    return FileResponse(
        advice.document.open("rb"),
        as_attachment=True,
        filename=advice.document_name,
        content_type=advice.document_type,
    )


@policy_required(advice_policy, "view")
def case_document(request: HttpRequest, request_id: int, document_id: int) -> FileResponse:
    """A document of the case the adviser is asked about (those the family can see too)."""
    principal = principal_of(request)
    advice_request = selectors.request_get(principal, request_id)
    document = selectors.request_document(principal, advice_request, document_id)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )


# Messages ------------------------------------------------------------------------------------------


@policy_required(advice_policy, "message")
@require_POST
def message_post(request: HttpRequest, case_id: int) -> HttpResponse:
    """Post to the case's thread, then back to the case page; a problem is shown on a page of its own
    with the message kept."""
    principal = principal_of(request)
    case = _case(request, case_id, "message")
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_send(by=principal, case=case, body=form.cleaned_data["body"])
            messages.success(request, "Message sent")
            return redirect(_case_url(request, case, "messages"))
        except ApplicationError as error:
            form.add_application_error(error)
    return render(
        request,
        "advice/message_form.html",
        {"case": case, "form": form, "back": _case_url(request, case, "messages")},
        status=400,
    )
