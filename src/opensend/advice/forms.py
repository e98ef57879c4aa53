"""The advice app's forms (GOV.UK styling from core.forms)."""

from typing import Any

from django import forms

from opensend.accounts.models import Membership, Organisation
from opensend.core.forms import GovukDateField, GovukForm

from .codes import AdviceType, NeedArea
from .services import AdviceContent

PROVISION_ROWS = 5


class RequestAdviceForm(GovukForm):
    advice_type = forms.ChoiceField(
        label="Type of advice",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of advice"},
    )
    adviser = forms.ChoiceField(
        label="Who to ask",
        help_text="A named person, or an organisation if you do not know who will give the advice",
        error_messages={"required": "Choose a person or an organisation to ask"},
    )
    question = forms.CharField(
        label="What should the advice cover?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Say what you would like the adviser to cover"},
    )

    def __init__(
        self,
        *args: Any,
        types: list[AdviceType],
        memberships: list[Membership],
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advice_type"].choices = [(t.value, t.label) for t in types]  # type: ignore[attr-defined]
        people = [
            (f"m{m.pk}", f"{m.user.full_name}, {m.get_role_display()}, {m.organisation.name}")
            for m in memberships
        ]
        places = [(f"o{o.pk}", f"{o.name} (anyone there)") for o in organisations]
        self.fields["adviser"].choices = [("", "Choose"), ("People", people), ("Organisations", places)]  # type: ignore[attr-defined]


class ReuseForm(GovukForm):
    advice_type = forms.ChoiceField(
        label="Type of advice it covers",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of advice"},
    )
    source = forms.ChoiceField(
        label="Existing advice or document",
        required=False,
        help_text=(
            "Advice already given through OpenSEND, or a document on the case. "
            "Leave as “Described below” otherwise"
        ),
    )
    source_description = forms.CharField(
        label="Describe the existing advice",
        help_text=(
            "Who gave it, what it is and when, for example "
            "“Educational psychology report, Dr A Patel, 3 November 2025”"
        ),
        max_length=300,
        error_messages={"required": "Describe the existing advice: who gave it, what it is and when"},
    )
    family_agreed_by = forms.CharField(
        label="Who agreed for the family",
        max_length=200,
        error_messages={"required": "Enter the name of the person who agreed for the family"},
    )
    family_agreed_on = GovukDateField(
        label="Date the family agreed",
        label_noun="the date the family agreed",
        error_messages={"required": "Enter the date the family agreed"},
    )
    adviser_agreed_by = forms.CharField(
        label="Who agreed for the adviser",
        help_text="The person who gave the advice",
        max_length=200,
        error_messages={"required": "Enter the name of the adviser who agreed"},
    )
    adviser_agreed_on = GovukDateField(
        label="Date the adviser agreed",
        label_noun="the date the adviser agreed",
        error_messages={"required": "Enter the date the adviser agreed"},
    )
    la_agreed_on = GovukDateField(
        label="Date the council agreed",
        label_noun="the date the council agreed",
        error_messages={"required": "Enter the date the council agreed"},
    )

    def __init__(
        self, *args: Any, types: list[AdviceType], sources: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advice_type"].choices = [(t.value, t.label) for t in types]  # type: ignore[attr-defined]
        self.fields["source"].choices = [("", "Described below"), *sources]  # type: ignore[attr-defined]


class AdviceForm(GovukForm):
    """The adviser's structured advice, with up to five rows of provision and an optional document."""

    needs_cognition = forms.CharField(
        label=NeedArea.COGNITION.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )
    needs_communication = forms.CharField(
        label=NeedArea.COMMUNICATION.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )
    needs_semh = forms.CharField(
        label=NeedArea.SEMH.label, required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )
    needs_sensory_physical = forms.CharField(
        label=NeedArea.SENSORY_PHYSICAL.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )
    outcomes = forms.CharField(
        label="Suggested outcomes",
        help_text="One outcome on each line: what the child should be able to do, and by when",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
    )
    document = forms.FileField(
        label="Upload your advice as a document (optional)",
        help_text="A PDF or Word document (DOCX), smaller than 10MB",
        required=False,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = [("", "Choose"), *NeedArea.choices]
        for i in range(PROVISION_ROWS):
            self.fields[f"p{i}_area"] = forms.ChoiceField(label="Area of need", choices=areas, required=False)
            self.fields[f"p{i}_what"] = forms.CharField(label="What", required=False, max_length=500)
            self.fields[f"p{i}_who"] = forms.CharField(
                label="Who provides it", required=False, max_length=500
            )
            self.fields[f"p{i}_how_often"] = forms.CharField(
                label="How often", required=False, max_length=500
            )
            self.fields[f"p{i}_how_long"] = forms.CharField(
                label="For how long", required=False, max_length=500
            )
        self.style_fields()

    def provision_rows(self) -> list[list[Any]]:
        return [
            [self[f"p{i}_{k}"] for k in ("area", "what", "who", "how_often", "how_long")]
            for i in range(PROVISION_ROWS)
        ]

    def content(self) -> AdviceContent:
        data = self.cleaned_data
        return AdviceContent(
            needs_cognition=data["needs_cognition"],
            needs_communication=data["needs_communication"],
            needs_semh=data["needs_semh"],
            needs_sensory_physical=data["needs_sensory_physical"],
            outcomes=data["outcomes"],
            provision=[
                {k: data[f"p{i}_{k}"] for k in ("area", "what", "who", "how_often", "how_long")}
                for i in range(PROVISION_ROWS)
            ],
        )

    @staticmethod
    def initial_for(advice: Any) -> dict[str, Any]:
        if advice is None:
            return {}
        initial: dict[str, Any] = {
            name: getattr(advice, name)
            for name in (
                "needs_cognition",
                "needs_communication",
                "needs_semh",
                "needs_sensory_physical",
                "outcomes",
                "version",
            )
        }
        for i, row in enumerate(advice.provision[:PROVISION_ROWS]):
            for key, value in row.items():
                initial[f"p{i}_{key}"] = value
        return initial


class CancelForm(GovukForm):
    reason = forms.CharField(
        label="Why is the request cancelled?",
        max_length=1000,
        error_messages={"required": "Say why the request is cancelled"},
    )


class MessageForm(GovukForm):
    body = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write your message"},
    )


class CompleteForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
