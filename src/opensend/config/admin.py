"""The Django admin is for system administrators only: staff flag, a live system-admin membership
and a verified second factor. It holds organisations, people and tokens, not children's records."""

from django.contrib import admin
from django.http import HttpRequest

from opensend.accounts.roles import Role


def _has_permission(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff and user.is_verified()):  # type: ignore[attr-defined]
        return False
    return request.principal.has_role(Role.SYSTEM_ADMIN)  # type: ignore[attr-defined]


def install_admin_site() -> None:
    admin.site.has_permission = _has_permission  # type: ignore[method-assign]
    admin.site.site_header = "OpenSEND administration"
    admin.site.site_title = "OpenSEND administration"
    admin.site.login = _admin_login  # type: ignore[method-assign]


def _admin_login(request: HttpRequest, extra_context: object = None):
    from django.contrib.auth.views import redirect_to_login
    from django.http import Http404

    if request.user.is_authenticated:
        raise Http404("Page not found")
    return redirect_to_login(request.get_full_path())
