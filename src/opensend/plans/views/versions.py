"""An issued version: HTML, JSON, PDF, comparison with another version, the one-page summary."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.access.policy import policy_required, principal_of
from opensend.core.http import page_number
from opensend.plans import selectors
from opensend.plans.compare import compare
from opensend.plans.policies import plan_policy
from opensend.plans.render import summary as plain_summary


@policy_required(plan_policy, "view")
def version(request: HttpRequest, version_id: int) -> HttpResponse:
    page = selectors.version_page(principal_of(request), version_id)
    return render(request, "plans/version.html", {**vars(page), "plan": page.v.plan})


@policy_required(plan_policy, "view")
def version_json(request: HttpRequest, version_id: int) -> HttpResponse:
    v = selectors.version_export(principal_of(request), version_id)
    response = HttpResponse(v.canonical, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{v.plan.reference}-v{v.number}.json"'
    response["Digest"] = f"sha-256={v.content_hash}"
    return response


@policy_required(plan_policy, "view")
def version_pdf(request: HttpRequest, version_id: int) -> HttpResponse:
    v, pdf = selectors.version_pdf(principal_of(request), version_id)
    if pdf is None:
        raise Http404("The PDF is being made: read the plan on the page meanwhile")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{v.plan.reference}-v{v.number}.pdf"'
    return response


@policy_required(plan_policy, "view")
def comparison(request: HttpRequest, version_id: int, other_id: int) -> HttpResponse:
    principal = principal_of(request)
    v = selectors.version_get(principal, version_id)
    other = selectors.version_get(principal, other_id)
    if other.plan_id != v.plan_id:
        raise Http404("Page not found")
    old, new = (other, v) if other.number < v.number else (v, other)
    return render(
        request,
        "plans/compare.html",
        {
            "v": v,
            "old": old,
            "new": new,
            "sections": compare(selectors.document(old), selectors.document(new)),
        },
    )


@policy_required(plan_policy, "view")
def summary(request: HttpRequest, version_id: int) -> HttpResponse:
    v = selectors.version_get(principal_of(request), version_id)
    return render(
        request,
        "plans/summary.html",
        {"v": v, "s": plain_summary(selectors.document(v), v.plan.made_on, selectors.review_by(v))},
    )


@policy_required(plan_policy, "view")
def child_plans(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    plans = selectors.child_plans(principal, child_id)
    if not plans:
        raise Http404("Page not found")
    reviews = selectors.child_reviews(principal, plans)
    rows = [(p, selectors.versions_of(principal, p), reviews.get(p.pk, [])) for p in plans]
    return render(request, "plans/child.html", {"rows": rows, "child": plans[0].child})


@policy_required(plan_policy, "report")
def council(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    page = selectors.council_plans_page(principal, page_number(request))
    return render(request, "plans/list.html", {"page": page, "report": selectors.quality_report(principal)})
