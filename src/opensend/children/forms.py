from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from opensend.accounts.models import Organisation
from opensend.core.forms import GovukDateField, GovukForm

from .codes import Ethnicity, FamilyRelationship, Sex, UpnUnknown
from .identifiers import normalise_postcode, validate_nhs_number, validate_uln, validate_upn


class ChildForm(GovukForm):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    middle_names = forms.CharField(label="Middle names (optional)", max_length=200, required=False)
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    preferred_name = forms.CharField(
        label="Name they like to be called (optional)", max_length=100, required=False
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        label_noun="date of birth",
        help_text="For example, 27 3 2015",
        error_messages={
            "required": "Enter the child's date of birth",
            "incomplete": "Date of birth must include a day, month and year",
        },
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the child's sex"},
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=Ethnicity.choices,
        initial=Ethnicity.NOBT,
        help_text="As recorded by the school (Common Basic Data Set codes)",
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)",
        required=False,
        max_length=20,
        help_text="13 characters, for example H801200001001",
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    uln = forms.CharField(
        label="Unique learner number (ULN) (optional)",
        required=False,
        max_length=20,
        help_text="10 numbers, used in further education",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    upn_unknown = forms.ChoiceField(
        label="If there is no UPN or ULN, why not?",
        required=False,
        choices=[("", "The child has a UPN or ULN"), *UpnUnknown.choices],
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        required=False,
        max_length=20,
        help_text="10 numbers, for example 485 777 3456",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    address_line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    address_line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(
        label="Town or city",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    current_setting = forms.TypedChoiceField(
        label="Current school, college or setting", required=False, coerce=int, empty_value=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, settings_qs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings_qs = settings_qs if settings_qs is not None else Organisation.objects.none()
        self.fields["current_setting"].choices = [  # type: ignore[attr-defined]
            ("", "Not in a setting, or not known"),
            *((o.pk, o.name) for o in settings_qs),
        ]
        self._settings = {o.pk: o for o in settings_qs}

    def _validated(self, name: str, validator: Any) -> str:
        value = self.cleaned_data.get(name, "")
        if not value:
            return ""
        try:
            return str(validator(value))
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean_upn(self) -> str:
        return self._validated("upn", validate_upn)

    def clean_uln(self) -> str:
        return self._validated("uln", validate_uln)

    def clean_nhs_number(self) -> str:
        return self._validated("nhs_number", validate_nhs_number)

    def clean_postcode(self) -> str:
        return self._validated("postcode", normalise_postcode)

    def clean_current_setting(self) -> Organisation | None:
        value = self.cleaned_data.get("current_setting")
        return self._settings.get(value) if value else None

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class FamilyLinkForm(GovukForm):
    email = forms.EmailField(
        label="Email address of the parent or carer's account",
        error_messages={
            "required": "Enter the email address of the parent or carer's account",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=FamilyRelationship.choices,
        error_messages={"required": "Choose their relationship to the child"},
    )
    has_parental_responsibility = forms.TypedChoiceField(
        label="Do they have parental responsibility?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        help_text="Only people with parental responsibility can see the child's record",
        error_messages={"required": "Choose whether they have parental responsibility"},
    )


class InvolvementForm(GovukForm):
    email = forms.EmailField(
        label="Email address of the professional",
        error_messages={
            "required": "Enter the professional's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    organisation = forms.TypedChoiceField(
        label="Their organisation", coerce=int, error_messages={"required": "Choose their organisation"}
    )
    reason = forms.CharField(
        label="Why they need access",
        max_length=200,
        help_text="For example, speech and language therapy advice for the EHC needs assessment",
        error_messages={"required": "Enter why they need access"},
    )
    valid_to = GovukDateField(
        label="Access ends on",
        label_noun="the end date",
        help_text="At most one year from today",
        error_messages={"required": "Enter the date access ends"},
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "Choose"), *((o.pk, o.name) for o in organisations)]  # type: ignore[attr-defined]


class YoungPersonLinkForm(GovukForm):
    email = forms.EmailField(
        label="Email address of the young person's account",
        error_messages={
            "required": "Enter the email address of the young person's account",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
