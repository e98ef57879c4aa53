from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm

from . import oap
from .codes import BroadArea, ConcernKind, NeedCode, NextStep, Progress, Provision, SencoQualification

UNKNOWN_NEED = "Choose a need type the school census knows"


def _date(
    label: str, noun: str, missing: str, hint: str = "For example, 27 3 2025", **kw: Any
) -> GovukDateField:
    return GovukDateField(
        label=label,
        label_noun=noun,
        help_text=hint,
        error_messages={
            "required": missing,
            "incomplete": f"{noun.capitalize()} must include a day, month and year",
        },
        **kw,
    )


def _text(
    label: str, required: str | None, *, rows: int = 4, hint: str = "", max_length: int = 4000
) -> forms.CharField:
    return forms.CharField(
        label=label if required else f"{label} (optional)",
        required=bool(required),
        help_text=hint,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required or ""},
    )


def _need(label: str, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        choices=[("", "Choose" if required else "None")]
        + [(c, f"{c}: {label_}") for c, label_ in NeedCode.choices],
        help_text="School census SEN type" if required else "",
        error_messages={"required": "Choose the child's primary need", "invalid_choice": UNKNOWN_NEED},
    )


class ChildChoiceMixin:
    fields: dict[str, forms.Field]

    def set_children(self, children: Any) -> None:
        self.fields["child"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a child"),
            *((c.pk, f"{c.last_name}, {c.first_name}") for c in children),
        ]


class ConcernForm(ChildChoiceMixin, GovukForm):
    child = forms.TypedChoiceField(label="Child", coerce=int, error_messages={"required": "Choose the child"})
    kind = forms.ChoiceField(
        label="What kind of concern or check is it?",
        choices=ConcernKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of concern or check this is"},
    )
    observed_on = _date("When was it noticed?", "the date it was noticed", "Enter the date it was noticed")
    areas = forms.MultipleChoiceField(
        label="Areas of need observed",
        choices=BroadArea.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Choose at least one area of need"},
    )
    summary = _text("What was noticed", "Describe what was noticed")
    raised_by = forms.CharField(
        label="Who noticed it",
        max_length=200,
        help_text="For example, class teacher, or the child's mother",
        error_messages={"required": "Enter who noticed it"},
    )


class EscalateForm(GovukForm):
    primary_need = _need("Primary need", True)
    secondary_need = _need("Secondary need (optional)", False)
    starts_on = _date("SEN support starts on", "the start date", "Enter the date SEN support starts")


class RegisterEntryForm(ChildChoiceMixin, GovukForm):
    child = forms.TypedChoiceField(label="Child", coerce=int, error_messages={"required": "Choose the child"})
    provision = forms.ChoiceField(
        label="Provision",
        choices=[(c, f"{label} ({c})") for c, label in Provision.choices],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose SEN support (K) or EHC plan (E)",
            "invalid_choice": "Choose SEN support (K) or EHC plan (E)",
        },
    )
    primary_need = _need("Primary need", True)
    secondary_need = _need("Secondary need (optional)", False)
    starts_on = _date("Start date", "the start date", "Enter the date the child went on the register")


class EndEntryForm(GovukForm):
    ends_on = _date("End date", "the end date", "Enter the date the child came off the register")
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanForm(GovukForm):
    starts_on = _date("Plan starts on", "the start date", "Enter the date the plan starts")
    review_due_on = _date(
        "Review by",
        "the review date",
        "Enter the date the plan will be reviewed",
        hint="Usually about a term after it starts. For example, 15 12 2025",
    )
    areas = forms.MultipleChoiceField(
        label="Areas of need",
        choices=BroadArea.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Choose at least one area of need"},
    )
    needs = _text(
        "What the child needs (assess)",
        "Describe the child's needs",
        rows=6,
        hint="What the assessment found: strengths, difficulties and what helps",
    )
    family_views = _text("The family's views", None)
    child_views = _text("The child's views", None, hint="In their own words where you can")


class OutcomeForm(GovukForm):
    area = forms.ChoiceField(
        label="Area of need", widget=forms.RadioSelect, error_messages={"required": "Choose an area of need"}
    )
    description = _text(
        "Outcome",
        "Describe the outcome",
        rows=3,
        hint="What the child will be able to do. For example, read 20 common words on sight",
    )
    target_on = _date(
        "Achieve by", "the target date", "Enter the date by which the outcome should be achieved"
    )

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a, BroadArea(a).label) for a in areas]  # type: ignore[attr-defined]
        if len(areas) == 1:  # one area of need: nothing to choose
            self.fields["area"].initial = areas[0]


