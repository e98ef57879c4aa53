"""The request id and client address of the request being served, for audit rows written deep in services."""

import contextvars
import dataclasses
from collections.abc import Callable


def _nobody() -> int | None:
    return None


@dataclasses.dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip_address: str | None
    # Asked only when something needs it (a log line), so that a request never loads its user just
    # to be logged; answers None until the user has been loaded for the request's own work.
    user_id_of: Callable[[], int | None] = _nobody

    @property
    def user_id(self) -> int | None:
        return self.user_id_of()


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "opensend_request", default=None
)


def set_current(ctx: RequestContext | None) -> contextvars.Token[RequestContext | None]:
    return _current.set(ctx)


def reset(token: contextvars.Token[RequestContext | None]) -> None:
    _current.reset(token)


def current() -> RequestContext | None:
    return _current.get()
