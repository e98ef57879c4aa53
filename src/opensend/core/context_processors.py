from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def service(request: HttpRequest) -> dict[str, object]:
    from opensend.portal.navigation import navigation_for

    principal = getattr(request, "principal", None)
    try:
        rules_url = reverse("rulebook:index")
    except NoReverseMatch:
        rules_url = "/rules/"
    return {
        "rules_url": rules_url,
        "service_name": settings.SERVICE_NAME,
        "service_navigation": navigation_for(request, principal),
        "principal": principal,
    }
