"""The plans' forms: the editor's and the family's (`editor`), and those for a plan in force
(`in_force`)."""

from .editor import (
    ITEM_FORMS,
    SECTION_FORMS,
    AskForm,
    CommentForm,
    CompletedForm,
    FinalForm,
    NeedForm,
    SettingForm,
    VersionedForm,
)
from .in_force import (
    AppealConcludedForm,
    AppealLodgedForm,
    CeaseForm,
    ConfirmForm,
    ContributionForm,
    DecisionForm,
    FamilyToldForm,
    MeetingForm,
    PhaseForm,
    ReassessForm,
    ScheduleForm,
    TransferCancelForm,
    TransferForm,
)

__all__ = [
    "ITEM_FORMS",
    "SECTION_FORMS",
    "AppealConcludedForm",
    "AppealLodgedForm",
    "AskForm",
    "CeaseForm",
    "CommentForm",
    "CompletedForm",
    "ConfirmForm",
    "ContributionForm",
    "DecisionForm",
    "FamilyToldForm",
    "FinalForm",
    "MeetingForm",
    "NeedForm",
    "PhaseForm",
    "ReassessForm",
    "ScheduleForm",
    "SettingForm",
    "TransferCancelForm",
    "TransferForm",
    "VersionedForm",
]
