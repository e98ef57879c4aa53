"""The advice app's sections on casework's case pages: advice (staff and family) and messages (both)."""

from typing import Any

from django.http import HttpRequest

from opensend.access.principal import Principal
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.casework.sections import CaseSection, register

from . import selectors
from .forms import CompleteForm, MessageForm
from .policies import advice_policy

# Stages at which advice exists or can be asked for.
ADVICE_STAGES = frozenset(
    {
        Status.ASSESSING,
        Status.ADVICE_COMPLETE,
        Status.PANEL_ISSUE,
        Status.DRAFTING,
        Status.DECIDED_NOT_TO_ISSUE,
    }
)


def _shows_advice(case: AssessmentRequest) -> bool:
    return case.status in ADVICE_STAGES or case.advice_requests.exists()


def staff_advice(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    if not advice_policy.can(principal, "view_all", case) or not _shows_advice(case):
        return None
    return {
        "advice": selectors.case_advice(principal, case),
        "can_request": advice_policy.can(principal, "request", case),
        "complete_form": CompleteForm(initial={"version": case.version}),
    }


def family_advice(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    if not advice_policy.can(principal, "view_family", case) or not _shows_advice(case):
        return None
    return {"advice": selectors.case_advice(principal, case)}


def thread(request: HttpRequest, principal: Principal, case: AssessmentRequest) -> dict[str, Any] | None:
    if not advice_policy.can(principal, "message", case):
        return None
    family = not advice_policy.can(principal, "view_all", case)
    return {
        "thread": selectors.messages_for(principal, case),
        "message_form": MessageForm(),
        "family": family,
    }


def register_sections() -> None:
    register(CaseSection("advice", "staff", "advice/sections/staff_advice.html", staff_advice, order=40))
    register(CaseSection("advice", "family", "advice/sections/family_advice.html", family_advice, order=40))
    register(CaseSection("messages", "staff", "advice/sections/messages.html", thread, order=60))
    register(CaseSection("messages", "family", "advice/sections/messages.html", thread, order=60))
