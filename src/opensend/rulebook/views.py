"""The public rule page: every statutory timescale in plain English, and a calculator."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opensend.access.policy import public

from .engine import DueDate, due_date
from .errors import InvalidInput
from .forms import CalculatorForm
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
