"""The next phase of education (regulation 18), recorded on the plan as `next_phase`."""

from django.db import models


class Phase(models.TextChoices):
    """The next phase of education, and which rule (P1, P2, P3) sets the date the plan must be ready."""

    SCHOOL = "school", "Early years to school"
    JUNIOR = "junior", "Infant to junior school"
    SECONDARY = "secondary", "Primary or middle to secondary school"
    MIDDLE = "middle", "Primary to middle school"
    POST16 = "post16", "Secondary school to a post-16 institution"
    POST16_OTHER = "post16_other", "Between post-16 institutions"


PHASE_RULES = {
    Phase.SCHOOL: "P1",
    Phase.JUNIOR: "P1",
    Phase.SECONDARY: "P1",
    Phase.MIDDLE: "P1",
    Phase.POST16: "P2",
    Phase.POST16_OTHER: "P3",
}
