"""Errors that a person can cause and act on. One handler renders them on pages, one in the API."""


class ApplicationError(Exception):
    """A problem the user can fix. `message` is shown to them as written; `field` points at a form field.

    The API renders it in the one JSON error shape (`opensend.api.errors`), so a domain app raises it
    and never builds an error response itself. `fields` gives messages for several fields (or JSON
    pointers into a document) where one `field` is not enough; `response_extra` adds members beside
    `error` in the API's body (say, the saved copy after a conflict). `extra` is for the code that
    catches the error and is never sent.
    """

    status_code = 400

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        fields: dict[str, list[str]] | None = None,
        extra: dict[str, object] | None = None,
        response_extra: dict[str, object] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.fields = fields if fields is not None else ({field: [message]} if field else {})
        self.extra = extra or {}
        self.response_extra = response_extra or {}


class NotFound(ApplicationError):
    """Missing and forbidden look the same, so that the existence of a record never leaks."""

    status_code = 404

    def __init__(self, message: str = "Page not found") -> None:
        super().__init__(message)


class Conflict(ApplicationError):
    """Someone else changed the record since it was read (the change was not saved), or the record
    never changes (an issued plan, a decision)."""

    status_code = 409
