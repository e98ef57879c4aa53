"""Notice pages: one letter (HTML and PDF), a child's letters, and the council's details for letters."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.core.forms import submit
from opensend.core.http import page_number
from opensend.core.letters import PdfStatus

from . import letters, selectors, services
from .forms import CouncilDetailsForm
from .kinds import KINDS
from .policies import council_details_policy, notice_policy


@policy_required(notice_policy, "view")
def notice(request: HttpRequest, notice_id: int) -> HttpResponse:
    principal = principal_of(request)
    item = selectors.notice_get(principal, notice_id)
    return render(
        request,
        "notices/notice.html",
        {
            "notice": item,
            "kind": KINDS[item.kind],
            "body": mark_safe(letters.body_of(item.html)),
            "ready": item.pdf_status == PdfStatus.READY,
        },
    )


@policy_required(notice_policy, "view")
def notice_pdf(request: HttpRequest, notice_id: int) -> FileResponse:
    principal = principal_of(request)
    item = selectors.notice_get(principal, notice_id)
    if item.pdf_status != PdfStatus.READY or not item.pdf:
        raise Http404("Page not found")
    return FileResponse(
        item.pdf.open("rb"),
        as_attachment=False,
        filename=f"{item.reference}-{item.kind.replace('_', '-')}.pdf",
        content_type="application/pdf",
    )


@policy_required(notice_policy, "view")
def child_notices(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_for_notices(principal, child_id)
    page = selectors.notices_for_child(principal, child, page=page_number(request))
    return render(request, "notices/child.html", {"child": child, "page": page, "kinds": KINDS})


@policy_required(council_details_policy, "view")
def council_details_home(request: HttpRequest) -> HttpResponse:
    """The council's details page; someone at several councils chooses one."""
    councils = list(selectors.councils_for_details(principal_of(request)))
    if len(councils) == 1:
        return redirect("notices:council-details", council_id=councils[0].pk)
    return render(request, "notices/councils.html", {"councils": councils})


@policy_required(council_details_policy, "view")
@require_http_methods(["GET", "POST"])
def council_details(request: HttpRequest, council_id: int) -> HttpResponse:
    principal = principal_of(request)
    council, details = selectors.council_details_get(principal, council_id)
    can_edit = council_details_policy.can(principal, "edit", council)
    initial = {**selectors.details_values(details), "version": details.version if details else None}
    form = CouncilDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise Http404("Page not found")
        # A stale version (someone saved meanwhile) comes back as an error, with what was typed.
        saved = submit(
            form,
            lambda: services.council_details_save(
                by=principal,
                local_authority=council,
                values=form.values(),
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "Council details saved: the next letters will use them")
            return redirect("notices:council-details", council_id=council.pk)
    return render(
        request,
        "notices/council_details.html",
        {
            "council": council,
            "details": details,
            "form": form,
            "can_edit": can_edit,
            "missing": letters.missing_settings(details),
        },
        status=400 if form.errors else 200,
    )
