"""Service navigation by role: each person sees links to what their roles can use."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from opensend.accounts.principal import Principal
from opensend.accounts.roles import Role


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool


def navigation_for(request: HttpRequest, principal: Principal | None) -> list[NavItem]:
    from opensend.accounts.policies import api_token_policy
    from opensend.children.policies import child_policy
    from opensend.notify.policies import notification_policy

    if principal is None or not principal.is_authenticated:
        return []
    items: list[tuple[str, str]] = [("Home", reverse("portal:home"))]
    if child_policy.can(principal, "list"):
        label = "My children" if principal.roles() <= {Role.PARENT_CARER, Role.YOUNG_PERSON} else "Children"
        if principal.roles() == {Role.YOUNG_PERSON}:
            label = "My record"
        items.append((label, reverse("children:list")))
    family_only = principal.roles() <= {Role.PARENT_CARER, Role.YOUNG_PERSON}
    if not family_only:
        from opensend.targeted.policies import outreach_policy, placement_policy

        if outreach_policy.can(principal, "list"):
            items.append(("Outreach", reverse("targeted:outreach-list")))
        elif outreach_policy.can(principal, "view_times"):
            items.append(("Outreach answer times", reverse("targeted:outreach-times")))
        if placement_policy.can(principal, "list"):
            items.append(("Alternative provision", reverse("targeted:placement-list")))
    items.append(("Timescales", reverse("rulebook:index")))
    if notification_policy.can(principal, "list"):
        items.append(("Notifications", reverse("notify:list")))
    if api_token_policy.can(principal, "list"):
        items.append(("API tokens", reverse("accounts:api-tokens")))
    if principal.has_role(Role.SYSTEM_ADMIN) and request.user.is_staff:
        items.append(("Administration", reverse("admin:index")))
    path = request.path
    return [
        NavItem(text, href, path == href or (href != "/" and path.startswith(href))) for text, href in items
    ]
