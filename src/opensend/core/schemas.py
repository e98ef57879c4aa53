"""Small API references to other records, shared by every app's router."""

from ninja import Schema


class Ref(Schema):
    id: int
    name: str


class ChildRef(Schema):
    id: int
    first_name: str
    last_name: str
