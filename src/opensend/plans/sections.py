"""What the plans app adds to the case pages and the child's page (registered in `apps.py`); the
reads are the selectors'."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from opensend.access.principal import Principal
from opensend.casework.models import AssessmentRequest
from opensend.children.models import Child

from . import selectors


def staff_context(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    return selectors.case_section_staff(principal, case)


def family_context(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    return selectors.case_section_family(principal, case)


def child_links(principal: Principal, child: Child) -> list[tuple[str, str]]:
    if not selectors.child_has_plans(principal, child):
        return []
    return [("EHC plans", reverse("plans:child", args=[child.pk]))]
