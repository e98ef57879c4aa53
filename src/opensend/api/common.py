"""What every app's API router shares: who is calling, and the small references to other records."""

from django.http import HttpRequest
from ninja import Schema

from opensend.accounts.principal import Principal


def caller(request: HttpRequest) -> Principal:
    """The principal the API authenticated (bearer token or verified session)."""
    return request.auth  # type: ignore[attr-defined,no-any-return]


class Ref(Schema):
    id: int
    name: str


class ChildRef(Schema):
    id: int
    first_name: str
    last_name: str
