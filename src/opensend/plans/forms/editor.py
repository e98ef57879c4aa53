"""The editor's forms (one per section or item kind) and the family's forms. Each carries the
version of the section it started from (ADR 0008)."""

from typing import Any

from django import forms

from opensend.core.forms import GovukDateField, GovukForm
from opensend.plans.render import AREA_LABELS, FUNDING_LABELS, PER_WORDS, PFA_LABELS

NO_CHOICE = [("", "Choose")]


class VersionedForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def content(self) -> dict[str, Any]:
        """The cleaned data as schema JSON (dates as ISO strings, blanks as None for numbers)."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in ("version", "completed"):
                continue
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            if (
                value == ""
                and isinstance(self.fields[name], forms.TypedChoiceField | forms.ChoiceField)
                and name in self.OPTIONAL_ENUMS
            ):
                value = None
            out[name] = value
        return out

    OPTIONAL_ENUMS: frozenset[str] = frozenset()


def _text(label: str, hint: str = "", rows: int = 5, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class SectionAForm(VersionedForm):
    about_me = _text("About me", "The child or young person's history, in their own words where possible")
    whats_important = _text("What is important to me")
    aspirations = _text(
        "My hopes and aspirations for the future", "Aspirations are not outcomes (Code of Practice 9.65)"
    )
    how_best_to_support = _text("How best to support me")
    communication = _text("How I communicate")


class CompletedForm(GovukForm):
    completed = forms.TypedChoiceField(
        label="Have you finished this section?",
        choices=[("yes", "Yes, I've completed this section"), ("no", "No, I'll come back to it later")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NeedForm(VersionedForm):
    OPTIONAL_ENUMS = frozenset({"area"})
    area = forms.ChoiceField(
        label="Broad area of need",
        choices=list(AREA_LABELS.items()),
        widget=forms.RadioSelect,
        required=False,
    )
    description = _text("Describe the need", "What the child finds hard, and what they can do", required=True)

    def __init__(self, *args: Any, with_area: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_area:
            del self.fields["area"]


class _Links(VersionedForm):
    def set_choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        if name in self.fields:
            self.fields[name].choices = choices  # type: ignore[attr-defined]


def _links(label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )


class OutcomeForm(_Links):
    OPTIONAL_ENUMS = frozenset({"pfa_area"})
    description = _text(
        "Outcome", "The difference it will make for the child: specific and measurable", required=True
    )
    measure = _text("How we will know it has been achieved", rows=3)
    by_date = GovukDateField(
        label="Achieved by", label_noun="the date", required=False, help_text="For example, 31 7 2027"
    )
    need_ids = _links("Which needs does this outcome meet?")
    pfa_area = forms.ChoiceField(
        label="Preparing for adulthood (Year 9 onwards)",
        choices=NO_CHOICE + list(PFA_LABELS.items()),
        required=False,
    )


class ProvisionForm(_Links):
    OPTIONAL_ENUMS = frozenset({"per", "funding"})
    what = _text("What the provision is", "Say exactly what will be provided", required=True)
    delivered_by = forms.CharField(label="Who delivers it", required=False, max_length=300)
    qualification = forms.CharField(
        label="Their qualification or level of expertise", required=False, max_length=300
    )
    group_size = forms.IntegerField(
        label="Group size", help_text="1 for one to one", required=False, min_value=1, max_value=60
    )
    sessions = forms.IntegerField(label="Number of sessions", required=False, min_value=1, max_value=50)
    per = forms.ChoiceField(
        label="Per",
        choices=NO_CHOICE + [(k, v.removeprefix("a ")) for k, v in PER_WORDS.items()],
        required=False,
    )
    minutes = forms.IntegerField(label="Minutes per session", required=False, min_value=1, max_value=1440)
    weeks_per_year = forms.IntegerField(label="Weeks per year", required=False, min_value=1, max_value=52)
    starts_on = GovukDateField(label="Starts on", required=False, label_noun="the start date")
    ends_on = GovukDateField(label="Ends on", required=False, label_noun="the end date")
    funding = forms.ChoiceField(
        label="Funded by", choices=NO_CHOICE + list(FUNDING_LABELS.items()), required=False
    )
    need_ids = _links("Which needs does it meet?")
    outcome_ids = _links("Which outcomes does it work towards?")


class AgreementForm(VersionedForm):
    commissioning_body = forms.CharField(
        label="Commissioning body", help_text="For example, North Central London ICB", max_length=300
    )
    agreed_by = forms.CharField(label="Agreed by (name and role)", max_length=300)
    agreed_on = GovukDateField(label="Agreed on", label_noun="the date it was agreed")


class TargetsForm(VersionedForm):
    short_term_targets = _text("Arrangements for setting shorter-term targets", rows=4)


class SectionIForm(VersionedForm):
    name = forms.CharField(
        label="Name of the school, college or other setting", required=False, max_length=300
    )
    setting_type = forms.CharField(label="Type of setting", required=False, max_length=300)
    urn = forms.CharField(label="URN", help_text="6 or 7 digits", required=False, max_length=7)
    ukprn = forms.CharField(label="UKPRN", help_text="8 digits, for colleges", required=False, max_length=8)
    sen2_setting_code = forms.CharField(label="SEN2 setting code", required=False, max_length=10)


class SectionJForm(VersionedForm):
    personal_budget_requested = forms.BooleanField(
        label="A personal budget has been requested", required=False
    )
    annual_amount_gbp = forms.IntegerField(label="Personal budget per year (£)", required=False, min_value=0)
    arrangements = _text("Arrangements", "How the budget is managed and what it pays for", rows=4)


class DirectPaymentForm(_Links):
    description = _text("What the direct payment secures", required=True, rows=3)
    annual_amount_gbp = forms.IntegerField(label="Amount per year (£)", required=False, min_value=0)
    provision_ids = _links("Which provision does it pay for?")
    need_ids = _links("Which needs does it meet?")
    outcome_ids = _links("Which outcomes does it work towards?")


class AdviceForm(VersionedForm):
    advice_type = forms.CharField(label="Type of advice", max_length=300)
    given_by = forms.CharField(label="Given by", max_length=300)
    given_on = GovukDateField(label="Date", required=False)
    reference = forms.CharField(label="Reference", required=False, max_length=300)


ITEM_FORMS: dict[str, type[VersionedForm]] = {
    "b": NeedForm,
    "c": NeedForm,
    "d": NeedForm,
    "e": OutcomeForm,
    "f": ProvisionForm,
    "g": ProvisionForm,
    "h1": ProvisionForm,
    "h2": ProvisionForm,
    "j": DirectPaymentForm,
    "k": AdviceForm,
}
# Sections whose own (non-list) fields are edited on the section page.
SECTION_FORMS: dict[str, type[VersionedForm]] = {
    "a": SectionAForm,
    "e": TargetsForm,
    "g": AgreementForm,
    "i": SectionIForm,
    "j": SectionJForm,
}


class CommentForm(GovukForm):
    text = forms.CharField(label="Your comments", widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000)


class AskForm(GovukForm):
    text = forms.CharField(
        label="Anything you want to add (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
    )


class SettingForm(GovukForm):
    text = forms.CharField(label="Name of the school or college", max_length=300)


class FinalForm(GovukForm):
    confirm = forms.BooleanField(label="I have checked the plan and the family's comments", required=True)
