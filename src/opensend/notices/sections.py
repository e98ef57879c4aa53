"""Where notices show elsewhere: a "Decision letters" section on the case pages (staff and family)
and a link from the child's page to all their letters. Registered in NoticesConfig.ready()."""

from typing import Any

from django.http import HttpRequest

from opensend.access.principal import Principal
from opensend.casework.models import AssessmentRequest
from opensend.casework.sections import CaseSection
from opensend.children.links import ChildLink
from opensend.children.models import Child

from . import selectors
from .policies import notice_policy


def case_context(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    if not notice_policy.can(principal, "view"):
        return None
    notices = selectors.notices_for_case(principal, case)
    return {"notices": notices} if notices else None


FAMILY_SECTION = CaseSection(
    key="notices", audience="family", template="notices/sections/case.html", context=case_context, order=15
)
STAFF_SECTION = CaseSection(
    key="notices", audience="staff", template="notices/sections/case.html", context=case_context, order=15
)


def _shows_for(principal: Principal, child: Child) -> bool:
    return notice_policy.can(principal, "view")


CHILD_LINK = ChildLink(label="Decision letters", url_name="notices:child", shows_for=_shows_for, order=40)
