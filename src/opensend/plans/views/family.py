"""The family's answer to a draft: comment section by section, ask for a meeting or a personal budget,
name a school or college, and say when they have finished. One thing per page."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.http import form_page
from opensend.plans import selectors, services
from opensend.plans.forms import AskForm, CommentForm, SettingForm
from opensend.plans.models import CommentKind, PlanVersion
from opensend.plans.policies import plan_policy
from opensend.plans.render import sections_view
from opensend.plans.schema.document import SECTION_KEYS, SECTION_TITLES

ASKS = {
    "meeting": (CommentKind.MEETING, "Ask for a meeting with the council", AskForm),
    "personal-budget": (CommentKind.PERSONAL_BUDGET, "Ask for a personal budget", AskForm),
    "setting": (CommentKind.PREFERRED_SETTING, "Name the school or college you would like", SettingForm),
}


def _draft(request: HttpRequest, version_id: int) -> PlanVersion:
    v = selectors.version_get(principal_of(request), version_id)
    if not plan_policy.can(principal_of(request), "comment", v):
        raise Http404("Page not found")
    return v


@policy_required(plan_policy, "comment")
def respond(request: HttpRequest, version_id: int) -> HttpResponse:
    v = _draft(request, version_id)
    said = selectors.comments(v)
    commented = {c.section for c in said if c.kind == CommentKind.SECTION}
    return render(
        request,
        "plans/respond.html",
        {
            "v": v,
            "sections": [(k, SECTION_TITLES[k], k in commented) for k in SECTION_KEYS if k != "i"],
            "said": said,
            "asked": {c.kind for c in said},
            "late": bool(v.comments_due_on and clock.today() > v.comments_due_on),
        },
    )


@policy_required(plan_policy, "comment")
def respond_section(request: HttpRequest, version_id: int, key: str) -> HttpResponse:
    v = _draft(request, version_id)
    if key not in SECTION_KEYS:
        raise Http404("Page not found")
    form = CommentForm(request.POST or None)
    section = sections_view(selectors.document(v))[SECTION_KEYS.index(key)]
    return form_page(
        request,
        form,
        lambda: services.comment_add(
            by=principal_of(request),
            version=v,
            kind=CommentKind.SECTION,
            section=key,
            text=form.cleaned_data["text"],
        ),
        template="plans/respond_section.html",
        context={"v": v, "section": section},
        message=f"Your comments on section {key.upper()} have been sent",
        done=lambda _: redirect("plans:respond", v.pk),
    )


@policy_required(plan_policy, "comment")
def respond_ask(request: HttpRequest, version_id: int, ask: str) -> HttpResponse:
    v = _draft(request, version_id)
    if ask not in ASKS:
        raise Http404("Page not found")
    kind, title, form_cls = ASKS[ask]
    form = form_cls(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.comment_add(
            by=principal_of(request), version=v, kind=kind, text=form.cleaned_data["text"]
        ),
        template="plans/respond_ask.html",
        context={"v": v, "title": title, "ask": ask},
        message="The council has your request",
        done=lambda _: redirect("plans:respond", v.pk),
    )


@policy_required(plan_policy, "comment")
def respond_finish(request: HttpRequest, version_id: int) -> HttpResponse:
    v = _draft(request, version_id)
    if request.method == "POST":
        services.comment_add(by=principal_of(request), version=v, kind=CommentKind.FINISHED)
        messages.success(request, "You have told the council you have finished commenting")
        return redirect("plans:respond", v.pk)
    return render(request, "plans/respond_finish.html", {"v": v})
