"""The advice types of Regulation 6(1), the four broad areas of need, and the school year rule."""

import datetime as dt

from django.db import models


class AdviceType(models.TextChoices):
    """Regulation 6(1)(a)-(h): the advice and information a council must seek."""

    PARENT = "parent", "Parent or young person"
    EDUCATIONAL = "educational", "Educational"
    MEDICAL = "medical", "Medical (health)"
    PSYCHOLOGICAL = "psychological", "Psychological"
    SOCIAL_CARE = "social_care", "Social care"
    PREPARING_FOR_ADULTHOOD = "preparing_for_adulthood", "Preparing for adulthood (Year 9 and above)"
    SENSORY = "sensory", "Sensory teacher (hearing, vision or multi-sensory impairment)"
    YOUTH_OFFENDING = "youth_offending", "Youth offending team"
    OTHER = "other", "Other"


class NeedArea(models.TextChoices):
    """The four broad areas of need (SEND Code of Practice 6.28-6.35)."""

    COGNITION = "cognition", "Cognition and learning"
    COMMUNICATION = "communication", "Communication and interaction"
    SEMH = "semh", "Social, emotional and mental health"
    SENSORY_PHYSICAL = "sensory_physical", "Sensory and/or physical"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Received"
    CANCELLED = "cancelled", "Cancelled"


class AdviceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


PFA_FROM_YEAR = 9


def school_year(date_of_birth: dt.date, on: dt.date) -> int:
    """The England national curriculum year a child of this age is in on `on` (Reception is 0).

    A school year runs from 1 September. A child is in Year N in the year that starts on the first
    1 September after they turn N + 4, so the year group is their age on the 31 August before the
    school year starts, minus 4. Year 9 is the school year starting the 1 September after they turn 13.
    """
    start = on.year if (on.month, on.day) >= (9, 1) else on.year - 1
    eve = dt.date(start, 8, 31)
    age = eve.year - date_of_birth.year - ((eve.month, eve.day) < (date_of_birth.month, date_of_birth.day))
    return age - 4


def types_offered(date_of_birth: dt.date, on: dt.date) -> list[AdviceType]:
    """Every advice type, without preparing for adulthood before Year 9 (Regulation 6(1)(f))."""
    year = school_year(date_of_birth, on)
    return [t for t in AdviceType if t != AdviceType.PREPARING_FOR_ADULTHOOD or year >= PFA_FROM_YEAR]
