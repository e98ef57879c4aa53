"""SEN2 code lists and the case's stages, as stored values."""

from django.db import models


class RequestSource(models.IntegerChoices):
    """SEN2 `RequestSource` (mandatory from the 2026 return)."""

    FAMILY = 1, "Young person or parent"
    SETTING = 2, "School or other education setting"
    HEALTH = 3, "Health care professional"
    SOCIAL_CARE = 4, "Social care professional"
    OTHER = 5, "Other"


class RequestOutcome(models.TextChoices):
    """SEN2 `RequestOutcome`: the decision whether to assess."""

    YES = "Y", "The council is carrying out an assessment"
    NO = "N", "The council decided not to assess"
    AWAITING = "A", "Decision not yet made"
    WITHDRAWN = "W", "Withdrawn or ended before the decision to assess"
    HISTORICAL = "H", "Decided before the latest collection period"


class AssessmentOutcome(models.TextChoices):
    """SEN2 `AssessmentOutcome`: the decision whether to issue a plan. Blank until an assessment starts."""

    YES = "Y", "A plan will be issued"
    NO = "N", "A plan will not be issued"
    AWAITING = "A", "Decision not yet made"
    WITHDRAWN = "W", "Withdrawn or ended before the decision to issue"
    HISTORICAL = "H", "Decided before the latest collection period"
    OTHER_LA = "S", "Plan issued after an assessment by another council"


class PrimaryNeed(models.TextChoices):
    """School census / SEN2 `SENtype`."""

    SPLD = "SPLD", "Specific learning difficulty"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    SLCN = "SLCN", "Speech, language and communication needs"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Vision impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    ASD = "ASD", "Autistic spectrum disorder"
    DS = "DS", "Down syndrome"
    OTH = "OTH", "Other difficulty"


class Status(models.TextChoices):
    """Where a case is. The allowed moves are in `workflow.TRANSITIONS`.

    The panel sits twice, for two different decisions, so it is two stages: that keeps the table
    able to refuse "decided to assess" straight into "drafting" (ADR 0061).
    """

    RECEIVED = "received", "Request received"
    CONSIDERING = "considering", "Considering whether to assess"
    PANEL_ASSESS = "panel_assess", "At panel: whether to assess"
    ASSESSING = "assessing", "Assessing"
    DECIDED_NOT_TO_ASSESS = "decided_not_to_assess", "Decided not to assess"
    ADVICE_COMPLETE = "advice_complete", "Advice complete"
    PANEL_ISSUE = "panel_issue", "At panel: whether to issue a plan"
    DRAFTING = "drafting", "Drafting the plan"
    DECIDED_NOT_TO_ISSUE = "decided_not_to_issue", "Decided not to issue a plan"
    PLAN_ISSUED = "plan_issued", "Plan issued"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPORTED = "exported", "Moved to another council"
