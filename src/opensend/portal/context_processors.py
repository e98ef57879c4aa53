"""What every page's layout needs: the service name, the signed-in principal and their navigation.

It lives in the portal, beside the navigation it builds, because the navigation links to every
app: the core kernel must not import them (docs/architecture.md, the import contract)."""

from django.conf import settings
from django.http import HttpRequest

from .navigation import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    principal = getattr(request, "principal", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "service_navigation": navigation_for(request, principal),
        "principal": principal,
    }
