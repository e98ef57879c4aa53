"""Forms for a plan in force: reviews, amendments, ceasing and its appeal, phase transfers,
re-assessment and transfers between councils."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.plans.models import AppealOutcome, CeaseReason, Phase, ReviewOutcome


def _text(
    label: str, hint: str = "", rows: int = 5, required: bool = True, missing: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing or f"Enter {label[0].lower()}{label[1:]}"},
    )


def _date(label: str, noun: str, **kwargs: Any) -> GovukDateField:
    return GovukDateField(
        label=label, label_noun=noun, error_messages={"required": f"Enter {noun}"}, **kwargs
    )


class ScheduleForm(GovukForm):
    meeting_on = _date(
        "Date of the review meeting",
        "the date of the meeting",
        help_text="For example, 27 3 2026. Advice will be due 2 weeks before.",
    )


class ContributionForm(GovukForm):
    text = _text("Your views or advice", "What is going well, what is not, and what should change", rows=8)


class MeetingForm(GovukForm):
    held_on = _date("Date the meeting was held", "the date the meeting was held")
    attendees = _text("Who came", "Names and roles", rows=3)
    views = _text("Views of the child or young person and the family", required=False)
    recommendations = _text(
        "The meeting's recommendations", "Including any changes to the plan and any disagreements"
    )


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(
        label="What has the council decided?",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to keep, change or stop the plan"},
    )
    reasons = _text("Reasons for the decision", "The family will read these")
    cease_reason = forms.TypedChoiceField(
        label="If the plan will stop: why (SEN2 reason)",
        choices=[("", "Choose"), *[(c.value, c.label) for c in CeaseReason if c != CeaseReason.TRANSFERRED]],
        coerce=int,
        empty_value=None,
        required=False,
    )


class ConfirmForm(GovukForm):
    confirm = forms.BooleanField(
        label="I have checked the plan and the family's comments",
        error_messages={"required": "Confirm you have checked the plan and the family's comments"},
    )


class TransferForm(GovukForm):
    to_la: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Council the child has moved to",
        queryset=None,
        empty_label="Choose a council",
    )
    aware_on = GovukDateField(
        label="Date the council found out about the move", label_noun="the date the council found out"
    )
    moved_on = GovukDateField(
        label="Date of the move (if known)", label_noun="the date of the move", required=False
    )

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_la"].queryset = councils  # type: ignore[attr-defined]


class PhaseForm(GovukForm):
    next_phase = forms.ChoiceField(
        label="Next phase of education", choices=Phase.choices, widget=forms.RadioSelect
    )
    transfer_on = _date("Date of the move", "the date of the move")


class CeaseForm(GovukForm):
    cease_reason = forms.TypedChoiceField(
        label="Why will the plan stop?",
        choices=[("", "Choose"), *[(c.value, c.label) for c in CeaseReason if c != CeaseReason.TRANSFERRED]],
        coerce=int,
        empty_value=None,
        error_messages={"required": "Choose why the plan will stop"},
    )
    reasons = _text("Reasons for the decision", "The family will read these")


class AppealLodgedForm(GovukForm):
    lodged_on = _date(
        "Date the family lodged the appeal",
        "the date the appeal was lodged",
        help_text="The date the Tribunal received it. For example, 27 3 2026.",
    )


class AppealConcludedForm(GovukForm):
    outcome = forms.ChoiceField(
        label="How did the appeal end?",
        choices=AppealOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the appeal ended"},
    )
    concluded_on = _date("Date the appeal ended", "the date the appeal ended")


class TransferCancelForm(GovukForm):
    reason = _text(
        "Why is the transfer cancelled?",
        "For example, the family did not move, or the plan was sent to the wrong council",
        rows=3,
        missing="Enter why the transfer is cancelled",
    )


class FamilyToldForm(GovukForm):
    told_on = _date(
        "Date the council wrote to the family",
        "the date the family was told",
        help_text="The letter saying this council holds the plan, whether it will re-assess and when it "
        "will review the plan (regulation 15(4)).",
    )


class ReassessForm(GovukForm):
    notified_on = _date(
        "Date the council told the family it would re-assess",
        "the date the family was told",
        help_text="The amended plan is due 14 weeks from this date (RA2).",
    )
