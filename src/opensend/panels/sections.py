"""The panel's sections on the casework pages: decisions for the family; decisions and scheduling
for the council's staff. Registered in PanelsConfig.ready()."""

from typing import Any

from django.http import HttpRequest

from opensend.access.principal import Principal
from opensend.casework.models import AssessmentRequest
from opensend.casework.sections import CaseSection

from . import selectors
from .codes import PANEL_STAGES
from .models import AgendaItem, Meeting
from .policies import decision_policy, meeting_policy


def family_context(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    if not decision_policy.can(principal, "view"):
        return None
    decisions = selectors.decisions_for_case(principal, case)
    return {"decisions": decisions} if decisions else None


def staff_context(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    if not decision_policy.can(principal, "view"):
        return None
    decisions = selectors.decisions_for_case(principal, case)
    meetings = meeting_policy.visible(principal, Meeting.objects.all())
    items = list(
        AgendaItem.objects.filter(case=case, meeting__in=meetings)
        .select_related("meeting")
        .order_by("-meeting__held_on", "-id")
    )
    can_schedule = case.status in PANEL_STAGES and meeting_policy.can(principal, "schedule")
    if not decisions and not items and not can_schedule:
        return None
    return {"decisions": decisions, "items": items, "can_schedule": can_schedule}


FAMILY_SECTION = CaseSection(
    key="panels", audience="family", template="panels/sections/family.html", context=family_context, order=20
)
STAFF_SECTION = CaseSection(
    key="panels", audience="staff", template="panels/sections/staff.html", context=staff_context, order=20
)
