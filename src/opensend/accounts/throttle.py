"""Slowing sign-in guesses by network address and across the whole service (ADR 0171).

django-axes locks one email address after a few failures (ADR 0004). That does nothing against
one address trying a few passwords on each of many accounts, or many addresses sharing the work.
So every failed password check is counted here by address, and:

- an address with more than SIGN_IN_ADDRESS_FAILURES failures in the window must wait before its
  next attempt is checked: 1 second after the first failure over, doubling with each further one,
  up to SIGN_IN_MAX_WAIT_SECONDS;
- when the whole service has more than SIGN_IN_GLOBAL_FAILURES failures in the window (guesses
  spread over many addresses), every address gets only SIGN_IN_ADDRESS_FAILURES_UNDER_ATTACK
  before it must wait.

Nobody is locked out: a school or council office behind one address waits seconds, never half an
hour, and a right password after the wait works. Attempts refused for waiting are not counted, so
waiting never makes the wait longer.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q

from opensend.core import clock

from .models import SignInFailure


@dataclass(frozen=True)
class Verdict:
    wait_seconds: int = 0
    under_attack: bool = False

    @property
    def allowed(self) -> bool:
        return self.wait_seconds <= 0


def _window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.SIGN_IN_THROTTLE_WINDOW_SECONDS)


def check(ip_address: str | None) -> Verdict:
    """May this address try a password now? One query over the window's failures."""
    now = clock.now()
    here = Q(ip_address=ip_address) if ip_address else Q(ip_address__isnull=True)
    counts = SignInFailure.objects.filter(occurred_at__gte=now - _window()).aggregate(
        total=Count("id"), here=Count("id", filter=here), last=Max("occurred_at", filter=here)
    )
    under_attack = counts["total"] >= settings.SIGN_IN_GLOBAL_FAILURES
    allowance = (
        settings.SIGN_IN_ADDRESS_FAILURES_UNDER_ATTACK if under_attack else settings.SIGN_IN_ADDRESS_FAILURES
    )
    over = counts["here"] - allowance
    if over < 0 or counts["last"] is None:
        return Verdict(0, under_attack)
    wait = min(settings.SIGN_IN_MAX_WAIT_SECONDS, 2**over)
    remaining = (counts["last"] + dt.timedelta(seconds=wait) - now).total_seconds()
    return Verdict(max(0, math.ceil(remaining)), under_attack)


def record_failure(ip_address: str | None) -> None:
    SignInFailure.objects.create(ip_address=ip_address or None)


def prune() -> str:
    """A scheduled job: failures older than a day count for nothing."""
    cutoff = clock.now() - max(_window(), dt.timedelta(days=1))
    deleted, _ = SignInFailure.objects.filter(occurred_at__lt=cutoff).delete()
    return f"{deleted} old sign-in failures deleted"
