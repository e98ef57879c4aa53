"""The small helpers every app's views share."""

import pytest
from django import forms
from django.test import RequestFactory

from opensend.core.errors import ApplicationError
from opensend.core.forms import GovukForm, submit
from opensend.core.http import page_number


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), ("0", 1), ("-2", 1), ("zz", 1), ("", 1)])
def test_page_number_is_a_positive_number_or_page_one(raw, expected):
    assert page_number(RequestFactory().get("/", {"page": raw})) == expected
    assert page_number(RequestFactory().get("/")) == 1


class _NameForm(GovukForm):
    name = forms.CharField(error_messages={"required": "Enter a name"})


def test_submit_runs_the_service_only_for_a_valid_form_and_puts_its_error_on_the_form():
    calls: list[str] = []
    assert submit(_NameForm({}), lambda: calls.append("ran")) is None
    assert calls == []

    def refuse() -> None:
        raise ApplicationError("That name is taken", field="name")

    form = _NameForm({"name": "Amara"})
    assert submit(form, refuse) is None
    assert form.errors["name"] == ["That name is taken"]
    assert form["name"].value() == "Amara"
    assert submit(_NameForm({"name": "Leo"}), lambda: "saved") == "saved"


def _post(data: dict[str, str]):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/", data)
    request.session = {}  # type: ignore[attr-defined]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_form_page_runs_the_service_then_redirects_with_the_message():
    from django.http import HttpResponseRedirect

    from opensend.core.http import form_page

    request = _post({"name": "Amara"})
    form = _NameForm(request.POST)
    response = form_page(
        request,
        form,
        lambda: "saved",
        template="unused.html",
        context={},
        message=lambda result: f"Name {result}",
        done=lambda result: HttpResponseRedirect(f"/{result}/"),
    )
    assert (response.status_code, response["Location"]) == (302, "/saved/")
    assert [str(m) for m in request._messages] == ["Name saved"]


def test_form_page_shows_the_form_again_with_the_service_error_and_what_was_typed(monkeypatch):
    from opensend.core import http

    shown: dict[str, object] = {}
    monkeypatch.setattr(http, "render", lambda request, template, context: shown.update(context) or "page")

    def refuse() -> None:
        raise ApplicationError("That name is taken", field="name")

    form = _NameForm({"name": "Amara"})
    done_calls: list[object] = []
    result = http.form_page(
        _post({"name": "Amara"}),
        form,
        refuse,
        template="x.html",
        context={"title": "Name"},
        done=done_calls.append,  # type: ignore[arg-type]
    )
    assert result == "page" and done_calls == []
    assert shown["form"] is form and shown["title"] == "Name"
    assert form.errors["name"] == ["That name is taken"] and form["name"].value() == "Amara"


def test_the_one_pager_keeps_the_other_query_parameters():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    request = RequestFactory().get("/", {"status": "open", "q": "Lee", "page": "2"})
    page = Paginator(list(range(60)), 25).get_page(2)
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    assert 'href="?status=open&amp;q=Lee&amp;page=1"' in html
    assert 'href="?status=open&amp;q=Lee&amp;page=3"' in html
