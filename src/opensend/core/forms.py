"""GOV.UK Design System forms on plain Django forms.

`GovukForm` gives every field the GOV.UK classes, hint and error wiring, and the error summary
links; `GovukDateField` is the GOV.UK date input (day, month, year) with messages a parent
understands. Templates live in templates/govuk/forms/.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.forms.renderers import TemplatesSetting

from .errors import ApplicationError

T = TypeVar("T")


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class GovukDateWidget(forms.MultiWidget):
    template_name = "govuk/forms/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "month": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "year": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        }
        super().__init__(widgets, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # GOV.UK ids: <field>_day, _month, _year, so the error summary can link to the day input.
        for sub, part in zip(context["widget"]["subwidgets"], ("day", "month", "year"), strict=True):
            if sub["attrs"].get("id"):
                sub["attrs"]["id"] = sub["attrs"]["id"].rsplit("_", 1)[0] + f"_{part}"
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else id_

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year. Keeps what was typed when it is wrong."""

    widget = GovukDateWidget

    def __init__(self, *, label_noun: str = "the date", **kwargs: Any) -> None:
        self.label_noun = label_noun
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(
                f"{self.label_noun.capitalize()} must include a {' and '.join(missing)}"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(
                f"{self.label_noun.capitalize()} must be a real date, written in numbers"
            )
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label_noun.capitalize()} must be a real date") from None


_INPUT_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
}


class GovukFormMixin:
    """GOV.UK classes, `aria-describedby` for hints and errors, and error summary data for any form."""

    fields: dict[str, forms.Field]
    errors: Any
    add_prefix: Any
    add_error: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, GovukDateWidget):
                continue
            css = next((c for cls, c in _INPUT_CLASSES.items() if isinstance(widget, cls)), "govuk-input")
            existing = widget.attrs.get("class", "")
            if css not in existing.split():
                widget.attrs["class"] = " ".join(filter(None, [css, existing]))
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = [f"id_{self.add_prefix(name)}-error"]
                if self.fields[name].help_text:
                    described.insert(0, f"id_{self.add_prefix(name)}-hint")
                widget.attrs["aria-describedby"] = " ".join(described)
                if isinstance(widget, GovukDateWidget):
                    for sub in widget.widgets:
                        sub.attrs["class"] = sub.attrs.get("class", "") + " govuk-input--error"
                elif not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                    widget.attrs["class"] = widget.attrs.get("class", "") + {
                        "govuk-textarea": " govuk-textarea--error",
                        "govuk-select": " govuk-select--error",
                    }.get(widget.attrs.get("class", "").split(" ")[0], " govuk-input--error")

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the GOV.UK error summary, in field order."""
        items: list[tuple[str, str]] = []
        for name, errors in self.errors.items():
            if name == "__all__":
                items.extend(("", str(e)) for e in errors)
                continue
            field = self.fields[name]
            anchor = f"id_{self.add_prefix(name)}"
            if isinstance(field.widget, GovukDateWidget):
                anchor += "_day"
            elif isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor += "_0"
            items.extend((anchor, str(e)) for e in errors)
        return items

    def add_application_error(self, error: ApplicationError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)


class GovukForm(GovukFormMixin, forms.Form):
    """Base form for OpenSEND pages."""


def submit(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run a service for a valid form. An ApplicationError goes onto the form (the page shows it in
    the error summary, with what was typed) and the result is None."""
    if not form.is_valid():
        return None
    try:
        return action()
    except ApplicationError as error:
        form.add_application_error(error)  # type: ignore[attr-defined]
        return None
