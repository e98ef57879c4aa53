"""The public deadline calculator: choose a rule, type the date(s) it counts from."""

import datetime as dt
from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm

from .rules import RuleSet


class CalculatorForm(GovukForm):
    rule = forms.ChoiceField(
        label="Which time limit",
        error_messages={
            "required": "Choose a time limit",
            "invalid_choice": "Choose a time limit from the list",
        },
    )
    trigger = GovukDateField(
        label="Date it counts from",
        label_noun="the date it counts from",
        help_text="For example, the day the council received the request, written as 6 1 2025",
        error_messages={"required": "Enter the date it counts from"},
    )
    second = GovukDateField(
        label="Second date (only for T1 and X3)",
        label_noun="the second date",
        required=False,
        help_text=(
            "T1: the date the mediation certificate was issued. X3: the day the plan transferred to the "
            "new council."
        ),
    )

    def __init__(self, *args: Any, rule_set: RuleSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rule_set = rule_set
        field = self.fields["rule"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a time limit")] + [
            (rule.id, f"{rule.id}: {rule.title}") for rule in rule_set
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule_id, second = data.get("rule"), data.get("second")
        if rule_id and "second" not in self.errors:
            rule = self.rule_set.rule(rule_id)
            if rule.is_later_of and second is None:
                self.add_error(
                    "second", f"Enter the second date: {rule.id} counts from {rule.counts[1].trigger_label}"
                )
            elif not rule.is_later_of and isinstance(second, dt.date):
                self.add_error("second", f"{rule.id} counts from one date only: leave the second date empty")
        return data


class ClosureForm(GovukForm):
    starts_on = GovukDateField(
        label="First day closed",
        label_noun="the first day closed",
        help_text="For example, 22 7 2026",
        error_messages={"required": "Enter the first day the setting is closed"},
    )
    ends_on = GovukDateField(
        label="Last day closed",
        label_noun="the last day closed",
        help_text="The setting reopens the next working day",
        error_messages={"required": "Enter the last day the setting is closed"},
    )
    description = forms.CharField(
        label="What is it (optional)",
        required=False,
        max_length=200,
        help_text="For example, summer holiday",
    )