class ProvisionForm(GovukForm):
    area = forms.ChoiceField(
        label="Area of need", widget=forms.RadioSelect, error_messages={"required": "Choose an area of need"}
    )
    oap_ref = forms.ChoiceField(
        label="Is it ordinarily available provision?",
        required=False,
        help_text="What every mainstream setting is expected to provide. Choose “Beyond” for anything more",
    )
    what = _text("What will be done", "Enter what will be done", rows=3)
    who = forms.CharField(
        label="Who will do it", max_length=200, error_messages={"required": "Enter who will do it"}
    )
    how_often = forms.CharField(
        label="How often",
        max_length=100,
        help_text="For example, 3 times a week for 20 minutes",
        error_messages={"required": "Enter how often"},
    )
    how_long = forms.CharField(
        label="For how long",
        max_length=100,
        help_text="For example, 10 weeks",
        error_messages={"required": "Enter for how long"},
    )
    cost_pounds = forms.DecimalField(
        label="Cost in pounds",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "required": "Enter the cost, or 0",
            "invalid": "Cost must be a number, like 120 or 45.50",
            "min_value": "The cost must be 0 or more",
            "max_decimal_places": "Cost must be in pounds and pence, like 45.50",
        },
    )

    def __init__(self, *args: Any, areas: list[str], items: list[oap.OapItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a, BroadArea(a).label) for a in areas]  # type: ignore[attr-defined]
        if len(areas) == 1:  # one area of need: nothing to choose
            self.fields["area"].initial = areas[0]
        groups = oap.by_area([i for i in items if i.area == oap.ALL_AREAS or i.area in areas])
        self.fields["oap_ref"].choices = [  # type: ignore[attr-defined]
            ("", "Beyond ordinarily available provision"),
            *(
                (label, [(i.ref, i.title + (" (local)" if i.local else "")) for i in rows])
                for label, rows in groups
            ),
        ]


class ReviewForm(GovukForm):
    reviewed_on = _date("Date of the review", "the review date", "Enter the date of the review")
    summary = _text("What the review found", "Summarise what the review found", rows=4)
    family_views = _text("The family's views", None)
    child_views = _text("The child's views", None)
    next_step = forms.ChoiceField(
        label="What happens next",
        choices=NextStep.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens next"},
    )

    def __init__(self, *args: Any, outcomes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_fields: list[tuple[Any, str, str]] = []
        new_fields: dict[str, forms.Field] = {"reviewed_on": self.fields.pop("reviewed_on")}
        for outcome in outcomes:
            rating, note = f"outcome_{outcome.pk}", f"note_{outcome.pk}"
            new_fields[rating] = forms.ChoiceField(
                label=f"Progress: {outcome.description}",
                choices=Progress.choices,
                widget=forms.RadioSelect,
                help_text=f"To achieve by {outcome.target_on.day} {outcome.target_on:%B %Y}",
                error_messages={"required": f"Choose the progress towards “{outcome.description[:60]}”"},
            )
            new_fields[note] = _text("Notes on this outcome", None, rows=2)
            self.outcome_fields.append((outcome, rating, note))
        new_fields.update(self.fields)
        self.fields = new_fields
        self.style_fields()

    def progress(self) -> dict[int, tuple[str, str]]:
        return {o.pk: (self.cleaned_data[r], self.cleaned_data.get(n, "")) for o, r, n in self.outcome_fields}


class SencoForm(GovukForm):
    name = forms.CharField(
        label="SENCo's name", max_length=200, error_messages={"required": "Enter the SENCo's name"}
    )
    qualification = forms.ChoiceField(
        label="Qualification",
        choices=SencoQualification.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the SENCo's qualification"},
    )
    achieved_on = _date(
        "Date achieved",
        "the date achieved",
        "",
        required=False,
        hint="Leave empty if none yet. For example, 1 7 2024",
    )


class LocalProvisionForm(GovukForm):
    area = forms.ChoiceField(
        label="Area of need",
        choices=[(oap.ALL_AREAS, "Every area of need"), *BroadArea.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an area of need"},
    )
    title = forms.CharField(
        label="What is provided", max_length=200, error_messages={"required": "Enter what is provided"}
    )
    description = _text("Description", None, rows=3)


class LaViewFilterForm(forms.Form):
    setting = forms.TypedChoiceField(label="Setting", required=False, coerce=int, empty_value=None)
    need = forms.ChoiceField(label="Primary need", required=False, choices=[("", "Any"), *NeedCode.choices])
    provision = forms.ChoiceField(
        label="Provision",
        required=False,
        choices=[("K", "SEN support (K)"), ("E", "EHC plan (E)"), ("all", "Both")],
    )

    def __init__(self, *args: Any, settings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = [("", "Any"), *((s.pk, s.name) for s in settings)]  # type: ignore[attr-defined]
