"""Alternative provision placements: the list, one placement, referral, and the steps after it."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.access.principal import Principal
from opensend.core.http import form_page, page_number
from opensend.targeted import forms, selectors, services
from opensend.targeted.models import PlacementStatus
from opensend.targeted.policies import placement_policy

# Alternative provision -------------------------------------------------------------------------


@policy_required(placement_policy, "list")
def placement_list(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    status = request.GET.get("status", "")
    if status not in PlacementStatus.values:
        status = ""
    page = selectors.placement_page(principal, status=status, page=page_number(request))
    return render(
        request,
        "targeted/placement_list.html",
        {"page": page, "status": status, "statuses": PlacementStatus.choices},
    )


@policy_required(placement_policy, "view")
def placement_detail(request: HttpRequest, placement_id: int) -> HttpResponse:
    principal = principal_of(request)
    placement = selectors.placement_get(principal, placement_id)
    can_manage = placement_policy.can(principal, "manage", placement)
    return render(
        request,
        "targeted/placement_detail.html",
        {
            "placement": placement,
            "reviews": list(placement.reviews.all()),
            "can_start": can_manage and placement.status == PlacementStatus.REFERRED,
            "can_cancel": can_manage and placement.status == PlacementStatus.REFERRED,
            "can_review": can_manage and placement.status == PlacementStatus.ACTIVE,
            "can_end": can_manage and placement.status == PlacementStatus.ACTIVE,
        },
    )


@policy_required(placement_policy, "refer")
@require_http_methods(["GET", "POST"])
def placement_refer(request: HttpRequest, child_id: int) -> HttpResponse:
    principal = principal_of(request)
    child = selectors.child_get(principal, child_id)
    if not placement_policy.can(principal, "refer", child):
        raise Http404("Page not found")
    providers = selectors.settings_for_child(child)
    form = forms.ReferralForm(request.POST or None, providers=providers)

    def refer() -> Any:
        data = dict(form.cleaned_data)
        data["provider"] = providers.filter(pk=data["provider"]).first()
        return services.placement_refer(by=principal, child=child, **data)

    return form_page(
        request,
        form,
        refer,
        template="targeted/form.html",
        context={
            "title": "Refer to alternative provision",
            "caption": child.full_name,
            "back": ("targeted:child", child.pk),
            "button": "Record referral",
        },
        message=lambda created: f"Referral to {created.provider.name} recorded",
        done=lambda created: redirect("targeted:placement-detail", placement_id=created.pk),
    )


def _placement_form(
    request: HttpRequest,
    placement_id: int,
    *,
    form_class: type,
    title: str,
    button: str,
    done_message: str,
    run: Callable[[Principal, Any, dict[str, Any]], Any],
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None,
) -> HttpResponse:
    principal = principal_of(request)
    placement = selectors.placement_get(principal, placement_id, action="manage")
    extra = form_kwargs(placement) if form_kwargs else {}
    form = form_class(request.POST or None, initial={"version": placement.version}, **extra)
    return form_page(
        request,
        form,
        lambda: run(principal, placement, form.cleaned_data),
        template="targeted/form.html",
        context={
            "title": title,
            "caption": f"{placement.provider.name} for {placement.child.full_name}",
            "back": ("targeted:placement-detail", placement.pk),
            "button": button,
            "placement": placement,
        },
        message=done_message,
        done=lambda _: redirect("targeted:placement-detail", placement_id=placement.pk),
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_start(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_form(
        request,
        placement_id,
        form_class=forms.StartForm,
        title="Record that the placement started",
        button="Save",
        done_message="Placement started",
        run=lambda by, p, d: services.placement_start(
            by=by, placement_id=p.pk, started_on=d["started_on"], expected_version=d["version"]
        ),
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_review(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_form(
        request,
        placement_id,
        form_class=forms.ReviewForm,
        title="Record a review",
        button="Save review",
        done_message="Review recorded",
        run=lambda by, p, d: services.placement_review(
            by=by,
            placement_id=p.pk,
            reviewed_on=d["reviewed_on"],
            progress=d["progress"],
            decision=d["decision"],
            new_planned_end_on=d["new_planned_end_on"],
            expected_version=d["version"],
        ),
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_end(request: HttpRequest, placement_id: int) -> HttpResponse:
    def run(by: Principal, placement: Any, d: dict[str, Any]) -> Any:
        setting = (
            selectors.settings_for_child(placement.child).filter(pk=d["outcome_setting"]).first()
            if d["outcome_setting"]
            else None
        )
        return services.placement_end(
            by=by,
            placement_id=placement.pk,
            ended_on=d["ended_on"],
            outcome=d["outcome"],
            outcome_setting=setting,
            outcome_notes=d["outcome_notes"],
            expected_version=d["version"],
        )

    return _placement_form(
        request,
        placement_id,
        form_class=forms.EndForm,
        title="End the placement",
        button="End placement",
        done_message="Placement ended",
        run=run,
        form_kwargs=lambda p: {"settings_qs": selectors.settings_for_child(p.child)},
    )


@policy_required(placement_policy, "manage")
@require_http_methods(["GET", "POST"])
def placement_cancel(request: HttpRequest, placement_id: int) -> HttpResponse:
    return _placement_form(
        request,
        placement_id,
        form_class=forms.CancelForm,
        title="Cancel the referral",
        button="Cancel referral",
        done_message="Referral cancelled",
        run=lambda by, p, d: services.placement_cancel(
            by=by, placement_id=p.pk, reason=d["reason"], expected_version=d["version"]
        ),
    )
