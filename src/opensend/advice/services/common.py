"""Helpers shared by the advice services: who to tell, and the links they follow."""

from typing import Any

from django.urls import reverse

from opensend.accounts.models import Membership, User
from opensend.accounts.roles import Role
from opensend.advice.models import AdviceRequest
from opensend.advice.policies import ADVISER_ROLES
from opensend.casework.models import AssessmentRequest
from opensend.casework.notifications import family_of
from opensend.core import clock
from opensend.notify.services import notify


def la_contacts(case: AssessmentRequest) -> list[User]:
    """The allocated caseworker, or else the council's SEND managers."""
    if case.caseworker_id is not None and case.caseworker is not None and case.caseworker.is_active:
        return [case.caseworker]
    return [
        m.user
        for m in Membership.objects.live(clock.today())
        .filter(organisation_id=case.local_authority_id, role=Role.LA_SEND_MANAGER, user__is_active=True)
        .select_related("user")
    ]


def advisers_of(request: AdviceRequest) -> list[User]:
    """The named adviser, or everyone with an adviser's role at the organisation asked."""
    if request.adviser is not None:
        return [request.adviser]
    members = (
        Membership.objects.live(clock.today())
        .filter(organisation_id=request.organisation_id, role__in=ADVISER_ROLES, user__is_active=True)
        .select_related("user")
    )
    return list({m.user.pk: m.user for m in members}.values())


def staff_case_link(case: AssessmentRequest, anchor: str = "") -> str:
    return reverse("casework:case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def family_case_link(case: AssessmentRequest, anchor: str = "") -> str:
    return reverse("casework:family-case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def tell(
    users: list[User], *, kind: str, context: dict[str, Any], link: str, case: AssessmentRequest
) -> None:
    for user in users:
        notify(to=user, kind=kind, context=context, link=link, child=case.child)


__all__ = ["advisers_of", "family_case_link", "family_of", "la_contacts", "staff_case_link", "tell"]
