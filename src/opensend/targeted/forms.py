"""GOV.UK forms for targeted help and alternative provision. Messages match the services' words."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm

from .models import AnswerKind, APTier, OutreachService, PlacementOutcome, ReviewDecision, Urgency


def _text(label: str, required: str | None = None, help_text: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required is not None,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required} if required else {},
        max_length=10_000,
    )


class VersionedForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OutreachRequestForm(GovukForm):
    service = forms.ChoiceField(
        label="Which service are you asking?",
        choices=OutreachService.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which service you are asking"},
    )
    service_other = forms.CharField(
        label="If other, which service? (optional)",
        required=False,
        max_length=100,
        help_text="For example, the sensory support team",
    )
    question = _text(
        "What would you like help with?",
        "Enter what you would like the service to help with",
        help_text="The question you want answered about the child's needs",
    )
    tried = _text(
        "What has the setting already tried?",
        "Enter what the setting has already tried",
        help_text="Support put in place, for how long, and what difference it made",
    )
    urgency = forms.ChoiceField(
        label="How urgent is this?",
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how urgent the request is"},
    )


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Will the service take this request on?",
        choices=[("accept", "Accept"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or decline the request"},
    )
    reason = _text(
        "Reasons or notes",
        help_text="Needed when you decline: say why, and where else the setting could turn",
        rows=4,
    )


class AnswerForm(VersionedForm):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=AnswerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you are giving advice or recording a visit"},
    )
    visited_on = GovukDateField(
        label="Date of the visit (if you visited)",
        label_noun="the date of the visit",
        required=False,
        help_text="For example, 27 3 2026",
    )
    answer = _text("Advice", "Enter the advice", help_text="What the setting should do next, and why", rows=8)


class WithdrawForm(VersionedForm):
    reason = _text("Why are you withdrawing the request? (optional)", rows=3)


class ReferralForm(GovukForm):
    tier = forms.ChoiceField(
        label="Tier of alternative provision",
        choices=APTier.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the tier of alternative provision"},
    )
    purpose = _text(
        "Purpose of the placement",
        "Enter the purpose of the placement",
        help_text="What the placement is for and what it should achieve",
    )
    provider = forms.TypedChoiceField(
        label="Provider",
        coerce=int,
        help_text="A pupil referral unit, alternative provision academy or other setting",
        error_messages={"required": "Choose the provider from the list"},
    )
    start_on = GovukDateField(
        label="Start date",
        label_noun="the start date",
        help_text="For example, 6 1 2026",
        error_messages={"required": "Enter the start date"},
    )
    planned_end_on = GovukDateField(
        label="Planned end date",
        label_noun="the planned end date",
        error_messages={"required": "Enter the planned end date"},
    )

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", "Choose a provider"), *((o.pk, o.name) for o in providers)]  # type: ignore[attr-defined]


class StartForm(VersionedForm):
    started_on = GovukDateField(
        label="Date the placement started",
        label_noun="the start date",
        error_messages={"required": "Enter the date the placement started"},
    )


class ReviewForm(VersionedForm):
    reviewed_on = GovukDateField(
        label="Date of the review",
        label_noun="the date of the review",
        error_messages={"required": "Enter the date of the review"},
    )
    progress = _text("Progress", "Enter the progress the child has made")
    decision = forms.ChoiceField(
        label="What happens next?",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens next"},
    )
    new_planned_end_on = GovukDateField(
        label="New planned end date (if extending)",
        label_noun="the new planned end date",
        required=False,
    )


class EndForm(VersionedForm):
    ended_on = GovukDateField(
        label="Date the placement ended",
        label_noun="the end date",
        error_messages={"required": "Enter the date the placement ended"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=PlacementOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the placement"},
    )
    outcome_setting = forms.TypedChoiceField(
        label="Setting the child went to (for a return to mainstream or an onward placement)",
        coerce=int,
        required=False,
        empty_value=None,
    )
    outcome_notes = _text("Notes (needed for any other outcome)", rows=3)

    def __init__(self, *args: Any, settings_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["outcome_setting"]
        field.choices = [("", "Choose a setting"), *((o.pk, o.name) for o in settings_qs)]


class CancelForm(VersionedForm):
    reason = _text("Why is the referral cancelled?", "Enter why the referral is cancelled", rows=3)


class PeriodForm(GovukForm):
    since = GovukDateField(label="From", label_noun="the start of the period")
    until = GovukDateField(label="To", label_noun="the end of the period")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end of the period must be on or after its start")
        return data
