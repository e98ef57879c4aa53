from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, object]:
    from opensend.portal.navigation import navigation_for

    principal = getattr(request, "principal", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "service_navigation": navigation_for(request, principal),
        "principal": principal,
    }
