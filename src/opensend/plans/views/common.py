"""What the plans' pages share: the one-question form page of a plan in force."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from opensend.plans.models import Plan


def form_page(
    request: HttpRequest, plan: Plan, form: Any, heading: str, button: str, **extra: Any
) -> HttpResponse:
    """The form (with the error summary when it is bound and wrong), a heading, lines of intro and a
    back link (default: the plan's reviews and changes). 400 after a POST that did not succeed."""
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
