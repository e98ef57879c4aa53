"""Links from a child's page to other apps' pages about that child.

Apps register a link in their AppConfig.ready(), so the child's page needs to know nothing about
them; each link says for whom it shows, using the app's own policy.
"""

import dataclasses
from collections.abc import Callable

from django.urls import reverse

from opensend.accounts.principal import Principal

from .models import Child


@dataclasses.dataclass(frozen=True)
class ChildLink:
    label: str
    url_name: str
    shows_for: Callable[[Principal, Child], bool]
    order: int = 100


_LINKS: list[ChildLink] = []


def register(link: ChildLink) -> None:
    if any(existing.url_name == link.url_name for existing in _LINKS):
        return
    _LINKS.append(link)
    _LINKS.sort(key=lambda item: (item.order, item.label))


def links_for(principal: Principal, child: Child) -> list[tuple[str, str]]:
    return [
        (link.label, reverse(link.url_name, args=[child.pk]))
        for link in _LINKS
        if link.shows_for(principal, child)
    ]
