"""Forms for the panel pages. Each re-renders with what was typed when it is wrong."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm

from .codes import NATIONAL_MINIMUM_AGENCIES, Agency, Question

EXTRA_AGENCIES = [(a.value, a.label) for a in Agency if a.value not in NATIONAL_MINIMUM_AGENCIES]


def _number(label: str, help_text: str, error: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": error, "invalid": error, "min_value": error, "max_value": error},
    )


class PanelForm(GovukForm):
    name = forms.CharField(
        label="Name of the panel", max_length=200, error_messages={"required": "Enter the panel's name"}
    )
    chair = forms.TypedChoiceField(
        label="Chair",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="The chair records attendance and decisions. Add members first, then choose the chair.",
    )
    extra_agencies = forms.MultipleChoiceField(
        label="Quorum: also require a member from",
        help_text="Every meeting needs at least one member each from education, health and social care, "
        "and the chair. You can ask for more.",
        choices=EXTRA_AGENCIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quorum_min_members = _number(
        "Quorum: least number of members present (0 for no number)",
        "Including the chair",
        "Enter a number from 0 to 30",
    )
    papers_days_after = _number(
        "Days after a meeting that members can still read its papers",
        "Members see a case's papers from when the agenda is published until this many days after "
        "the meeting",
        "Enter a number of days from 0 to 30",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = [("", "No chair yet")] + [  # type: ignore[attr-defined]
            (m.user_id, f"{m.user.full_name} ({m.get_agency_display()})") for m in members
        ]


class MemberAddForm(GovukForm):
    user = forms.TypedChoiceField(
        label="Person", coerce=int, error_messages={"required": "Choose the person to add"}
    )
    agency = forms.ChoiceField(
        label="Which agency do they speak for?",
        choices=Agency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the agency the member speaks for"},
    )

    def __init__(self, *args: Any, people: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose a person")] + [  # type: ignore[attr-defined]
            (u.pk, f"{u.full_name} ({u.email})") for u in people
        ]


class MeetingForm(GovukForm):
    held_on = GovukDateField(
        label="Date of the meeting",
        label_noun="the date of the meeting",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date of the meeting"},
    )
    location = forms.CharField(
        label="Where (optional)", max_length=200, required=False, help_text="A room, or 'Online'"
    )


class AgendaAddForm(GovukForm):
    case = forms.TypedChoiceField(
        label="Case to add",
        coerce=int,
        error_messages={"required": "Choose a case to add to the agenda"},
    )

    def __init__(self, *args: Any, cases: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "Choose a case")] + [  # type: ignore[attr-defined]
            (c.pk, f"{c.reference} {c.child.full_name} ({c.get_status_display()})") for c in cases
        ]


class ScheduleForm(GovukForm):
    meeting = forms.TypedChoiceField(
        label="Which meeting?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the meeting"},
    )

    def __init__(self, *args: Any, meetings: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [  # type: ignore[attr-defined]
            (m.pk, f"{m.held_on:%-d %B %Y}{f', {m.location}' if m.location else ''}") for m in meetings
        ]


class AttendanceForm(GovukForm):
    present = forms.TypedMultipleChoiceField(
        label="Who is at the meeting?",
        help_text="Select everyone present. Quorum needs the chair and at least one member each from "
        "education, health and social care.",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Any = (), chair_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [  # type: ignore[attr-defined]
            (
                m.user_id,
                f"{m.user.full_name}, {m.get_agency_display().lower()}"
                + (" (chair)" if m.user_id == chair_id else ""),
            )
            for m in members
        ]


DECISION_LABELS = {
    Question.ASSESS: (("yes", "Carry out an EHC needs assessment"), ("no", "Do not carry out an assessment")),
    Question.ISSUE: (("yes", "Issue an EHC plan"), ("no", "Do not issue an EHC plan")),
}


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="The panel's decision",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the panel's decision"},
    )
    reasons = forms.CharField(
        label="Reasons",
        help_text="Write in plain English: the family will read these in the decision letter.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Give the reasons for the decision: the family will read them",
            "max_length": "The reasons must be 5,000 characters or fewer",
        },
    )
    supersedes = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, question: str = Question.ASSESS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = DECISION_LABELS[Question(question)]  # type: ignore[attr-defined]
