"""Errors that a person can cause and act on. One handler renders them on pages, one in the API."""


class ApplicationError(Exception):
    """A problem the user can fix. `message` is shown to them as written; `field` points at a form field."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict[str, object] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class NotFound(ApplicationError):
    """Missing and forbidden look the same, so that the existence of a record never leaks."""

    status_code = 404

    def __init__(self, message: str = "Page not found") -> None:
        super().__init__(message)


class Conflict(ApplicationError):
    """Someone else changed the record since it was read: the change was not saved."""

    status_code = 409
