"""The panel's stored values: agencies, the two questions a panel answers, and their outcomes."""

from django.db import models

from opensend.casework.codes import Status
from opensend.core import letters


class Agency(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"
    OTHER = "other", "Other"


# The national minimum (issue 5, SEND Review 2022): one member each from these, and the chair.
NATIONAL_MINIMUM_AGENCIES: frozenset[str] = frozenset({Agency.EDUCATION, Agency.HEALTH, Agency.SOCIAL_CARE})


class Question(models.TextChoices):
    ASSESS = "assess", "whether to carry out an EHC needs assessment"
    ISSUE = "issue", "whether to issue an EHC plan"


# The case stage at which the panel answers each question.
QUESTION_AT: dict[str, Question] = {Status.PANEL_ASSESS: Question.ASSESS, Status.PANEL_ISSUE: Question.ISSUE}
PANEL_STAGES: frozenset[str] = frozenset(QUESTION_AT)

# (question, yes?) -> the case stage the decision moves to; each is in casework.workflow.DECISIONS.
OUTCOME_STATUS: dict[tuple[str, bool], Status] = {
    (Question.ASSESS, True): Status.ASSESSING,
    (Question.ASSESS, False): Status.DECIDED_NOT_TO_ASSESS,
    (Question.ISSUE, True): Status.DRAFTING,
    (Question.ISSUE, False): Status.DECIDED_NOT_TO_ISSUE,
}
# Refusals are the appealable decisions (CFA s.51): their letter is the statutory notice
# (opensend.notices), written by the move itself (casework.workflow.NOTICE_KINDS).
APPEALABLE: frozenset[Status] = frozenset({Status.DECIDED_NOT_TO_ASSESS, Status.DECIDED_NOT_TO_ISSUE})


# Letters and notices share one PDF status (opensend.core.letters).
PdfStatus = letters.PdfStatus
