"""Small request helpers shared by every app's views."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import submit

T = TypeVar("T")


def page_number(request: HttpRequest) -> int:
    """The `page` query parameter as a page number; anything that is not a positive number is page 1."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def form_page(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[], T],
    *,
    template: str,
    context: dict[str, Any],
    done: Callable[[T], HttpResponse],
    message: str | Callable[[T], str] = "",
) -> HttpResponse:
    """The page of a form that runs one service.

    On a POST the service runs for a valid form (`core.forms.submit`); when it succeeds the person
    sees `message` on the next page and `done(result)` (a redirect) is returned. Otherwise, and on a
    GET, the page is shown with the form, its errors and what was typed.
    """
    if request.method == "POST":
        result = submit(form, action)
        # submit puts an ApplicationError on the form, so a valid form here means the service ran.
        if form.is_valid():
            text = message(result) if callable(message) else message  # type: ignore[arg-type]
            if text:
                messages.success(request, text)
            return done(result)  # type: ignore[arg-type]
    return render(request, template, {"form": form, **context})
