"""The person's own account page: who they are, their roles, and their security codes (ADR 0171)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.access.policy import principal_of, signed_in
from opensend.core import clock
from opensend.core.errors import ApplicationError

from . import services
from .middleware import HAS_DEVICE
from .models import Membership


@signed_in
def account(request: HttpRequest, error: str = "") -> HttpResponse:
    principal = principal_of(request)
    user = principal.user
    assert user is not None
    roles = (
        Membership.objects.live(clock.today())
        .filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )
    return render(
        request,
        "accounts/account.html",
        {
            "account": user,
            "roles": roles,
            "has_codes": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "codes_required": services.two_factor_required(principal, user),
            "error": error,
        },
        status=400 if error else 200,
    )


@signed_in
@require_POST
def security_codes_off(request: HttpRequest) -> HttpResponse:
    try:
        services.two_factor_remove(by=principal_of(request))
    except ApplicationError as error:
        return account(request, error=error.message)
    request.session[HAS_DEVICE] = False
    messages.success(request, "Security codes are turned off. You will sign in with your password alone")
    return redirect("accounts:account")
