"""Sections other apps add to the case page (staff) and the family's case page.

Panels (decisions and letters), advice (requests and contributions) and messages live in their own
apps; each registers a `CaseSection` in its AppConfig.ready(), so the casework templates need no
knowledge of them. A section's `context` returns None when it has nothing to show this person.
"""

import dataclasses
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from opensend.access.principal import Principal

from .models import AssessmentRequest

Audience = Literal["staff", "family"]


@dataclasses.dataclass(frozen=True)
class CaseSection:
    key: str
    audience: Audience
    template: str
    context: Callable[[HttpRequest, Principal, AssessmentRequest], dict[str, Any] | None]
    order: int = 100


_SECTIONS: dict[tuple[str, str], CaseSection] = {}


def register(section: CaseSection) -> None:
    _SECTIONS[(section.key, section.audience)] = section


def render_sections(
    request: HttpRequest, principal: Principal, case: AssessmentRequest, audience: Audience
) -> list[SafeString]:
    """Each registered section's HTML for this person, in order; empty sections are left out."""
    out = []
    for section in sorted(
        (s for s in _SECTIONS.values() if s.audience == audience), key=lambda s: (s.order, s.key)
    ):
        context = section.context(request, principal, case)
        if context is None:
            continue
        out.append(render_to_string(section.template, {"case": case, **context}, request=request))
    return [SafeString(html) for html in out]
