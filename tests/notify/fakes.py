"""Backends that fail on purpose, named by dotted path in NOTIFY_BACKEND."""

from opensend.notify.backends import Backend, OutgoingEmail, SendError


class AlwaysFailing(Backend):
    calls = 0

    def send(self, email: OutgoingEmail) -> str:
        type(self).calls += 1
        raise SendError("Connection refused by mail relay")


class Rejecting(Backend):
    calls = 0

    def send(self, email: OutgoingEmail) -> str:
        type(self).calls += 1
        raise SendError("Not a valid email address", permanent=True)


class FailsTwiceThenSends(Backend):
    calls = 0

    def send(self, email: OutgoingEmail) -> str:
        type(self).calls += 1
        if type(self).calls <= 2:
            raise RuntimeError("Temporary outage")
        return "provider-ref-3"
