"""Helpers shared by the plan services."""

from opensend.access.principal import Principal


def actor_name(by: Principal) -> str:
    if by.user is not None:
        return by.user.full_name
    return by.token.name if by.token is not None else ""
