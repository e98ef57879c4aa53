"""The caseworker's desk and the case page."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.accounts.models import Organisation
from opensend.accounts.roles import LA_STAFF_ROLES, OrganisationKind
from opensend.casework import forms, selectors, services
from opensend.casework.codes import PrimaryNeed, Status
from opensend.casework.policies import case_policy
from opensend.casework.sections import render_sections
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict
from opensend.core.http import page_number


@policy_required(case_policy, "list")
def desk(request: HttpRequest) -> HttpResponse:
    """'My cases' and 'My team': filters are plain GET parameters, so every view is a link."""
    principal = principal_of(request)
    get = request.GET
    setting = get.get("setting", "")
    filters = selectors.DeskFilters(
        scope="mine" if get.get("scope") == "mine" else "team",
        stage=get.get("stage", "open")[:30],
        due=get.get("due", "")[:10],
        need=get.get("need", "")[:4],
        setting=int(setting) if setting.isdigit() else None,
        caseworker=get.get("caseworker", "")[:12],
        sort=get.get("sort", "due") if get.get("sort") in selectors.SORTS else "due",
    )
    page = selectors.desk_page(principal, filters, page=page_number(request))
    la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
    return render(
        request,
        "casework/desk.html",
        {
            "page": page,
            "filters": filters,
            "stages": Status.choices,
            "needs": PrimaryNeed.choices,
            "settings": Organisation.objects.filter(
                kind=OrganisationKind.EDUCATION_SETTING, local_authority_id__in=la_ids
            ).order_by("name"),
            "caseworkers": selectors.la_staff(la_ids),
        },
    )


def _case_context(principal: Any, case: Any, bound: dict[str, Any]) -> dict[str, Any]:
    view = selectors.case_view(principal, case)
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).exclude(
        pk=case.local_authority_id
    )
    context = {
        "view": view,
        "case": case,
        "child": case.child,
        "can_work": case_policy.can(principal, "transition", case),
        "can_upload": case_policy.can(principal, "upload", case),
        "today": clock.today(),
        "forms": {
            "transition": forms.TransitionForm(
                initial={"version": case.version}, stages=view.next_stages, councils=councils, prefix="t"
            ),
            "allocate": forms.AllocateForm(
                initial={"version": case.version, "caseworker": case.caseworker_id},
                caseworkers=view.caseworkers,
                prefix="a",
            ),
            "note": forms.NoteForm(prefix="n"),
            "exception": forms.ExceptionForm(prefix="e"),
            "upload": forms.UploadForm(prefix="u"),
        },
    }
    context["forms"].update(bound)
    return context


@policy_required(case_policy, "view")
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page. Each form posts here with an `action`; errors come back on the same page."""
    principal = principal_of(request)
    case = selectors.case_get(principal, case_id)
    if case_policy.can(principal, "view_family", case) and not case_policy.can(principal, "view_notes", case):
        return redirect("casework:family-case", case_id=case.pk)
    bound: dict[str, Any] = {}
    conflict = False
    if request.method == "POST":
        action = request.POST.get("action", "")
        view = selectors.case_view(principal, case)
        try:
            if action == "transition":
                councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
                form: Any = forms.TransitionForm(
                    request.POST, stages=view.next_stages, councils=councils, prefix="t"
                )
                bound["transition"] = form
                if form.is_valid():
                    data = form.cleaned_data
                    exported_to = (
                        councils.filter(pk=data["exported_to"]).first() if data["exported_to"] else None
                    )
                    moved = services.case_transition(
                        by=principal,
                        case=case,
                        to=data["to"],
                        reason=data["reason"],
                        expected_version=data["version"],
                        exported_to=exported_to,
                    )
                    messages.success(request, f"Case moved to: {Status(moved.status).label}")
                    return redirect("casework:case", case_id=case.pk)
            elif action == "allocate":
                form = forms.AllocateForm(request.POST, caseworkers=view.caseworkers, prefix="a")
                bound["allocate"] = form
                if form.is_valid():
                    worker = next(
                        (u for u in view.caseworkers if u.pk == form.cleaned_data["caseworker"]), None
                    )
                    services.case_allocate(
                        by=principal,
                        case=case,
                        caseworker=worker,
                        expected_version=form.cleaned_data["version"],
                    )
                    messages.success(
                        request, f"Allocated to {worker.full_name}" if worker else "Allocation removed"
                    )
                    return redirect("casework:case", case_id=case.pk)
            elif action == "note":
                form = forms.NoteForm(request.POST, prefix="n")
                bound["note"] = form
                if form.is_valid():
                    services.case_note_add(by=principal, case=case, text=form.cleaned_data["text"])
                    messages.success(request, "Note added")
                    return redirect("casework:case", case_id=case.pk)
            elif action == "exception":
                form = forms.ExceptionForm(request.POST, prefix="e")
                bound["exception"] = form
                if form.is_valid():
                    services.exception_record(by=principal, case=case, **form.cleaned_data)
                    messages.success(request, "Exception recorded")
                    return redirect("casework:case", case_id=case.pk)
            elif action == "upload":
                form = forms.UploadForm(request.POST, request.FILES, prefix="u")
                bound["upload"] = form
                if form.is_valid():
                    document = services.document_upload(by=principal, case=case, **form.cleaned_data)
                    messages.success(request, f"{document.name} uploaded")
                    return redirect("casework:case", case_id=case.pk)
        except Conflict as error:
            conflict = True
            case.refresh_from_db()
            form.add_application_error(error)
        except ApplicationError as error:
            form.add_application_error(error)
    context = _case_context(principal, case, bound)
    context["conflict"] = conflict
    context["sections"] = render_sections(request, principal, case, "staff")
    # The error summary shows the form that was posted.
    context["form"] = next(iter(bound.values()), None)
    return render(request, "casework/case.html", context, status=400 if bound else 200)


@policy_required(case_policy, "view")
def document_download(request: HttpRequest, case_id: int, document_id: int) -> FileResponse:
    principal = principal_of(request)
    case = selectors.case_get(principal, case_id)
    document = selectors.document_get(principal, case, document_id)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )
