from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm

from opensend.core.forms import GovukForm, GovukFormMixin

from .models import User


class SignInForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )


class TokenForm(GovukForm):
    token = forms.RegexField(
        label="Security code",
        regex=r"^\s*\d{6}\s*$",
        help_text="The 6-digit code shown in your authenticator app",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-5",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": "Enter the 6-digit security code from your authenticator app",
            "invalid": "The security code must be 6 numbers",
        },
    )


class GovukPasswordResetForm(GovukFormMixin, PasswordResetForm):
    """Also for accounts that have no password yet: a manager who gives someone a role makes their
    account without one, and they set it here (ADR 0170)."""

    def get_users(self, email: str):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages = {
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        }
        self.style_fields()


class GovukSetPasswordForm(GovukFormMixin, SetPasswordForm):
    pass
