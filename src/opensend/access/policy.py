"""The authorization framework: one policy per resource, default deny, and declared on every view.

A policy answers two questions in one place, so pages, lists and the API cannot disagree:
`can(principal, action, obj)` for one object, and `visible(principal, queryset)` for many.
Every view and API operation is wrapped by `policy_required`, `public` or `signed_in`, which
stamp `opensend_policy` on it; the URL sweep test fails for any view without one.
"""

import functools
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from opensend.access.principal import ANONYMOUS, Principal

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=Callable[..., Any])


class Policy:
    """Base class. Subclasses name their resource and actions and override `can` and `visible`."""

    resource: ClassVar[str] = ""
    actions: ClassVar[frozenset[str]] = frozenset()

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        return False

    def visible(self, principal: Principal, qs: "models.QuerySet[M]") -> "models.QuerySet[M]":
        return qs.none()

    def get_or_404(self, principal: Principal, action: str, qs: "models.QuerySet[M]", **lookup: Any) -> M:
        """Fetch and authorize in one call: missing and forbidden both raise the same Http404."""
        obj = self.visible(principal, qs).filter(**lookup).first()
        if obj is None or not self.can(principal, action, obj):
            raise Http404("Page not found")
        return obj


# Policies other layers may ask for by resource name, registered by their apps when Django starts
# (for example the child policy, which notify asks about notifications concerning a child), so that
# a lower layer never imports a domain app. Asking for one that is not registered is an error.
_REGISTERED: dict[str, Policy] = {}


def register_policy(policy: Policy) -> None:
    _REGISTERED[policy.resource] = policy


def policy_for(resource: str) -> Policy:
    try:
        return _REGISTERED[resource]
    except KeyError:
        raise LookupError(
            f"No policy is registered for {resource!r}: its app registers it in ready()"
        ) from None


def principal_of(request: HttpRequest) -> Principal:
    return getattr(request, "principal", ANONYMOUS)


def caller(request: HttpRequest) -> Principal:
    """In an API operation: the principal the API authenticated (bearer token or verified session)."""
    return request.auth  # type: ignore[attr-defined]


def _stamp(view: V, label: str) -> V:
    view.opensend_policy = label  # type: ignore[attr-defined]
    return view


def public(view: V) -> V:
    """Open to anyone, signed in or not. Only for pages with no personal data."""
    return _stamp(view, "public")


def signed_in(view: V) -> V:
    """Any signed-in person; what they then see is scoped by the selectors they call."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not principal_of(request).is_authenticated:
            return redirect_to_sign_in(request)
        return view(request, *args, **kwargs)

    return _stamp(wrapper, "signed_in")  # type: ignore[return-value]


def policy_required(policy: Policy, action: str) -> Callable[[V], V]:
    """The view may run only if the principal may do `action` on the resource at all.

    Object-level checks happen in the view through `policy.get_or_404`. A signed-in person
    without the role gets the same 404 as for a missing page.
    """
    if action not in policy.actions:
        raise ValueError(f"{type(policy).__name__} has no action {action!r}")

    def decorate(view: V) -> V:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            principal = principal_of(request)
            if not principal.is_authenticated:
                return redirect_to_sign_in(request)
            if not policy.can(principal, action, None):
                raise Http404("Page not found")
            return view(request, *args, **kwargs)

        return _stamp(wrapper, f"{policy.resource}:{action}")  # type: ignore[return-value]

    return decorate


def redirect_to_sign_in(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


__all__ = ["Policy", "policy_required", "principal_of", "public", "redirect", "signed_in"]
