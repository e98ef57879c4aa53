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
