from django.db import models


class AccountsAudit(models.TextChoices):
    """Audit actions of accounts beyond the first ones kept in `access.models.AuditAction`."""

    MEMBERSHIP_GRANTED = "membership.granted", "Gave someone a role"
    MEMBERSHIP_CHANGED = "membership.changed", "Changed when someone's role ends"
    MEMBERSHIP_ENDED = "membership.ended", "Ended someone's role"
    ACCOUNT_CREATED = "user.created", "Made an account for someone given a role"
    TWO_FACTOR_REMOVED = "user.two_factor_removed", "Turned off security codes"
    TWO_FACTOR_RESET = "user.two_factor_reset", "Removed someone's security-code device"
    SIGN_IN_SLOWED = "user.sign_in_slowed", "Sign-in attempts slowed after many failures"
    SESSION_LIMIT_REACHED = "user.session_limit_reached", "Signed out at the end of the longest session"
