"""Code lists for SEN support: School Census SENprovision and SENtype, the four broad areas of need
(Code of Practice 6.28-6.35), and the kinds of early identification a setting records."""

from django.db import models


class BroadArea(models.TextChoices):
    COGNITION_LEARNING = "cognition_learning", "Cognition and learning"
    COMMUNICATION_INTERACTION = "communication_interaction", "Communication and interaction"
    SEMH = "semh", "Social, emotional and mental health"
    SENSORY_PHYSICAL = "sensory_physical", "Sensory and/or physical needs"


class Provision(models.TextChoices):
    """School Census `SENprovision`. N (no SEN) is the absence of a register entry."""

    SEN_SUPPORT = "K", "SEN support"
    EHC_PLAN = "E", "Education, health and care plan"


class NeedCode(models.TextChoices):
    """School Census `SENtype` (with DS, Down syndrome, from 2025 and NSA for SEN support only)."""

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
    NSA = "NSA", "SEN support but no specialist assessment of type of need"


# NSA is a census code for SEN support (K) only, and never a secondary need.
NSA_ONLY_WITH = Provision.SEN_SUPPORT


class ConcernKind(models.TextChoices):
    PROGRESS_CHECK_TWO = "progress_check_two", "Progress check at age two"
    RECEPTION_BASELINE = "reception_baseline", "Reception baseline"
    SETTING_SCREENING = "setting_screening", "The setting's own screening"
    PARENT_CONCERN = "parent_concern", "A parent or carer raised a concern"
    OTHER = "other", "Other"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    ESCALATED = "escalated", "Moved to SEN support"
    CLOSED = "closed", "Closed"


class SupportPlanStatus(models.TextChoices):
    ACTIVE = "active", "In place"
    CLOSED = "closed", "Finished"


class Progress(models.TextChoices):
    NOT_YET = "not_yet", "Not started yet"
    SOME = "some", "Some progress"
    GOOD = "good", "Good progress"
    ACHIEVED = "achieved", "Achieved"


class NextStep(models.TextChoices):
    CONTINUE = "continue", "Carry on with this plan"
    NEW_CYCLE = "new_cycle", "Start a new cycle with a new plan"
    REQUEST_ASSESSMENT = "request_assessment", "Ask the council for an EHC needs assessment"
    END_SUPPORT = "end_support", "SEN support is no longer needed"


# After these, the plan's cycle is over: it is closed.
CLOSING_STEPS = frozenset({NextStep.NEW_CYCLE, NextStep.END_SUPPORT})


class SencoQualification(models.TextChoices):
    NPQ_SENCO = "npq_senco", "National professional qualification (NPQ) for SENCos"
    NASENCO = "nasenco", "National Award for SEN Co-ordination (NASENCO)"
    NONE_YET = "none_yet", "None yet"
