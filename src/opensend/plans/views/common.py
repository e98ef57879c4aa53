"""What the plans' pages share: the one-question page of a plan in force, on `core.http.form_page`."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from opensend.core import http
from opensend.plans.models import Plan

T = TypeVar("T")


def refused_is_400(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A POST that was refused (the page is shown again with its errors) answers 400, as the plans'
    pages always have, so that clients and tests can tell it from a page that was merely opened."""
    if request.method == "POST" and response.status_code == 200:
        response.status_code = 400
    return response


def plan_form_page(
    request: HttpRequest,
    plan: Plan,
    form: forms.Form,
    action: Callable[[], T],
    *,
    heading: str,
    button: str,
    done: Callable[[T], HttpResponse],
    message: str | Callable[[T], str] = "",
    intro: Sequence[str] = (),
    back: str = "",
    problems: Sequence[object] = (),
) -> HttpResponse:
    """One form about a plan (a heading, lines of intro, a back link that defaults to the plan's reviews
    and changes, quality problems that stop it), run through `core.http.form_page`."""
    context: dict[str, Any] = {
        "plan": plan,
        "heading": heading,
        "button": button,
        "intro": intro,
        "back": back or reverse("plans:overview", args=[plan.pk]),
        "problems": problems,
    }
    response = http.form_page(
        request,
        form,
        action,
        template="plans/in_force/form_page.html",
        context=context,
        done=done,
        message=message,
    )
    return refused_is_400(request, response)
