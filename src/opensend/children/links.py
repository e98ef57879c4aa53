"""Links from a child's page to other apps' pages about that child.

Apps register a link (or a provider of several) in their AppConfig.ready(), so the child's page
needs to know nothing about them; each decides for whom it shows, using the app's own policy.
"""

import dataclasses
from collections.abc import Callable

from django.urls import reverse

from opensend.access.principal import Principal

from .models import Child

Provider = Callable[[Principal, Child], list[tuple[str, str]]]


@dataclasses.dataclass(frozen=True)
class ChildLink:
    """One link to `url_name` (reversed with the child's id) for those `shows_for` admits."""

    label: str
    url_name: str
    shows_for: Callable[[Principal, Child], bool]
    order: int = 100

    def __call__(self, principal: Principal, child: Child) -> list[tuple[str, str]]:
        if not self.shows_for(principal, child):
            return []
        return [(self.label, reverse(self.url_name, args=[child.pk]))]


_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(link: ChildLink) -> None:
    register_provider(link.url_name, link, order=link.order)


def register_provider(key: str, provider: Provider, *, order: int = 100) -> None:
    _PROVIDERS[key] = (order, provider)


def links_for(principal: Principal, child: Child) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for _, provider in sorted(_PROVIDERS.values(), key=lambda item: item[0]):
        links.extend(provider(principal, child))
    return links
