import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.access import audit
from opensend.access.models import AuditAction
from opensend.access.policy import principal_of, public
from opensend.access.principal import principal_for_user
from opensend.core.errors import ApplicationError
from opensend.core.middleware import client_ip

from . import services, throttle
from .forms import GovukPasswordResetForm, GovukSetPasswordForm, SignInForm, TokenForm
from .middleware import HAS_DEVICE, SIGNED_OUT_REASON

# One message for an unknown email and a wrong password, so that nobody can learn who has an account.
SIGN_IN_FAILED = "Enter a correct email address and password. Both may be case-sensitive"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return str(reverse_lazy("portal:home"))


def _wait_words(seconds: int) -> str:
    return "1 second" if seconds == 1 else f"{seconds} seconds"


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = client_ip(request)
        verdict = throttle.check(address)
        if not verdict.allowed:
            # The password is not checked at all, so waiting costs a guesser time and nobody their account.
            form.add_error(
                None,
                "Too many sign-ins have failed from your network. "
                f"Wait {_wait_words(verdict.wait_seconds)}, then try again",
            )
            status = 429
        else:
            user = authenticate(
                request,
                email=form.cleaned_data["email"].strip().lower(),
                password=form.cleaned_data["password"],
            )
            if user is None:
                throttle.record_failure(address)
                form.add_error(None, SIGN_IN_FAILED)
            else:
                login(request, user)
                audit.record(principal_for_user(user), AuditAction.SIGNED_IN, obj=user)
                # Anyone who has set up security codes is asked for one (families choose to; ADR 0171).
                request.session[HAS_DEVICE] = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
                request.session["next"] = _next_url(request)
                return redirect(request.session["next"])
    signed_out_for = request.session.pop(SIGNED_OUT_REASON, "") if request.method == "GET" else ""
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "next": request.GET.get("next", ""),
            "session_ended": signed_out_for == "limit",
            "session_hours": settings.SESSION_ABSOLUTE_SECONDS // 3600,
        },
        status=status,
    )


@public
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """The second step for staff: a TOTP code. Without a device yet, enrolment comes first."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign-in")
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect("portal:home")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two-factor-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "token", "Too many wrong codes in a row. Wait a minute, then enter the newest code"
            )
        elif device.verify_token(form.cleaned_data["token"].strip()):
            otp_login(request, device)
            return redirect(request.session.pop("next", None) or "portal:home")
        else:
            form.add_error(
                "token", "That security code did not work. Enter the newest code from your authenticator app"
            )
    return render(request, "accounts/two_factor.html", {"form": form})


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@public
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign-in")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:two-factor")
    device = services.totp_device_for_enrolment(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_confirm(user=user, device=device, token=form.cleaned_data["token"])
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            otp_login(request, device)
            messages.success(request, "Two-factor authentication is set up")
            return redirect(request.session.pop("next", None) or "portal:home")
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": services.two_factor_required(principal_of(request), user),
            "is_staff": principal_of(request).is_staff_user,
        },
    )


@public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    if principal.is_authenticated:
        audit.record(principal, AuditAction.SIGNED_OUT, obj=request.user)  # type: ignore[arg-type]
    logout(request)
    return redirect("accounts:signed-out")


@public
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        form_class=GovukPasswordResetForm,
        success_url=reverse_lazy("accounts:password-reset-sent"),
    )
)
password_reset_sent = public(
    auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_sent.html",
    )
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=GovukSetPasswordForm,
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html",
    )
)
