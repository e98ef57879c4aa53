"""Every write of accounts: memberships, API tokens, two-factor devices, sign-in bookkeeping."""

from .memberships import membership_change, membership_end, membership_grant, system_admin_bootstrap
from .privileges import managers_of, system_administrators, tell_managers
from .tokens import SCOPES, api_token_authenticate, api_token_create, api_token_revoke
from .two_factor import (
    totp_device_for_enrolment,
    two_factor_confirm,
    two_factor_remove,
    two_factor_required,
    two_factor_reset,
)

__all__ = [
    "SCOPES",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "managers_of",
    "membership_change",
    "membership_end",
    "membership_grant",
    "system_admin_bootstrap",
    "system_administrators",
    "tell_managers",
    "totp_device_for_enrolment",
    "two_factor_confirm",
    "two_factor_remove",
    "two_factor_required",
    "two_factor_reset",
]
