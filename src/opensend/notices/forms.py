"""The council details form: one group of fields per service the letters name, then the Local Offer.
The service checks the values (`services.council_details_save`); the form only carries them."""

from typing import Any

from django import forms

from opensend.core.forms import GovukForm

from .models import CONTACTS, ContactSpec

PARTS = {
    "name": ("Name", 200),
    "telephone": ("Telephone", 40),
    "email": ("Email address", 254),
    "website": ("Website", 200),
}


class CouncilDetailsForm(GovukForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    local_offer_url = forms.CharField(
        label="Web address of the Local Offer",
        help_text="Where families read about the schools and colleges available (regulation 13(1)(b)). "
        "Every letter gives it.",
        required=False,
        max_length=200,
    )
    schools_information = forms.CharField(
        label="Anything else families should know about finding a school or college (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contacts: dict[str, forms.Field] = {}
        for spec in CONTACTS:
            for part in self.parts(spec):
                label, length = PARTS[part]
                widget: forms.Widget = forms.TextInput()
                if part == "email":
                    widget = forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"})
                elif part == "telephone":
                    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})
                contacts[f"{spec.prefix}_{part}"] = forms.CharField(
                    label=label, required=False, max_length=length, widget=widget
                )
        self.fields = {**contacts, **self.fields}
        self.style_fields()

    @staticmethod
    def parts(spec: ContactSpec) -> list[str]:
        return ["name", "telephone", "email", *(["website"] if spec.website else [])]

    def groups(self) -> list[tuple[ContactSpec, list[forms.BoundField]]]:
        """Each service with its bound fields, for one fieldset each on the page."""
        return [(spec, [self[f"{spec.prefix}_{part}"] for part in self.parts(spec)]) for spec in CONTACTS]

    def values(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}
