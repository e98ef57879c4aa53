"""Service navigation by role: each person sees links to what their roles can use."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from opensend.access.principal import Principal
from opensend.accounts.roles import FAMILY_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool


def navigation_for(request: HttpRequest, principal: Principal | None) -> list[NavItem]:
    if principal is None or not principal.is_authenticated:
        return []
    items = [("Home", reverse("portal:home"))]
    if principal.roles() <= FAMILY_ROLES:
        items += _family_items(principal)
    else:
        items += _staff_items(request, principal)
    path = request.path
    return [
        NavItem(text, href, path == href or (href != "/" and path.startswith(href))) for text, href in items
    ]


def _family_items(principal: Principal) -> list[tuple[str, str]]:
    from opensend.casework.policies import case_policy
    from opensend.children.policies import child_policy
    from opensend.notify.policies import notification_policy

    items = []
    if child_policy.can(principal, "list"):
        label = "My record" if principal.roles() == {Role.YOUNG_PERSON} else "My children"
        items.append((label, reverse("children:list")))
    if case_policy.can(principal, "view_family"):
        items.append(("Assessment requests", reverse("casework:family-list")))
    if notification_policy.can(principal, "list"):
        items.append(("Notifications", reverse("notify:list")))
    items.append(("Timescales", reverse("rulebook:index")))
    return items


def _staff_items(request: HttpRequest, principal: Principal) -> list[tuple[str, str]]:
    from opensend.accounts.policies import api_token_policy, membership_policy
    from opensend.advice.policies import advice_policy
    from opensend.casework.policies import case_policy
    from opensend.children.policies import child_policy
    from opensend.notices.policies import council_details_policy
    from opensend.notify.policies import notification_policy
    from opensend.panels.policies import meeting_policy
    from opensend.plans.policies import plan_policy
    from opensend.support.policies import register_policy
    from opensend.targeted.policies import outreach_policy, placement_policy

    items = []
    if child_policy.can(principal, "list"):
        items.append(("Children", reverse("children:list")))
    if case_policy.can(principal, "list"):
        items.append(("Cases", reverse("casework:desk")))
    if meeting_policy.can(principal, "list"):
        items.append(("Panels", reverse("panels:home")))
    if plan_policy.can(principal, "report"):
        items.append(("Plans", reverse("plans:list")))
    if advice_policy.can(principal, "contribute"):
        items.append(("Advice requested", reverse("advice:mine")))
    if principal.has_role(Role.SENCO) or register_policy.can(principal, "la_view"):
        items.append(("SEN support", reverse("support:home")))
    if outreach_policy.can(principal, "list"):
        items.append(("Outreach", reverse("targeted:outreach-list")))
    elif outreach_policy.can(principal, "view_times"):
        items.append(("Outreach answer times", reverse("targeted:outreach-times")))
    if placement_policy.can(principal, "list"):
        items.append(("Alternative provision", reverse("targeted:placement-list")))
    items.append(("Timescales", reverse("rulebook:index")))
    if notification_policy.can(principal, "list"):
        items.append(("Notifications", reverse("notify:list")))
    if council_details_policy.can(principal, "edit"):
        items.append(("Council details", reverse("notices:council-details-home")))
    if membership_policy.can(principal, "list"):
        items.append(("People and roles", reverse("accounts:people-home")))
    if api_token_policy.can(principal, "list"):
        items.append(("API tokens", reverse("accounts:api-tokens")))
    if principal.has_role(Role.SYSTEM_ADMIN) and request.user.is_staff:
        items.append(("Administration", reverse("admin:index")))
    return items
