"""The public rule page (every statutory timescale, with a calculator) and closure dates."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of, public
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.core.errors import ApplicationError

from . import services
from .engine import DueDate, due_date
from .errors import InvalidInput
from .forms import CalculatorForm, ClosureForm
from .models import ClosurePeriod
from .policies import closure_policy
from .rules import default_rulebook


@public
def index(request: HttpRequest) -> HttpResponse:
    rule_set = default_rulebook().current()
    asked = "rule" in request.GET
    form = CalculatorForm(request.GET if asked else None, rule_set=rule_set)
    result: DueDate | None = None
    if asked and form.is_valid():
        try:
            result = due_date(
                form.cleaned_data["rule"], form.cleaned_data["trigger"], second=form.cleaned_data["second"]
            )
        except InvalidInput as exc:
            form.add_application_error(exc)
    return render(
        request,
        "rulebook/index.html",
        {"rule_set": rule_set, "stages": rule_set.by_stage(), "form": form, "result": result},
        status=200,
    )


def _closure_organisations(principal: Principal) -> QuerySet[Organisation]:
    return Organisation.objects.filter(closure_policy.editable_q(principal)).order_by("kind", "name")


@policy_required(closure_policy, "edit")
def closures_index(request: HttpRequest) -> HttpResponse:
    """The organisations whose term and closure dates this person keeps."""
    organisations = _closure_organisations(principal_of(request))
    return render(request, "rulebook/closures_index.html", {"organisations": organisations[:200]})


@policy_required(closure_policy, "edit")
@require_http_methods(["GET", "POST"])
def closures_for(request: HttpRequest, organisation_id: int) -> HttpResponse:
    principal = principal_of(request)
    organisation = _closure_organisations(principal).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("Page not found")
    form = ClosureForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                period = ClosurePeriod.objects.filter(
                    organisation=organisation, pk=request.POST.get("period_id") or 0
                ).first()
                if period is None:
                    raise Http404("Page not found")
                services.closure_remove(by=principal, period=period)
                messages.success(request, "Closure removed")
                return redirect("rulebook:closures", organisation_id=organisation.pk)
            if form.is_valid():
                services.closure_add(by=principal, organisation=organisation, **form.cleaned_data)
                messages.success(request, "Closure added")
                return redirect("rulebook:closures", organisation_id=organisation.pk)
        except ApplicationError as error:
            form.add_application_error(error)
    own = list(ClosurePeriod.objects.filter(organisation=organisation).order_by("starts_on"))
    la_defaults: list[ClosurePeriod] = []
    if not own and organisation.local_authority_id:
        la_defaults = list(
            ClosurePeriod.objects.filter(organisation_id=organisation.local_authority_id).order_by(
                "starts_on"
            )
        )
    return render(
        request,
        "rulebook/closures.html",
        {"organisation": organisation, "periods": own, "la_defaults": la_defaults, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
