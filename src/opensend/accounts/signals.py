"""Bookkeeping on sign-in: each new session remembers when it began, so that
`accounts.middleware.SessionLifetimeMiddleware` can end it after the longest allowed session."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from opensend.core import clock

SIGNED_IN_AT = "opensend_signed_in_at"


@receiver(user_logged_in, dispatch_uid="opensend.accounts.stamp_sign_in")
def stamp_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[SIGNED_IN_AT] = clock.now().timestamp()
