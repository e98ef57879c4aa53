"""Small request helpers shared by every app's views."""

from django.http import HttpRequest


def page_number(request: HttpRequest) -> int:
    """The `page` query parameter as a page number; anything that is not a positive number is page 1."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1
