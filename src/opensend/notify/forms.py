from typing import Any

from django import forms

from opensend.core.forms import GovukForm

from . import registry


class PreferencesForm(GovukForm):
    """One checkbox per category that can be switched off. Mandatory ones are shown, not posted."""

    email = forms.MultipleChoiceField(
        label="Which emails do you want to get?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email_field = self.fields["email"]
        assert isinstance(email_field, forms.MultipleChoiceField)
        email_field.choices = [(c.id, c.label) for c in registry.CATEGORIES.values() if not c.mandatory]
        email_field.error_messages["invalid_choice"] = "Choose from the categories of email listed"

    def chosen(self) -> dict[str, bool]:
        picked = set(self.cleaned_data["email"])
        return {c.id: c.id in picked for c in registry.CATEGORIES.values() if not c.mandatory}
