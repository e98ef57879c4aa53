"""Forms for the request pages (one question each) and the case page."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.rulebook.models import ExceptionKindChoice

from .codes import PrimaryNeed, RequestSource, Status

YES_NO = [("yes", "Yes"), ("no", "No")]
LONG_TEXT = 10_000


def _yes(value: str) -> bool:
    return value == "yes"


class ChildChoiceForm(GovukForm):
    child = forms.TypedChoiceField(
        label="Who is the request for?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the request is for"},
    )

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [(c.pk, c.full_name) for c in children]  # type: ignore[attr-defined]


class NeedsForm(GovukForm):
    reasons = forms.CharField(
        label="What are the child's needs, and why do you think they need an assessment?",
        help_text="For example, what they find hard at school or at home, and what has not worked",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Describe the child's needs and why an assessment is needed",
            "max_length": "Your answer must be 10,000 characters or fewer",
        },
    )


class SupportForm(GovukForm):
    support_so_far = forms.CharField(
        label="What help has the child had so far?",
        help_text="For example, SEN support at school, speech and language therapy, or help from a "
        "paediatrician. If there has been none, say so.",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Describe the help the child has had so far, or say there has been none",
            "max_length": "Your answer must be 10,000 characters or fewer",
        },
    )


class ViewsForm(GovukForm):
    family_views = forms.CharField(
        label="What would you like to happen? (optional)",
        help_text="The views and wishes of the child or young person and their family, and what they "
        "hope support will achieve",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"max_length": "Your answer must be 10,000 characters or fewer"},
    )


class CustodyForm(GovukForm):
    in_youth_accommodation = forms.TypedChoiceField(
        label="Is the child or young person in youth custody?",
        help_text="For example, a young offender institution or secure children's home",
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes if the child or young person is in youth custody"},
    )


class EvidenceForm(GovukForm):
    file = forms.FileField(
        label="Upload a file (optional)",
        help_text="Reports, letters or other evidence: PDF, Word (DOCX), JPG or PNG, smaller than 10MB",
        required=False,
    )


class ConsentForm(GovukForm):
    consent_given = forms.BooleanField(
        label="I agree that the council can ask for information and advice about the child from the "
        "people who know them",
        error_messages={"required": "You must agree before the request can be sent"},
    )


class SettingConsentForm(GovukForm):
    consent_given = forms.BooleanField(
        label="The parent or young person knows about this request and agrees to it",
        error_messages={"required": "The parent or young person must agree before the request is sent"},
    )


class RecordRequestForm(GovukForm):
    """LA staff recording a request that came by post, phone or email."""

    source = forms.TypedChoiceField(
        label="Who made the request?",
        choices=RequestSource.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who made the request"},
    )
    requester_name = forms.CharField(label="Name of the person who made it", max_length=200)
    received_on = GovukDateField(
        label="Date the council received it",
        label_noun="the date received",
        help_text="The statutory clock starts on this day. For example, 6 1 2026",
        error_messages={"required": "Enter the date the council received the request"},
    )
    reasons = NeedsForm.base_fields["reasons"]
    support_so_far = forms.CharField(
        label="Help the child has had so far (optional)",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    primary_need = forms.ChoiceField(
        label="Primary need, if known (optional)",
        choices=[("", "Not known yet"), *PrimaryNeed.choices],
        required=False,
    )
    in_youth_accommodation = CustodyForm.base_fields["in_youth_accommodation"]
    consent_given = forms.BooleanField(
        label="The parent or young person agrees to the request",
        error_messages={"required": "The parent or young person must agree before a request is recorded"},
    )


class TransitionForm(GovukForm):
    to = forms.ChoiceField(
        label="Move the case to",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage to move the case to"},
    )
    reason = forms.CharField(
        label="Reasons (needed for a decision not to assess or issue, a withdrawal or a move)",
        help_text="A decision not to assess or not to issue a plan sends the family a letter with these "
        "reasons, their right to appeal and how to get mediation",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    exported_to = forms.TypedChoiceField(
        label="Council the child moved to (only when moving to another council)",
        required=False,
        coerce=int,
        empty_value=None,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, stages: list[Status], councils: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s.value, s.label) for s in stages]  # type: ignore[attr-defined]
        self.fields["exported_to"].choices = [("", "Not moving"), *((c.pk, c.name) for c in councils)]  # type: ignore[attr-defined]


class AllocateForm(GovukForm):
    caseworker = forms.TypedChoiceField(label="Caseworker", coerce=int, required=False, empty_value=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, caseworkers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [  # type: ignore[attr-defined]
            ("", "Not allocated"),
            *((u.pk, u.full_name) for u in caseworkers),
        ]


class NoteForm(GovukForm):
    text = forms.CharField(
        label="Add a note",
        help_text="Only the council's staff see notes",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the note"},
    )


class ExceptionForm(GovukForm):
    kind = forms.ChoiceField(
        label="Exception",
        choices=[("", "Choose"), *ExceptionKindChoice.choices],
        error_messages={"required": "Choose the kind of exception"},
    )
    starts_on = GovukDateField(
        label="Start date",
        label_noun="the start date",
        help_text="For a closure, the day advice was asked of the setting",
        error_messages={"required": "Enter the start date"},
    )
    ends_on = GovukDateField(label="End date (optional)", label_noun="the end date", required=False)
    note = forms.CharField(label="Note (optional)", required=False, max_length=1000)


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a document",
        help_text="PDF, Word (DOCX), JPG or PNG, smaller than 10MB",
        error_messages={"required": "Choose a file to upload"},
    )
    description = forms.CharField(label="What is it? (optional)", required=False, max_length=200)
